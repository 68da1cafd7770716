package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.PublicReportEvent;
import io.fangxian.avro.PublicReportEventType;
import io.fangxian.avro.ReportChannel;
import io.fangxian.domain.Township;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Public reports (举报) and their steps. */
final class ReportGenerator {
  /** Reports received a day that find no hazard of the ledger (those that do come with their hazard). */
  private static final double REPORTS_PER_DAY = 1.2;

  private final GeneratorContext ctx;
  /** Public reports draw from their own stream too, so adding them left every other event as it was. */
  private final SplittableRandom reportRnd;
  private int reportSeq;

  ReportGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
    this.reportRnd = ctx.stream(0x12350L);
  }

  /** The background reports of an hour's bucket; {@code intensity} multiplies the rate. */
  void planBucket(Instant from, Instant to, double hours, double intensity) {
    GeneratorContext.arrivals(reportRnd, from, to, REPORTS_PER_DAY, hours, intensity, at -> randomReport(at, null, null));
  }

  /**
   * A public report (举报) and its steps. One that found a hazard ({@code hazardId}) was received when
   * the hazard was recorded (source PUBLIC_REPORT), accepted within half a day and verified
   * substantiated naming the hazard 1–6 days later (the ledger then links it); 6 in 10 of those are
   * rewarded (1 in 8 corrected by a later amount). Of the others: 1 in 10 is rejected, 1 in 6 names
   * only an address (no enterprise), 1 in 20 is accepted late, 1 in 8 is never verified (it goes
   * verification-overdue), the rest verified within 10–50 days, 1 in 3 of them substantiated. Most
   * verified reports are replied to within 1–9 days. 3 in 10 are anonymous.
   */
  void randomReport(Instant found, Enterprise subject, String hazardId) {
    boolean linked = hazardId != null;
    boolean addressOnly = !linked && reportRnd.nextInt(6) == 0;
    Enterprise e = linked ? subject : addressOnly ? null : ctx.enterprises.get(reportRnd.nextInt(ctx.enterprises.size()));
    Instant received = found; // never before what is planned already: the events go out in time order
    String township = e != null ? e.getTownshipId()
        : ctx.ref.townships().get(reportRnd.nextInt(ctx.ref.townships().size())).id();
    String reportId = ctx.id("JB", received, "%04d", ++reportSeq);
    ReportChannel[] channels = {ReportChannel.HOTLINE_12350, ReportChannel.HOTLINE_12350, ReportChannel.ONLINE,
        ReportChannel.ONLINE, ReportChannel.LETTER, ReportChannel.VISIT};
    String department = e != null ? ctx.words.departmentFor(e.getSectorId()) : "区应急管理局";
    schedule(reportStep(reportId, e, PublicReportEventType.RECEIVED, received).setTownshipId(township)
        .setChannel(channels[reportRnd.nextInt(channels.length)]).setAnonymous(reportRnd.nextInt(10) < 3)
        .setContent(e != null ? "反映" + e.getName() + "存在安全隐患" : "反映" + ctx.ref.township(township)
            .map(Township::nameZh).orElse("") + "某处存在安全隐患").build());
    if (!linked && reportRnd.nextInt(10) == 0) {
      schedule(reportStep(reportId, e, PublicReportEventType.REJECTED, reportDays(received, 0.1, 10))
          .setDepartmentId(department).build());
      return;
    }
    Instant accepted = !linked && reportRnd.nextInt(20) == 0 ? reportDays(received, 16, 40)
        : reportDays(received, 0.01, linked ? 0.5 : 3);
    schedule(reportStep(reportId, e, PublicReportEventType.ACCEPTED, accepted).setDepartmentId(department).build());
    if (reportRnd.nextInt(3) == 0) {
      schedule(reportStep(reportId, e, PublicReportEventType.ASSIGNED, reportDays(accepted, 0.05, 0.9))
          .setDepartmentId(e != null ? department : township).build());
    }
    Instant verified;
    boolean substantiated;
    if (linked) {
      verified = reportDays(accepted, 1, 6); // after any assignment; confirms the hazard recorded at receipt
      substantiated = true;
    } else if (reportRnd.nextInt(8) == 0) {
      return; // never verified: it goes verification-overdue
    } else {
      verified = reportDays(accepted, 10, 50);
      substantiated = reportRnd.nextInt(3) == 0;
    }
    schedule(reportStep(reportId, e, PublicReportEventType.VERIFIED, verified).setSubstantiated(substantiated)
        .setHazardIds(linked ? new ArrayList<>(List.of(hazardId)) : new ArrayList<>()).build());
    if (reportRnd.nextInt(10) < 9) {
      schedule(reportStep(reportId, e, PublicReportEventType.REPLIED, reportDays(verified, 1, 9)).build());
    }
    if (substantiated && reportRnd.nextInt(10) < 6) {
      Instant paid = reportDays(verified, 10, 40);
      schedule(reportStep(reportId, e, PublicReportEventType.REWARDED, paid)
          .setRewardYuan((double) (100 * (2 + reportRnd.nextInt(29)))).build());
      if (reportRnd.nextInt(8) == 0) {
        schedule(reportStep(reportId, e, PublicReportEventType.REWARDED, reportDays(paid, 1, 5))
            .setRewardYuan((double) (100 * (2 + reportRnd.nextInt(29)))).build());
      }
    }
  }

  private Instant reportDays(Instant from, double lo, double hi) {
    return GeneratorContext.daysAfter(reportRnd, from, lo, hi);
  }

  private PublicReportEvent.Builder reportStep(String reportId, Enterprise e, PublicReportEventType type, Instant at) {
    return PublicReportEvent.newBuilder().setEventId(GeneratorContext.uuid(reportRnd)).setReportId(reportId)
        .setType(type).setOccurredAt(at).setEnterpriseId(e == null ? null : e.getEnterpriseId());
  }

  /** Plans a step, and its resend, with the reports' own random stream. */
  private void schedule(PublicReportEvent r) {
    ctx.schedule(reportRnd, r.getOccurredAt(), r);
  }
}

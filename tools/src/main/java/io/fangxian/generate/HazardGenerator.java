package io.fangxian.generate;

import static io.fangxian.generate.GeneratorContext.fraction;
import static io.fangxian.generate.GeneratorContext.later;
import static io.fangxian.generate.GeneratorContext.seconds;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.HazardCategory;
import io.fangxian.avro.HazardEvent;
import io.fangxian.avro.HazardEventType;
import io.fangxian.avro.HazardSeverity;
import io.fangxian.avro.HazardSource;
import io.fangxian.avro.Supervision;
import io.fangxian.avro.SupervisionLevel;
import io.fangxian.domain.Clause;
import io.fangxian.domain.Township;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Hazards (事故隐患), each with its whole lifecycle planned at once, and 挂牌督办 of the major ones. */
final class HazardGenerator {
  private static final double PUBLIC_SHARE = 0.08;
  /** Major hazards put under 挂牌督办, and hazards whose re-check fails or that the enterprise accepts first. */
  private static final double SUPERVISED_SHARE = 0.85;
  private static final double RECHECK_FAILED_SHARE = 0.04;
  private static final double ACCEPTED_SHARE = 0.3;
  private static final SupervisionLevel[] SUPERVISION_LEVELS =
      {SupervisionLevel.TOWNSHIP, SupervisionLevel.DISTRICT, SupervisionLevel.CITY};
  /** Major hazards are rare: about 1 in 33 background hazards (the issue asks for well under 1 in 20). */
  private static final double MAJOR_SHARE = 0.03;
  private static final Pattern MANAGEMENT_WORDS = Pattern.compile("未[^，。；]*(制度|培训|考核|审批|方案|预案|检查|管理|备案|许可|资格)");

  enum Outcome { QUICK, NORMAL, EXTENDED, STALLED }

  /** What to plan for one hazard; unset fields are drawn at random. */
  static final class HazardPlan {
    final Enterprise enterprise;
    final Instant reportedAt;
    final HazardSource source;
    String inspectionId;
    HazardSeverity severity;
    Outcome outcome;
    Instant deadline;
    Boolean startRectification; // null: at random
    Boolean supervise; // a major hazard put under 挂牌督办; null: at random

    HazardPlan(Enterprise enterprise, Instant reportedAt, HazardSource source) {
      this.enterprise = enterprise;
      this.reportedAt = reportedAt;
      this.source = source;
    }
  }

  private final GeneratorContext ctx;
  private final CaseGenerator cases;
  private final ReportGenerator reports;
  private int hazardSeq;

  HazardGenerator(GeneratorContext ctx, CaseGenerator cases, ReportGenerator reports) {
    this.ctx = ctx;
    this.cases = cases;
    this.reports = reports;
  }

  /** The hazards found by public reports in an hour's bucket ({@code perBucket}: the hazards expected in all). */
  void planBucket(Instant from, Instant to, double perBucket) {
    for (int i = ctx.poisson(perBucket * PUBLIC_SHARE); i > 0; i--) {
      Enterprise e = ctx.backgroundPicker.pick();
      if (!ctx.isQuiet(e)) {
        hazard(new HazardPlan(e, ctx.between(from, to), HazardSource.PUBLIC_REPORT));
      }
    }
  }

  /**
   * A clause a major hazard of the sector meets: one of the sector's own standard when there is one,
   * else a clause for every sector (the fire criteria); null if the catalogue has none.
   */
  private Clause clauseFor(String sectorId) {
    List<Clause> all = ctx.ref.criteria().forSector(sectorId);
    List<Clause> own = all.stream().filter(c -> !c.sectors().isEmpty()).toList();
    return own.isEmpty() ? (all.isEmpty() ? null : ctx.oneOf(all)) : ctx.oneOf(own);
  }

  /** What a clause is mostly about: a duty not done (未…制度/培训/考核/审批/方案/预案) or a thing in a bad state. */
  private static HazardCategory categoryOf(Clause clause) {
    return MANAGEMENT_WORDS.matcher(clause.text()).find() ? HazardCategory.MANAGEMENT_DEFECT : HazardCategory.UNSAFE_CONDITION;
  }

  /** Plans a hazard's whole lifecycle and returns its id. */
  String hazard(HazardPlan p) {
    Instant t0 = p.reportedAt;
    HazardSeverity severity = p.severity != null ? p.severity
        : ctx.rnd.nextDouble() < MAJOR_SHARE ? HazardSeverity.MAJOR : HazardSeverity.GENERAL;
    boolean major = severity == HazardSeverity.MAJOR;
    Outcome outcome = p.outcome;
    if (outcome == null) {
      double u = ctx.rnd.nextDouble();
      outcome = u < 0.08 ? Outcome.STALLED
          : !major && u < 0.33 ? Outcome.QUICK
          : u < (major ? 0.33 : 0.43) ? Outcome.EXTENDED
          : Outcome.NORMAL;
    }
    Instant deadline = p.deadline != null ? p.deadline
        : ctx.endOfDay(t0.plus(Duration.ofDays(major ? 5 + ctx.rnd.nextInt(11) : 7 + ctx.rnd.nextInt(24))));
    String id = ctx.id("YH", t0, "%05d", ++hazardSeq);
    String enterpriseId = p.enterprise.getEnterpriseId();

    HazardEvent.Builder report = hazardEvent(id, enterpriseId, HazardEventType.REPORTED, t0)
        .setSeverity(severity)
        .setSource(p.source)
        .setDeadline(deadline)
        .setInspectionId(p.inspectionId);
    Clause clause = major ? clauseFor(p.enterprise.getSectorId()) : null;
    if (clause != null) {
      report.setClauseId(clause.id()).setCategory(categoryOf(clause))
          .setDescription("重大事故隐患（" + clause.standardShort() + " " + clause.article() + "）：" + clause.text());
    } else {
      GeneratorWords.Finding finding = ctx.oneOf(ctx.words.hazardDescriptionsFor(p.enterprise.getSectorId()));
      report.setCategory(finding.category()).setDescription((major ? "重大事故隐患：" : "") + finding.text());
    }
    schedule(t0, report);
    if (major && p.severity == null) {
      cases.randomCase(t0, p.enterprise, id); // background major hazards are mostly answered by a case
    }
    if (p.source == HazardSource.PUBLIC_REPORT) {
      reports.randomReport(t0, p.enterprise, id); // the report whose verification found it
    }

    Instant t1 = outcome == Outcome.QUICK ? t0.plus(seconds(ctx.uniform(120, 1800)))
        : t0.plus(seconds(ctx.uniform(major ? 1800 : 7200, major ? 86_400 : 3 * 86_400)));
    boolean supervised = major && (p.supervise != null ? p.supervise : ctx.rnd.nextDouble() < SUPERVISED_SHARE);
    if (supervised) {
      Instant ts = t0.plus(seconds(ctx.uniform(300, Math.max(360, Duration.between(t0, t1).toSeconds() - 60))));
      schedule(ts, hazardEvent(id, enterpriseId, HazardEventType.SUPERVISION_ASSIGNED, ts)
          .setSupervision(supervision(p.enterprise, deadline)));
    }
    if (outcome == Outcome.STALLED
        && !(p.startRectification != null ? p.startRectification : ctx.rnd.nextDouble() < 0.7)) {
      return id;
    }
    schedule(t1, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFICATION_STARTED, t1)));
    if (outcome == Outcome.STALLED) {
      return id;
    }
    Instant t2;
    if (outcome == Outcome.QUICK) {
      t2 = t1.plus(seconds(ctx.uniform(1200, 4 * 3600)));
    } else {
      Instant from = t1;
      if (outcome == Outcome.EXTENDED) {
        Instant te = later(t1.plus(Duration.ofHours(1)), fraction(t0, deadline, ctx.uniform(0.5, 0.85)));
        deadline = ctx.endOfDay(deadline.plus(Duration.ofDays(7 + ctx.rnd.nextInt(14))));
        schedule(te, note(hazardEvent(id, enterpriseId, HazardEventType.DEADLINE_EXTENDED, te)).setDeadline(deadline));
        from = te;
      }
      t2 = later(from.plus(Duration.ofMinutes(30)), fraction(from, deadline, ctx.uniform(0.2, 0.9)));
    }
    schedule(t2, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFIED, t2)));
    if (ctx.rnd.nextDouble() < RECHECK_FAILED_SHARE) {
      Instant failed = t2.plus(seconds(ctx.uniform(1800, 86_400)));
      schedule(failed, hazardEvent(id, enterpriseId, HazardEventType.RECHECK_FAILED, failed).setDescription("复查不合格，责令重新整改"));
      t2 = failed.plus(seconds(ctx.uniform(3600, 2 * 86_400)));
      schedule(t2, note(hazardEvent(id, enterpriseId, HazardEventType.RECTIFIED, t2)));
    }
    Duration verify = Duration.ofSeconds((long) ctx.uniform(3600, outcome == Outcome.QUICK ? 86_400 : 3 * 86_400));
    Duration room = Duration.between(t2, deadline);
    if (room.compareTo(Duration.ofHours(2)) > 0 && verify.compareTo(room) > 0) {
      verify = room.minusHours(1);
    }
    Instant t3 = t2.plus(verify);
    if (ctx.rnd.nextDouble() < ACCEPTED_SHARE) {
      Instant ta = t2.plus(verify.dividedBy(2));
      schedule(ta, hazardEvent(id, enterpriseId, HazardEventType.ENTERPRISE_ACCEPTED, ta).setDescription("企业组织验收合格"));
      if (!supervised && !major && ctx.rnd.nextBoolean()) {
        return id; // a general hazard closed by the enterprise's own acceptance
      }
    }
    schedule(t3, note(hazardEvent(id, enterpriseId, HazardEventType.VERIFIED_CLOSED, t3)));
    return id;
  }

  /** 挂牌督办 of a major hazard: the level, the department of its sector, and the five things in place (五落实). */
  private Supervision supervision(Enterprise e, Instant deadline) {
    SupervisionLevel level = SUPERVISION_LEVELS[ctx.pickIndex(new double[] {50, 40, 10})];
    String department = level == SupervisionLevel.TOWNSHIP
        ? ctx.ref.township(e.getTownshipId()).map(Township::nameZh).orElse("") + "安全生产监督管理办公室"
        : level == SupervisionLevel.CITY ? "常州市应急管理局" : ctx.words.departmentFor(e.getSectorId());
    return Supervision.newBuilder()
        .setLevel(level)
        .setDepartment(department)
        .setLeader(ctx.person())
        .setMeasures("停用相关设施，制定专项整改方案")
        .setResponsiblePerson(ctx.person() + "（企业主要负责人）")
        .setFundsYuan((double) (10_000 * (1 + ctx.rnd.nextInt(50))))
        .setTimeLimit(deadline)
        .setContingencyPlan("整改期间落实专项应急预案和现场监护")
        .build();
  }

  private HazardEvent.Builder hazardEvent(String hazardId, String enterpriseId, HazardEventType type, Instant at) {
    return HazardEvent.newBuilder()
        .setEventId(ctx.uuid())
        .setHazardId(hazardId)
        .setEnterpriseId(enterpriseId)
        .setType(type)
        .setOccurredAt(at)
        .setSeverity(null)
        .setSource(null)
        .setDeadline(null)
        .setDescription(null)
        .setInspectionId(null);
  }

  private HazardEvent.Builder note(HazardEvent.Builder b) {
    return b.setDescription(ctx.oneOf(ctx.words.lifecycleNotes().get(b.getType().name())));
  }

  private void schedule(Instant at, HazardEvent.Builder b) {
    ctx.schedule(at, b.build());
  }
}

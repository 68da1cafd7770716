package io.fangxian.generate;

import io.fangxian.alerts.Responsibilities;
import io.fangxian.avro.CertificateEvent;
import io.fangxian.avro.CertificatePost;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.Grid;
import io.fangxian.avro.Leader;
import io.fangxian.avro.LeaderRole;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.Township;
import io.fangxian.standing.CertificateCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The reference data delivered after the enterprises: the supervision roster, the grids and the
 * certificates, each drawn from a random stream of its own, not the events' one.
 */
final class ReferenceDataGenerator {
  private final GeneratorContext ctx;

  ReferenceDataGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
  }

  /** Three grids per township (网格), each with its grid worker (网格员). */
  List<Grid> grids() {
    SplittableRandom names = ctx.stream(0x20261204L);
    List<Grid> grids = new ArrayList<>();
    for (Township t : ctx.ref.townships()) {
      for (int g = 1; g <= DataGenerator.GRIDS_PER_TOWNSHIP; g++) {
        grids.add(Grid.newBuilder().setGridId(t.id() + "-G" + g).setName(t.nameZh() + "第" + g + "网格")
            .setTownshipId(t.id()).setCommunity(t.nameZh() + "第" + g + "社区")
            .setWorkerName(ctx.person(names)).build());
      }
    }
    return grids;
  }

  /**
   * A plausible supervision roster: each township's linked leader (镇(街道)分管负责人, linked to its
   * key-supervised enterprises), the head of each supervising department of the responsibility
   * list, the emergency bureau, and the 分管副区长. Drawn from its own random stream, so the events
   * stay as they were for a seed.
   */
  List<Leader> roster() {
    SplittableRandom names = ctx.stream(0x20231201L);
    Supplier<String> person = () -> ctx.person(names);
    List<Leader> leaders = new ArrayList<>();
    for (Township t : ctx.ref.townships()) {
      leaders.add(Leader.newBuilder().setLeaderId("LD-T-" + t.id()).setName(t.nameZh() + " " + person.get())
          .setRole(LeaderRole.TOWNSHIP_LEADER).setDepartment(t.nameZh() + "安全生产监督管理办公室")
          .setTownshipIds(List.of(t.id()))
          .setEnterpriseIds(ctx.keySupervised.stream().filter(e -> e.getTownshipId().equals(t.id()))
              .map(Enterprise::getEnterpriseId).toList())
          .build());
    }
    int n = 0;
    for (String department : new TreeSet<>(Responsibilities.builtIn().values())) {
      leaders.add(Leader.newBuilder().setLeaderId("LD-D-" + (++n)).setName(person.get())
          .setRole(LeaderRole.DEPARTMENT_HEAD).setDepartment(department).build());
    }
    leaders.add(Leader.newBuilder().setLeaderId("LD-B-1").setName(person.get()).setRole(LeaderRole.EMERGENCY_BUREAU)
        .setDepartment("区应急管理局").build());
    leaders.add(Leader.newBuilder().setLeaderId("LD-V-1").setName(person.get()).setRole(LeaderRole.DEPUTY_DISTRICT_HEAD)
        .setDepartment("区人民政府").build());
    return leaders;
  }

  /**
   * Certificates of the key posts (三项岗位) for the enterprises that need them: most valid (3 years,
   * issued 0–30 months ago), and, as a district's records would show, some expiring within 30
   * days, some expired and some posts never certified. Drawn from their own random stream.
   */
  List<CertificateEvent> certificates() {
    SplittableRandom r = ctx.stream(0x3C3C3C3CL);
    CertificateCheck check = new CertificateCheck(ctx.ref);
    Instant now = ctx.config.start();
    List<CertificateEvent> certificates = new ArrayList<>();
    for (Enterprise e : ctx.enterprises) {
      if (!check.requiresKeyPosts(e)) {
        continue;
      }
      for (CertificatePost post : List.of(CertificatePost.PRINCIPAL, CertificatePost.SAFETY_MANAGER)) {
        double draw = r.nextDouble();
        if (draw < 0.03) {
          continue; // never certified
        }
        Instant expires = draw < 0.08 ? now.plus(Duration.ofDays(1 + r.nextInt(29))) // expiring
            : draw < 0.12 ? now.minus(Duration.ofDays(1 + r.nextInt(200))) // expired
            : now.plus(Duration.ofDays(31 + r.nextInt(1000)));
        String holder = CreditCode.generate(r, DataGenerator.DIVISION_CODE).substring(0, 12) + post.ordinal();
        certificates.add(CertificateEvent.newBuilder().setEventId("cert-" + e.getEnterpriseId() + "-" + post)
            .setCertificateId((post == CertificatePost.PRINCIPAL ? "ZFZ-" : "AQG-") + e.getEnterpriseId())
            .setHolderId(holder).setHolderName(ctx.person(r))
            .setEnterpriseId(e.getEnterpriseId()).setPost(post)
            .setIssuedAt(expires.minus(Duration.ofDays(3 * 365))).setExpiresAt(expires).build());
      }
    }
    certificates.addAll(specialOperatorCertificates(now));
    return certificates;
  }

  /**
   * A special operator's certificate for each operation an enterprise does (6 years, reviewed every
   * 3: 原国家安全监管总局令第30号 第十九、二十一条): issued 0–70 months ago; most of those past their
   * review were reviewed, some were not, some are in the 60 days before it; a few operations have
   * none. Drawn from their own random stream.
   */
  private List<CertificateEvent> specialOperatorCertificates(Instant now) {
    SplittableRandom r = ctx.stream(0x5E5E5E5EL);
    List<CertificateEvent> certificates = new ArrayList<>();
    for (Enterprise e : ctx.enterprises) {
      for (String operation : e.getSpecialOperations()) {
        if (r.nextDouble() < 0.05) {
          continue; // nobody certified for it
        }
        Instant issued = now.minus(Duration.ofDays(30L * r.nextInt(71) + r.nextInt(30)));
        Instant reviewDue = issued.atOffset(ZoneOffset.ofHours(8)).plusYears(3).toInstant();
        boolean reviewed = reviewDue.isBefore(now) && r.nextDouble() < 0.8;
        String holder = CreditCode.generate(r, DataGenerator.DIVISION_CODE).substring(0, 12) + "T";
        certificates.add(CertificateEvent.newBuilder().setEventId("cert-" + e.getEnterpriseId() + "-" + operation)
            .setCertificateId("TZ-" + e.getEnterpriseId() + "-" + Math.floorMod(operation.hashCode(), 1000))
            .setHolderId(holder).setHolderName(ctx.person(r))
            .setEnterpriseId(e.getEnterpriseId()).setPost(CertificatePost.SPECIAL_OPERATOR).setOperationType(operation)
            .setIssuedAt(issued).setExpiresAt(issued.atOffset(ZoneOffset.ofHours(8)).plusYears(6).toInstant())
            .setReviewedAt(reviewed ? reviewDue.minus(Duration.ofDays(20)) : null).build());
      }
    }
    return certificates;
  }
}

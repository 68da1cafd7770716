package io.fangxian.enterprises;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fangxian.avro.Enterprise;
import io.fangxian.avro.internal.EnterpriseStanding;
import io.fangxian.standing.Coverage;
import io.fangxian.standing.StandingCounters;
import io.fangxian.store.StoreNames;
import io.fangxian.web.LocalQuery;
import io.fangxian.web.Params;
import io.fangxian.web.ReadContext;
import io.fangxian.web.Resource;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Coverage's REST resource: the grid worker's visiting list ({@code GET /api/v1/coverage/unvisited}),
 * the open enterprises nobody has visited within the asked days, read from {@code enterprise-standing}.
 */
public final class CoverageApi implements Resource {
  /** The enterprises of an area not visited within {@code days}. */
  public record NotVisitedWithin(int days, VisitingFilter filter) { }

  /** One line of the grid worker's visiting list: an enterprise nobody has inspected within the asked days. */
  public record Unvisited(String enterpriseId, String name, String townshipId, String townshipName, String gridId,
                          String sectorId, String sectorName, boolean keyArea, String riskLevel,
                          Instant lastInspectedAt, Long daysSinceInspection, Instant lastVisitedAt,
                          Long daysSinceVisit) { }

  /** The visiting list: worst first (key areas, then higher risk, then never or longest uninspected). */
  public record VisitingList(int days, int total, List<Unvisited> enterprises) { }

  /** Key areas first, then the higher risk grade, then never visited, then the longest ago; ties by id. */
  static final Comparator<Unvisited> VISITING_ORDER = Comparator.comparing((Unvisited u) -> !u.keyArea())
      .thenComparing(u -> riskRank(u.riskLevel()))
      .thenComparing(Unvisited::lastVisitedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Unvisited::enterpriseId);

  private final ReadContext read;
  private final LocalQuery<NotVisitedWithin, List<Unvisited>> unvisited;

  public CoverageApi(ReadContext read) {
    this.read = read;
    unvisited = read.router().serve(LocalQuery.inParts("unvisited", StoreNames.ENTERPRISE_STANDING, NotVisitedWithin.class,
        new TypeReference<>() { }, u -> localUnvisited(u.days(), u.filter().matches(read.reference()))));
  }

  @Override
  public void routes(Javalin app) {
    app.get("/api/v1/coverage/unvisited", ctx -> {
      Params.allowOnly(ctx, Set.of("days", "townshipId", "gridId", "sectorId", "parkId", "keyAreaOnly", "limit"));
      int days = Params.intInRange(ctx, "days", 90, 1, 3_650);
      VisitingFilter where = new VisitingFilter(Params.optional(ctx, "townshipId"), Params.optional(ctx, "gridId"),
          Params.optional(ctx, "sectorId"), Params.optional(ctx, "parkId"),
          "true".equals(Params.oneOf(ctx, "keyAreaOnly", List.of("true", "false"))));
      int limit = Params.intInRange(ctx, "limit", 100, 1, 5_000);
      ctx.json(visitingList(days, where, limit));
    });
  }

  /**
   * The grid worker's visiting list: open enterprises not inspected within {@code days} by anyone but
   * themselves, gathered from every instance, worst first, at most {@code limit}.
   */
  VisitingList visitingList(int days, VisitingFilter where, int limit) {
    List<Unvisited> all = new ArrayList<>();
    read.router().gather(unvisited, new NotVisitedWithin(days, where)).forEach(all::addAll);
    all.sort(VISITING_ORDER);
    return new VisitingList(days, all.size(), List.copyOf(all.subList(0, Math.min(limit, all.size()))));
  }

  /**
   * The enterprises of this instance's partitions not visited within {@code days}, open ones only,
   * matching {@code where}; worst first. A visit is an inspection by a department or a leader, or a
   * grid worker's patrol (网格巡查): the list is the grid worker's.
   */
  private List<Unvisited> localUnvisited(int days, Predicate<Enterprise> where) {
    Instant now = read.now();
    List<Unvisited> found = new ArrayList<>();
    read.state().<EnterpriseStanding>store(StoreNames.ENTERPRISE_STANDING).ifPresent(st -> {
      try (KeyValueIterator<String, EnterpriseStanding> it = st.all()) {
        it.forEachRemaining(kv -> {
          Enterprise e = kv.value.getEnterprise();
          Instant inspected = kv.value.getLastInspectedAt();
          Instant last = Coverage.lastVisit(inspected, kv.value.getLastPatrolledAt());
          if (StandingCounters.counts(e) && where.test(e) && !Coverage.inspectedWithin(last, Duration.ofDays(days), now)) {
            found.add(new Unvisited(e.getEnterpriseId(), e.getName(), e.getTownshipId(),
                read.reference().townshipName(e.getTownshipId()), e.getGridId(), e.getSectorId(),
                read.reference().sectorName(e.getSectorId()), read.reference().inKeyArea(e), e.getRiskLevel().name(),
                inspected, Coverage.daysSince(inspected, now), last, Coverage.daysSince(last, now)));
          }
        });
      }
    });
    found.sort(VISITING_ORDER);
    return found;
  }

  private static int riskRank(String level) {
    return switch (level) {
      case "RED" -> 0;
      case "ORANGE" -> 1;
      case "YELLOW" -> 2;
      case "BLUE" -> 3;
      default -> 4;
    };
  }
}

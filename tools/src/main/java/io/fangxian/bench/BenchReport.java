package io.fangxian.bench;

import java.util.Map;

/** The benchmark's figures as a table for the terminal. */
final class BenchReport {
  private BenchReport() { }

  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> r) {
    Map<String, Object> input = (Map<String, Object>) r.get("input");
    Map<String, Object> a = (Map<String, Object>) r.get("baseline");
    Map<String, Object> b = (Map<String, Object>) r.get("atLeastOnce");
    Map<String, Object> c = (Map<String, Object>) r.get("exactlyOnce");
    Map<String, Object> ratios = (Map<String, Object>) r.get("ratios");
    Map<String, Object> lat = (Map<String, Object>) r.get("latency");
    Map<String, Object> res = (Map<String, Object>) r.get("restore");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("Fangxian benchmark: %,d events, %,d enterprises, %s partitions, %s cores%n",
        ((Number) input.get("events")).longValue(), ((Number) input.get("enterprises")).longValue(),
        input.get("partitions"), ((Map<String, Object>) r.get("machine")).get("cores")));
    sb.append(String.format("%-34s %12s %10s %14s %14s%n", "run", "events/s", "seconds", "CPU µs/event", "(app threads)"));
    sb.append(row("(a) baseline: plain consumer", a, "workerCpuMicrosPerEvent"));
    sb.append(row("(b) pipeline at_least_once", b, "appThreadsCpuMicrosPerEvent"));
    sb.append(row("(c) pipeline exactly_once_v2", c, "appThreadsCpuMicrosPerEvent"));
    sb.append(String.format("ratios: b/a = %s, c/b = %s   (figures equal the baseline's: b %s, c %s)%n",
        ratios.get("atLeastOnceOverBaseline"), ratios.get("exactlyOnceOverAtLeastOnce"),
        b.get("figuresMatchBaseline"), c.get("figuresMatchBaseline")));
    sb.append(String.format("latency (c) at %s events/s for %s s, send → HazardState readable (read_committed):%n"
            + "  p50 %s ms, p99 %s ms, max %s ms (%s of %s received)%n",
        lat.get("offeredRate"), lat.get("seconds"), lat.get("p50Ms"), lat.get("p99Ms"), lat.get("maxMs"),
        lat.get("received"), lat.get("sent")));
    sb.append(String.format("restore after wiping local state: RUNNING again in %s s (%,d records, %,.0f/s);%n"
            + "  a plain consumer reads the same %s changelogs (%,d records, %s MB) in %s s (%,.0f/s)%n",
        res.get("appSecondsToRunning"), ((Number) res.get("recordsRestored")).longValue(),
        ((Number) res.get("appRecordsPerSec")).doubleValue(), res.get("changelogTopics"),
        ((Number) res.get("changelogRecords")).longValue(), res.get("changelogMb"), res.get("rawConsumerSeconds"),
        ((Number) res.get("rawRecordsPerSec")).doubleValue()));
    Map<String, Object> footprint = (Map<String, Object>) r.get("footprint");
    if (footprint != null) {
      sb.append(String.format("footprint of (c): state on disk %s MB, heap in use after a full GC %s MB "
          + "(the whole JVM, broker included)%n", footprint.get("stateOnDiskMb"), footprint.get("heapUsedAfterGcMb")));
    }
    sb.append(String.format("per event and against the plain consumer: c/a = %s, %s changelog records per event, "
            + "restore/raw read = %s, p99 = %s ms%n", ratios.get("exactlyOnceOverBaseline"),
        ratios.get("changelogRecordsPerEvent"), ratios.get("restoreOverRaw"), ratios.get("p99Ms")));
    return sb.toString();
  }

  private static String row(String name, Map<String, Object> m, String threads) {
    return String.format("%-34s %,12.0f %10s %14s %14s%n", name, ((Number) m.get("eventsPerSec")).doubleValue(),
        m.get("seconds"), m.get("processCpuMicrosPerEvent"), m.get(threads));
  }
}

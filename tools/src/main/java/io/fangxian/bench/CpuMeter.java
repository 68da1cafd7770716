package io.fangxian.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/** CPU time of this process and of chosen threads (by name), in nanoseconds. */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuMeter() { }

  /** CPU time of the whole JVM (all threads, the in-process broker included). */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** CPU time of the live threads whose name matches; threads that have ended are not counted. */
  static long threadCpuNanos(Predicate<String> name) {
    long total = 0;
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && name.test(infos[i].getThreadName())) {
        long t = THREADS.getThreadCpuTime(ids[i]);
        if (t > 0) {
          total += t;
        }
      }
    }
    return total;
  }
}

package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedErrorLogTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void anErrorIsLoggedOnceAndThenOnceAMinuteWithItsCount() {
    AtomicLong now = new AtomicLong(1_000 * SECOND);
    RepeatedErrorLog errors = new RepeatedErrorLog(LoggerFactory.getLogger(RepeatedErrorLogTest.class), now::get);
    RuntimeException cause = new RuntimeException("x");

    assertThat(errors.error("store unreadable", cause)).as("first time").isTrue();
    for (int i = 0; i < 59; i++) {
      now.addAndGet(SECOND);
      assertThat(errors.error("store unreadable", cause)).as("repeat within the minute").isFalse();
    }
    assertThat(errors.error("another error", cause)).as("a different message is its own error").isTrue();
    now.addAndGet(SECOND);
    assertThat(errors.error("store unreadable", cause)).as("a minute later, with the count").isTrue();
    assertThat(errors.error("store unreadable", cause)).isFalse();
  }
}

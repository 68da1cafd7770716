package io.fangxian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The personal to-do list's choice and order: open handling naming the person, most urgent first. */
class MyAlertsTest {
  static final Instant T = Instant.parse("2026-07-01T02:00:00Z");

  static AlertViews.AlertView alert(String key, String level, String state, String responsible, boolean overdue,
      Instant acknowledgeBy, Instant firstFired) {
    boolean open = !state.equals("CLOSED") && !state.equals("NOT_REQUIRED");
    return new AlertViews.AlertView(key, "overdue-rectification", level, null, "FIRING", null, "t", "m", null, null, null,
        firstFired, firstFired, firstFired, null,
        new AlertViews.Handling(state, open, responsible, "镇(街道)分管负责人", false, 0, acknowledgeBy,
            acknowledgeBy.plusSeconds(86_400), overdue, false, List.of()));
  }

  @Test
  void onlyOpenHandlingNamingThePersonIsTheirs() {
    Set<String> names = MyAlerts.names("L1", "金城镇 王某");
    assertThat(names).containsExactly("L1", "金城镇 王某");
    assertThat(MyAlerts.mine(alert("a", "BLUE", "UNACKNOWLEDGED", "金城镇 王某", false, T, T), names)).isTrue();
    assertThat(MyAlerts.mine(alert("b", "BLUE", "ACKNOWLEDGED", "金城镇 王某", false, T, T), names)).isTrue();
    assertThat(MyAlerts.mine(alert("c", "BLUE", "NOT_REQUIRED", "金城镇 王某", false, T, T), names)).isFalse();
    assertThat(MyAlerts.mine(alert("d", "BLUE", "CLOSED", "金城镇 王某", false, T, T), names)).isFalse();
    assertThat(MyAlerts.mine(alert("e", "RED", "UNACKNOWLEDGED", "李某", false, T, T), names)).isFalse();
    assertThat(MyAlerts.names("金城镇 王某", null)).containsExactly("金城镇 王某");
  }

  @Test
  void mostUrgentFirstLevelThenMissedLimitsThenTheSoonestLimitThenAge() {
    List<AlertViews.AlertView> sorted = MyAlerts.sorted(List.of(
        alert("blue-old", "BLUE", "UNACKNOWLEDGED", "p", false, T.plusSeconds(60), T.minusSeconds(900)),
        alert("yellow-late-limit", "YELLOW", "UNACKNOWLEDGED", "p", false, T.plusSeconds(7200), T),
        alert("yellow-missed", "YELLOW", "UNACKNOWLEDGED", "p", true, T.plusSeconds(9000), T),
        alert("red", "RED", "ACKNOWLEDGED", "p", false, T.plusSeconds(99_000), T),
        alert("yellow-soon", "YELLOW", "UNACKNOWLEDGED", "p", false, T.plusSeconds(600), T),
        alert("blue-new", "BLUE", "UNACKNOWLEDGED", "p", false, T.plusSeconds(60), T)));
    assertThat(sorted).extracting(AlertViews.AlertView::alertKey).containsExactly(
        "red", "yellow-missed", "yellow-soon", "yellow-late-limit", "blue-old", "blue-new");
  }
}

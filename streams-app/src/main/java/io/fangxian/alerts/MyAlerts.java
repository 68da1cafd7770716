package io.fangxian.alerts;

import io.fangxian.alerts.AlertViews.AlertView;
import io.fangxian.alerts.AlertViews.Handling;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The personal to-do list ({@code GET /api/v1/me/alerts}): the alerts whose open handling names
 * the token's person as responsible, most urgent first. Pure functions.
 *
 * <p>Urgency: the level first (RED, ORANGE, YELLOW, BLUE); then an alert whose 签收 or 反馈 limit has
 * already passed; then the one whose next limit comes soonest; then the oldest (first fired).
 */
final class MyAlerts {
  private MyAlerts() { }

  /** The names a person goes by in alerts' handling: the configured value, and the roster's name for a leaderId. */
  static Set<String> names(String person, String rosterName) {
    Set<String> names = new LinkedHashSet<>();
    if (person != null) {
      names.add(person);
    }
    if (rosterName != null) {
      names.add(rosterName);
    }
    return names;
  }

  /** Whether the person must act on the alert now: its handling is open and names them. */
  static boolean mine(AlertView a, Set<String> names) {
    return a.handling() != null && a.handling().open() && names.contains(a.handling().responsible());
  }

  static final Comparator<AlertView> URGENCY = Comparator
      .comparingInt((AlertView a) -> -rank(a.level()))
      .thenComparing(a -> !a.handling().overdue())
      .thenComparing(MyAlerts::nextLimit, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(AlertView::firstFiredAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(AlertView::alertKey);

  /** RED 4 … BLUE 1, anything else 0. */
  static int rank(String level) {
    return switch (level == null ? "" : level) {
      case "RED" -> 4;
      case "ORANGE" -> 3;
      case "YELLOW" -> 2;
      case "BLUE" -> 1;
      default -> 0;
    };
  }

  /** The next handling limit the person must meet: 签收 while unacknowledged, then 反馈. */
  static Instant nextLimit(AlertView a) {
    Handling h = a.handling();
    return "UNACKNOWLEDGED".equals(h.state()) ? h.acknowledgeBy()
        : "ACKNOWLEDGED".equals(h.state()) ? h.feedbackBy() : null;
  }

  static List<AlertView> sorted(List<AlertView> alerts) {
    return alerts.stream().sorted(URGENCY).toList();
  }
}

package io.fangxian.accountability;

import io.fangxian.avro.InspectionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * When a unit answers for what others found (考核 / 漏检). Judged on event time only, so the order in
 * which the inspection and the report arrive does not matter: an inspection that arrives after the
 * report it precedes is charged just the same.
 */
public final class Misses {
  /**
   * The kinds of inspection a unit answers for: its own supervision. A flying inspection (FLYING) is
   * the check on the others, and a self-inspection (SELF_INSPECTION) is the enterprise's own.
   */
  public static final Set<InspectionKind> CHARGED = Set.of(InspectionKind.ROUTINE, InspectionKind.LINKED_SUPERVISION,
      InspectionKind.GRID_PATROL);

  private final Duration window;

  public Misses(Duration window) {
    this.window = window;
  }

  public static boolean charged(InspectionKind kind) {
    return CHARGED.contains(kind);
  }

  /**
   * Whether an inspection at {@code inspectedAt} falls within the window before something found at
   * {@code foundAt}: from exactly {@code window} before it (inclusive) up to its instant (exclusive;
   * an inspection at the same instant or later did not precede it).
   */
  public boolean within(Instant inspectedAt, Instant foundAt) {
    return inspectedAt.isBefore(foundAt) && !inspectedAt.isBefore(foundAt.minus(window));
  }
}

package io.fangxian.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fangxian.avro.Alert;
import io.fangxian.avro.AlertEvidence;
import io.fangxian.avro.AlertHandling;
import io.fangxian.avro.AlertSubject;
import io.fangxian.avro.HandlingState;
import io.fangxian.config.RuleCatalogue;
import io.fangxian.config.RulesConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The alerts, their handling and the rule catalogue as the API shows them. */
public final class AlertViews {
  private AlertViews() { }

  public record Subject(String type, String id, String name, String townshipId, String townshipName,
                        String sectorId, String sectorName, String enterpriseId, String enterpriseName) {
    public static Subject from(AlertSubject s) {
      return new Subject(s.getType().name(), s.getId(), s.getName(), s.getTownshipId(), s.getTownshipName(),
          s.getSectorId(), s.getSectorName(), s.getEnterpriseId(), s.getEnterpriseName());
    }
  }

  public record Evidence(Map<String, Double> figures, Map<String, Double> thresholds, List<String> eventIds,
                         List<String> hazardIds) {
    public static Evidence from(AlertEvidence e) {
      return new Evidence(new TreeMap<>(e.getFigures()), new TreeMap<>(e.getThresholds()),
          List.copyOf(e.getEventIds()), List.copyOf(e.getHazardIds()));
    }
  }

  /**
   * One section of the rules file as the API's rule catalogue lists it: what it rests on
   * ({@code basis} RULE or CHOICE, and its {@code source}) and the values in force ({@code settings}).
   */
  public record RuleView(String setting, String nameZh, List<String> alertRules, String basis, String source,
                         JsonNode settings) {
    private static final ObjectMapper SETTINGS = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    public static List<RuleView> all(RulesConfig rules) {
      JsonNode tree = SETTINGS.valueToTree(rules);
      return RuleCatalogue.ENTRIES.stream().map(e -> {
        JsonNode settings = tree;
        for (String part : e.setting().split("\\.")) {
          settings = settings.path(part);
        }
        return new RuleView(e.setting(), e.nameZh(), e.alertRules(), e.basis().name(), e.source(),
            settings.isMissingNode() ? null : settings);
      }).toList();
    }
  }

  /** An early-warning alert in the four national colours. */
  public record AlertView(String alertKey, String rule, String level, String previousLevel, String status,
                          Subject subject, String titleZh, String messageZh, String titleEn, String messageEn,
                          Evidence evidence, Instant triggeredAt, Instant firstFiredAt, Instant emittedAt,
                          String supervisor, Handling handling) {
    public static AlertView from(Alert a, long nowMs) {
      return new AlertView(a.getAlertKey(), a.getRule(), a.getLevel().name(),
          a.getPreviousLevel() == null ? null : a.getPreviousLevel().name(), a.getStatus().name(),
          Subject.from(a.getSubject()), a.getTitleZh(), a.getMessageZh(), a.getTitleEn(), a.getMessageEn(),
          Evidence.from(a.getEvidence()), a.getTriggeredAt(), a.getFirstFiredAt(), a.getEmittedAt(),
          a.getSupervisor(), Handling.from(a.getHandling(), nowMs));
    }
  }

  /**
   * The handling of an alert: its state, who must act now, the deadlines, whether one has passed
   * ({@code overdue}: 已超时) and every step taken.
   */
  public record Handling(String state, boolean open, String responsible, String responsibleRole,
                         boolean responsibleFromExampleList, int escalationStep, Instant acknowledgeBy, Instant feedbackBy, boolean overdue, boolean closeRequired,
                         List<HandlingStep> history) {
    public static Handling from(AlertHandling h, long nowMs) {
      if (h == null) {
        return null;
      }
      boolean open = AlertHandlingRules.isOpen(h);
      boolean waitingAck = h.getState() == HandlingState.UNACKNOWLEDGED;
      boolean waitingFeedback = waitingAck || h.getState() == HandlingState.ACKNOWLEDGED;
      boolean overdue = open && ((waitingAck && h.getAcknowledgeBy().toEpochMilli() <= nowMs)
          || (waitingFeedback && h.getFeedbackBy().toEpochMilli() <= nowMs));
      boolean example = h.getResponsibleRole() != null && h.getResponsibleRole().endsWith(ResponsibilityChain.EXAMPLE_NOTE);
      return new Handling(h.getState().name(), open, h.getResponsible(), h.getResponsibleRole(), example,
          h.getEscalationStep(),
          h.getAcknowledgeBy(), h.getFeedbackBy(), overdue, h.getCloseRequired(),
          h.getHistory().stream().map(e -> new HandlingStep(e.getActionId(), e.getAction(), e.getBy(), e.getAt(), e.getNote()))
              .toList());
    }
  }

  public record HandlingStep(String actionId, String action, String by, Instant at, String note) { }
}

package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fangxian.alerts.AlertViews;
import io.fangxian.areas.AreaViews;
import io.fangxian.bulletin.Bulletin;
import io.fangxian.enforcement.CaseViews;
import io.fangxian.hazards.HazardViews;
import io.fangxian.reports.ReportViews;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** openapi.json names every field of the bulletin, the rule catalogue and an alert's handling. */
class OpenApiViewsTest {

  static JsonNode schemas() throws Exception {
    try (InputStream in = OpenApiViewsTest.class.getResourceAsStream("/api/openapi.json")) {
      return new ObjectMapper().readTree(in).get("components").get("schemas");
    }
  }

  @Test
  void theBulletinTheRuleCatalogueAndTheHandlingAreDescribedFieldByField() throws Exception {
    JsonNode s = schemas();
    assertThat(names(s.get("Bulletin").get("properties"))).isEqualTo(components(Bulletin.class));
    assertThat(names(s.get("BulletinRow").get("properties"))).isEqualTo(components(Bulletin.Row.class));
    assertThat(names(s.get("MonthFigures").get("properties"))).isEqualTo(components(Bulletin.Figures.class));
    assertThat(names(s.get("BulletinCurrent").get("properties"))).isEqualTo(components(Bulletin.Current.class));
    assertThat(names(s.get("Exposure").get("properties"))).isEqualTo(components(Bulletin.Exposure.class));
    assertThat(names(s.get("ExposureCriteria").get("properties"))).isEqualTo(components(Bulletin.ExposureCriteria.class));
    assertThat(names(s.get("RuleView").get("properties"))).isEqualTo(components(AlertViews.RuleView.class));
    assertThat(names(s.get("AreaFigures").get("properties"))).isEqualTo(components(AreaViews.AreaFigures.class));
    assertThat(names(s.get("EnterpriseProfile").get("properties"))).isEqualTo(components(Views.EnterpriseProfile.class));
    assertThat(names(s.get("CaseView").get("properties"))).isEqualTo(components(CaseViews.CaseView.class));
    assertThat(names(s.get("CaseStepView").get("properties"))).isEqualTo(components(CaseViews.CaseStepView.class));
    assertThat(names(s.get("CaseSummary").get("properties"))).isEqualTo(components(CaseViews.CaseSummary.class));
    assertThat(names(s.get("CasePage").get("properties"))).isEqualTo(components(CaseViews.CasePage.class));
    assertThat(names(s.get("CaseTally").get("properties"))).isEqualTo(components(CaseViews.CaseTally.class));
    assertThat(names(s.get("EnforcementRank").get("properties"))).isEqualTo(components(Bulletin.EnforcementRank.class));
    assertThat(names(s.get("SeriousDishonestyCriterion").get("properties")))
        .isEqualTo(components(io.fangxian.enforcement.SeriousDishonesty.Criterion.class));
    assertThat(names(s.get("ReportView").get("properties"))).isEqualTo(components(ReportViews.ReportView.class));
    assertThat(names(s.get("ReportStepView").get("properties"))).isEqualTo(components(ReportViews.ReportStepView.class));
    assertThat(names(s.get("ReportPage").get("properties"))).isEqualTo(components(ReportViews.ReportPage.class));
    assertThat(names(s.get("Hazard").get("properties"))).isEqualTo(components(HazardViews.Hazard.class));
    assertThat(names(s.get("UnitScorecard").get("properties"))).isEqualTo(components(Views.UnitScorecard.class));
    assertThat(names(s.get("UnitRank").get("properties"))).isEqualTo(components(Bulletin.UnitRank.class));
    assertThat(names(s.get("Plan").get("properties"))).isEqualTo(components(io.fangxian.plan.FlyingPlan.Plan.class));
    assertThat(names(s.get("PlanPick").get("properties"))).isEqualTo(components(io.fangxian.plan.FlyingPlan.Pick.class));
    assertThat(names(s.get("PlanExcluded").get("properties"))).isEqualTo(components(io.fangxian.plan.FlyingPlan.Excluded.class));
    assertThat(names(s.get("PlanCandidate").get("properties"))).isEqualTo(components(io.fangxian.plan.PlanCandidate.class));
    assertThat(names(s.get("Alert").get("properties").get("handling").get("properties")))
        .isEqualTo(components(AlertViews.Handling.class));
  }

  private static Set<String> names(JsonNode properties) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static Set<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}

package io.fangxian.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fangxian.hazards.HazardViews.Hazard;
import org.junit.jupiter.api.Test;

class HazardFilterTest {
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Hazard hazard(String json) throws Exception {
    return this.json.readValue(json, Hazard.class);
  }

  @Test
  void eachCriterionGivenMustHoldAndTheStatusesAreTheLedgersOwn() throws Exception {
    Hazard overdueMajor = hazard("""
        {"hazardId": "H1", "townshipId": "jincheng", "sectorId": "mining", "open": true, "overdue": true,
         "severity": "MAJOR", "category": "UNSAFE_CONDITION", "clauseId": "GB-1", "unclassifiedMajor": false,
         "supervision": {"level": "DISTRICT"}}""");
    Hazard awaitingVerification = hazard("""
        {"hazardId": "H2", "townshipId": "jincheng", "sectorId": "chemicals", "open": true, "overdue": false,
         "severity": "MAJOR", "unclassifiedMajor": true, "rectifiedAt": "2026-07-01T00:00:00Z"}""");
    Hazard closed = hazard("""
        {"hazardId": "H3", "townshipId": "hutang", "sectorId": "mining", "open": false, "severity": "GENERAL"}""");

    assertThat(new HazardFilter(null, null, "open", null, null, null, null)).accepts(overdueMajor, awaitingVerification)
        .rejects(closed);
    assertThat(new HazardFilter(null, null, "overdue", null, null, null, null)).accepts(overdueMajor)
        .rejects(awaitingVerification, closed);
    assertThat(new HazardFilter(null, null, "awaiting-verification", null, null, null, null)).accepts(awaitingVerification)
        .rejects(overdueMajor, closed);
    assertThat(new HazardFilter(null, null, "closed", null, null, null, null)).accepts(closed)
        .rejects(overdueMajor, awaitingVerification);
    assertThat(new HazardFilter("jincheng", "mining", null, "MAJOR", null, null, null)).accepts(overdueMajor)
        .rejects(awaitingVerification, closed);
    assertThat(new HazardFilter(null, null, null, null, null, HazardFilter.UNCLASSIFIED, null)).accepts(awaitingVerification)
        .rejects(overdueMajor, closed);
    assertThat(new HazardFilter(null, null, null, null, null, "GB-1", null)).accepts(overdueMajor)
        .rejects(awaitingVerification);
    assertThat(new HazardFilter(null, null, null, null, "UNSAFE_CONDITION", null, null)).accepts(overdueMajor)
        .rejects(awaitingVerification);
    // Supervision: any level, none, or one level of 挂牌督办.
    assertThat(new HazardFilter(null, null, null, null, null, null, "any")).accepts(overdueMajor).rejects(closed);
    assertThat(new HazardFilter(null, null, null, null, null, null, "none")).accepts(closed).rejects(overdueMajor);
    assertThat(new HazardFilter(null, null, null, null, null, null, "DISTRICT")).accepts(overdueMajor);
    assertThat(new HazardFilter(null, null, null, null, null, null, "CITY")).rejects(overdueMajor);
  }
}

package io.fangxian.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fangxian.areas.AreaViews;
import io.fangxian.avro.AreaStats;
import io.fangxian.avro.AreaType;
import io.fangxian.domain.ReferenceData;
import io.fangxian.stats.AreaFigures;
import org.junit.jupiter.api.Test;

/** The accident figures reach the REST JSON of townships and sectors, as the server writes it. */
class AccidentFiguresJsonTest {

  @Test
  void areaFiguresCarryTheAccidentFigures() throws Exception {
    AreaStats s = AreaFigures.empty(AreaType.TOWNSHIP, "jincheng", "金城镇");
    s.setAccidents(2L);
    s.setAccidentDeaths(3L);
    s.setAccidentSeriousInjuries(1L);
    s.setAccidentDirectLossYuan(12_000_000.0);
    s.setAccidentsGeneral(1L);
    s.setAccidentsLarger(1L);
    s.setAccidentsReportedLate(1L);
    s.getLast24h().setAccidents(1L);
    JsonNode json = QueryServer.mapper().readTree(QueryServer.mapper().writeValueAsString(AreaViews.AreaFigures.from(s, ReferenceData.builtIn())));
    assertThat(json.get("accidents").asLong()).isEqualTo(2);
    assertThat(json.get("accidentDeaths").asLong()).isEqualTo(3);
    assertThat(json.get("accidentSeriousInjuries").asLong()).isEqualTo(1);
    assertThat(json.get("accidentDirectLossYuan").asDouble()).isEqualTo(12_000_000.0);
    assertThat(json.get("accidentsGeneral").asLong()).isEqualTo(1);
    assertThat(json.get("accidentsLarger").asLong()).isEqualTo(1);
    assertThat(json.get("accidentsMajor").asLong()).isZero();
    assertThat(json.get("accidentsEspeciallyMajor").asLong()).isZero();
    assertThat(json.get("accidentsReportedLate").asLong()).isEqualTo(1);
    assertThat(json.get("last24h").get("accidents").asLong()).isEqualTo(1);
  }
}

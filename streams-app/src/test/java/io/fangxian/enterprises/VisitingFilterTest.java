package io.fangxian.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.domain.ReferenceData;
import org.junit.jupiter.api.Test;

class VisitingFilterTest {
  private final ReferenceData reference = ReferenceData.builtIn();

  private static Enterprise enterprise(String township, String grid, String sector) {
    return Enterprise.newBuilder().setEnterpriseId("91320413MA1MCGQ3X4").setName("测试").setTownshipId(township)
        .setGridId(grid).setSectorId(sector).setRiskLevel(RiskLevel.BLUE).build();
  }

  @Test
  void eachAreaGivenMustMatchAndKeyAreasOnlyWhenAsked() {
    String keySector = reference.keyAreaSectorIds().iterator().next();
    String otherSector = reference.sectors().stream().map(s -> s.id()).filter(id -> !reference.keyAreaSectorIds().contains(id))
        .findFirst().orElseThrow();
    Enterprise key = enterprise("jincheng", "g-1", keySector);
    Enterprise other = enterprise("jincheng", "g-2", otherSector);

    assertThat(new VisitingFilter(null, null, null, null, false).matches(reference)).accepts(key, other);
    assertThat(new VisitingFilter("jincheng", "g-1", null, null, false).matches(reference)).accepts(key).rejects(other);
    assertThat(new VisitingFilter("hutang", null, null, null, false).matches(reference)).rejects(key, other);
    assertThat(new VisitingFilter(null, null, otherSector, null, false).matches(reference)).accepts(other).rejects(key);
    assertThat(new VisitingFilter(null, null, null, null, true).matches(reference)).accepts(key).rejects(other);
    assertThat(new VisitingFilter(null, null, null, "no-such-park", false).matches(reference)).rejects(key, other);
  }
}

package io.fangxian.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.avro.SectorDefinition;
import io.fangxian.domain.ReferenceData;
import io.fangxian.domain.Sector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectorCatalogueTest {
  static SectorDefinition define(String id, String nameZh, boolean keyArea) {
    return SectorDefinition.newBuilder().setSectorId(id).setNameZh(nameZh).setKeyArea(keyArea).build();
  }

  @Test
  void aLoadedListReplacesAddsAndRemovesOverTheBuiltInOne() {
    ReferenceData base = ReferenceData.load();
    Map<String, SectorDefinition> loaded = new LinkedHashMap<>();
    loaded.put("machinery", define("machinery", "机械制造", true));
    loaded.put("cold-storage", define("cold-storage", "冷库", false));
    loaded.put("tobacco", null); // a tombstone
    loaded.put("Bad/Id", define("Bad/Id", "坏", false));
    ReferenceData r = SectorCatalogue.apply(base, loaded);

    assertThat(r.sector("machinery")).get().extracting(Sector::nameZh, Sector::keyArea).containsExactly("机械制造", true);
    assertThat(r.sector("cold-storage")).get().extracting(Sector::nameZh).isEqualTo("冷库");
    assertThat(r.sector("tobacco")).isEmpty();
    assertThat(r.sector("Bad/Id")).as("an id that cannot be part of a path is left out").isEmpty();
    assertThat(r.sectors()).hasSize(base.sectors().size()); // one added, one removed
    assertThat(r.keyAreaSectorIds()).contains("machinery").containsAll(base.keyAreaSectorIds());
    assertThat(SectorCatalogue.apply(base, new LinkedHashMap<>())).isSameAs(base);
  }

  @Test
  void aLoadedSectorKeepsTheArticle27ColumnUnlessItSaysOtherwise() {
    ReferenceData base = ReferenceData.load();
    Map<String, SectorDefinition> loaded = new LinkedHashMap<>();
    loaded.put("metallurgy", define("metallurgy", "冶金(含冶炼)", false)); // written before the column existed
    loaded.put("elderly-care", SectorDefinition.newBuilder(define("elderly-care", "养老", true))
        .setKeyPostCertificates(true).setKeyPostCertificatesBasis("区里要求").build());
    loaded.put("cold-storage", define("cold-storage", "冷库", false));
    ReferenceData r = SectorCatalogue.apply(base, loaded);

    Sector metallurgy = r.sector("metallurgy").orElseThrow();
    assertThat(metallurgy.keyPostCertificates()).as("金属冶炼 stays required").isTrue();
    assertThat(metallurgy.keyPostCertificatesBasis()).contains("第二十七条");
    assertThat(metallurgy.majorHazardStandard()).contains("GM10");
    assertThat(r.sector("elderly-care").orElseThrow())
        .extracting(Sector::keyPostCertificates, Sector::keyPostCertificatesBasis).containsExactly(true, "区里要求");
    assertThat(r.sector("cold-storage").orElseThrow().keyPostCertificates()).as("a new sector names nothing").isFalse();
  }

  @Test
  void everyBuiltInSectorSaysWhetherArticle27NamesItAndWhichStandardApplies() {
    ReferenceData r = ReferenceData.load();
    assertThat(r.sectors()).allSatisfy(s -> {
      assertThat(s.keyPostCertificatesBasis()).as(s.id()).contains("第二十七条", "https://");
      assertThat(s.majorHazardStandard()).as(s.id()).isNotBlank();
    });
    assertThat(r.sectors()).filteredOn(Sector::keyPostCertificates).extracting(Sector::id).containsExactlyInAnyOrder(
        "hazardous-chemicals", "construction", "bottled-gas", "road-traffic", "chemical-zone", "non-coal-mines",
        "metallurgy", "non-ferrous", "gas-pipelines", "water-transport", "fireworks", "chemical-production",
        "gas-storage");
    assertThat(r.sector("construction").orElseThrow().otherCertificateRegime()).contains("三类人员");
    assertThat(r.sector("bottled-gas").orElseThrow().otherCertificateRegime()).contains("TSG Z6001", "气瓶充装");
  }

  @Test
  void theBuiltInListKeepsTheEightKeyAreasAndNamesWhereEachAddedSectorComesFrom() {
    ReferenceData r = ReferenceData.load();
    assertThat(r.keyAreaSectorIds()).hasSize(8);
    assertThat(r.sectors()).extracting(Sector::id)
        .contains("chemical-production", "fireworks", "schools", "self-built-housing", "electric-bicycles", "gas-storage",
            "energy-storage");
    assertThat(r.sectors()).filteredOn(s -> s.keyArea() || s.id().matches("schools|gas-storage|energy-storage"))
        .allSatisfy(s -> assertThat(s.source()).as(s.id()).isNotBlank());
  }
}

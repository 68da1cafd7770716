package io.fangxian.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {
  final ReferenceData ref = ReferenceData.load();

  @Test
  void elevenTownshipsOfJintan() {
    assertThat(ref.townships()).hasSize(11);
    assertThat(ref.townships()).extracting(Township::nameZh).contains(
        "东城街道", "西城街道", "尧塘街道", "金城镇", "儒林镇", "直溪镇", "朱林镇", "薛埠镇", "指前镇",
        "金坛经济开发区", "茅山旅游度假区");
    assertThat(ref.township("maoshan")).map(Township::nameEn).contains("Maoshan Tourism Resort");
    assertThat(ref.township("nowhere")).isEmpty();
    assertThat(ref.township(null)).isEmpty();
    assertThat(ref.townships()).allSatisfy(t -> assertThat(t.id()).matches("[a-z-]+"));
  }

  @Test
  void twentySixSectorsWithTheEightKeyAreas() {
    assertThat(ref.sectors()).hasSize(33);
    assertThat(ref.keyAreaSectorIds()).containsExactly(
        "hazardous-chemicals", "fire-safety", "construction", "bottled-gas", "road-traffic",
        "industrial-to-commercial", "elderly-care", "chemical-zone");
    assertThat(ref.sector("bottled-gas")).map(Sector::nameZh).contains("瓶装燃气");
    assertThat(ref.weatherSensitiveSectorIds()).contains(
        "construction", "hazardous-chemicals", "bottled-gas", "road-traffic", "chemical-zone",
        "non-coal-mines", "water-transport", "tourism");
    assertThat(ref.weatherSensitiveSectorIds()).doesNotContain("fire-safety", "textiles");
    assertThat(ref.sectors()).allSatisfy(s -> {
      assertThat(s.id()).matches("[a-z-]+");
      assertThat(s.nameZh()).isNotBlank();
      assertThat(s.nameEn()).isNotBlank();
    });
  }

  @Test
  void loadedOnce() {
    assertThat(ReferenceData.load()).isSameAs(ref);
  }

  @Test
  void aSpecialOperationIsNamedByItsIdItsCategoryOrOneOfItsItems() {
    assertThat(ref.specialOperations()).hasSize(10);
    assertThat(ref.specialOperations().stream().mapToInt(o -> o.itemList().size()).sum())
        .as("the 特种作业目录's operation items, as the research file lists them").isEqualTo(54);
    assertThat(List.of("electrical", "电工作业", "低压电工作业", " 防爆电气作业 ").stream().map(ref::specialOperationId))
        .containsOnly("electrical");
    assertThat(ref.specialOperationId("潜水作业")).as("unknown text matches only itself").isEqualTo("潜水作业");
  }
}

package io.fangxian.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.config.AppConfig;
import io.fangxian.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HazardCriteriaTest {
  static final ReferenceData REF = ReferenceData.load();
  static final String HEADER = "clauseId,standardShort,standard,article,text,sectors,source\n";

  @TempDir
  Path tmp;

  @Test
  void theBuiltInCatalogueCoversTheSevenStandardsAndEverySectorWithSourcedClauses() {
    HazardCriteria c = HazardCriteria.builtIn();
    Set<String> standards = c.all().stream().map(Clause::standardShort).collect(Collectors.toSet());
    assertThat(standards).contains("GM10", "HG121", "YHBZ", "RQ23", "GB35181", "DLYS23")
        .anySatisfy(s -> assertThat(s).startsWith("FWSZ"));
    assertThat(c.all()).allSatisfy(clause -> {
      assertThat(clause.source()).as(clause.id()).isNotBlank();
      assertThat(clause.text()).as(clause.id()).isNotBlank();
      assertThat(clause.standard()).as(clause.id()).isNotBlank();
    });
    for (Sector s : REF.sectors()) {
      assertThat(c.forSector(s.id())).as("clauses a major hazard of " + s.id() + " may cite").isNotEmpty();
    }
  }

  @Test
  void aClauseAppliesToItsSectorsOnly() {
    Clause chemicals = HazardCriteria.builtIn().clause("HG121-1").orElseThrow();
    assertThat(chemicals.appliesTo("hazardous-chemicals")).isTrue();
    assertThat(chemicals.appliesTo("machinery")).isFalse();
    assertThat(HazardCriteria.builtIn().clause("GM10-3-1").orElseThrow().appliesTo("machinery")).isTrue();
    assertThat(HazardCriteria.builtIn().clause("NO-SUCH")).isEmpty();
  }

  @Test
  void hg121CoversChemicalProductionAndTheElderlyCareStandardItsSector() {
    HazardCriteria c = HazardCriteria.builtIn();
    assertThat(c.all()).filteredOn(x -> x.standardShort().equals("HG121")).isNotEmpty()
        .allSatisfy(x -> assertThat(x.appliesTo("chemical-production")).as(x.id()).isTrue());
    assertThat(c.all()).filteredOn(x -> x.standardShort().equals("YLJG23")).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(x -> assertThat(x.sectors()).as(x.id()).containsExactly("elderly-care"));
    assertThat(c.clause("YLJG23-4-1").orElseThrow().text()).startsWith("建筑设施经鉴定属于C级、D级危房");
    assertThat(c.forSector("fishing-vessels")).extracting(Clause::standardShort).contains("YCBZ22");
    assertThat(c.forSector("water-transport")).extracting(Clause::standardShort).contains("NHCB24");
  }

  @Test
  void gb35181Of2017IsSupersededBy2025AndStaysReadable() {
    HazardCriteria c = HazardCriteria.builtIn();
    assertThat(c.all()).filteredOn(x -> x.standardShort().equals("GB35181")).hasSize(10).allSatisfy(x -> {
      assertThat(x.superseded()).as(x.id()).isTrue();
      assertThat(x.supersededBy()).contains("GB 35181-2025", "2025-11-01");
      assertThat(x.text()).isNotBlank();
      assertThat(x.appliesTo("industrial-to-commercial")).isTrue();
    });
    Clause current = c.clause("GB35181-2025-5").orElseThrow();
    assertThat(current.superseded()).isFalse();
    assertThat(current.standard()).contains("2025-04-25", "2025-11-01");
    assertThat(List.of("fire-safety", "elderly-care", "industrial-to-commercial")).allSatisfy(s ->
        assertThat(c.forSector(s)).as(s).extracting(Clause::id).contains("GB35181-2025-5", "GB35181-2025-6"));
    assertThat(c.all()).filteredOn(x -> !x.standardShort().equals("GB35181"))
        .allSatisfy(x -> assertThat(x.superseded()).as(x.id()).isFalse());
  }

  @Test
  void aDistrictFileMayMarkASupersededClause() throws Exception {
    Path file = write("clauseId,standardShort,standard,article,text,sectors,source,supersededBy\n"
        + "OLD-1,JT,旧标准,第一条,文字,*,区应急局,新标准\nNEW-1,JT,新标准,第一条,文字,*,区应急局,\n");
    HazardCriteria c = HazardCriteria.fromFile(file, REF);
    assertThat(c.clause("OLD-1").orElseThrow().supersededBy()).isEqualTo("新标准");
    assertThat(c.clause("NEW-1").orElseThrow().superseded()).isFalse();
  }

  @Test
  void aDistrictFileReplacesTheCatalogueAndStarMeansEverySector() throws Exception {
    Path file = write(HEADER + "LOCAL-1,JT,金坛区地方标准,第一条,\"未设置, 警示\",*,区应急局\n"
        + "LOCAL-2,JT,金坛区地方标准,第二条,储罐未检测,hazardous-chemicals;chemical-zone,区应急局\n");
    HazardCriteria c = HazardCriteria.fromFile(file, REF);
    assertThat(c.all()).extracting(Clause::id).containsExactly("LOCAL-1", "LOCAL-2");
    assertThat(c.clause("LOCAL-1").orElseThrow().text()).isEqualTo("未设置, 警示");
    assertThat(c.clause("LOCAL-1").orElseThrow().appliesTo("tourism")).isTrue();
    assertThat(c.forSector("machinery")).extracting(Clause::id).containsExactly("LOCAL-1");
  }

  @Test
  void aBrokenDistrictFileSaysWhatIsWrongAndWhere() throws Exception {
    Map<String, String> cases = Map.of(
        HEADER + "A-1,JT,标准,第一条,文字,*,来源\nA-1,JT,标准,第二条,文字,*,来源\n", "line 3: clause id A-1 appears twice",
        HEADER + "A-1,JT,标准,第一条,文字,mining,来源\n", "line 2: clause A-1 names the unknown sector 'mining'",
        HEADER + "A|1,JT,标准,第一条,文字,*,来源\n", "line 2: clause id 'A|1' must be",
        "id,text\nA-1,文字\n", "the header must name the columns",
        HEADER, "holds no clause");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path file = write(c.getKey());
      assertThatThrownBy(() -> HazardCriteria.fromFile(file, REF)).as(c.getValue())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.getValue());
    }
  }

  @Test
  void theSettingLoadsTheDistrictCatalogueAndRefusesABrokenOne() throws Exception {
    Path good = write(HEADER + "LOCAL-1,JT,金坛区地方标准,第一条,文字,*,区应急局\n");
    AppConfig config = AppConfig.of(Map.of(AppConfig.HAZARD_CRITERIA_FILE, good.toString()));
    assertThat(config.reference().criteria().clause("LOCAL-1")).isPresent();
    assertThat(config.reference().criteria().clause("GM10-3-1")).isEmpty();
    assertThat(AppConfig.of(Map.of()).reference().criteria().clause("GM10-3-1")).isPresent();

    Path bad = write(HEADER + "LOCAL-1,JT,标准,第一条,文字,mining,来源\n");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.HAZARD_CRITERIA_FILE, bad.toString())).reference())
        .isInstanceOf(ConfigException.class).hasMessageContaining("hazard.criteria.file").hasMessageContaining("mining");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.HAZARD_CRITERIA_FILE, tmp.resolve("none.csv").toString()))
        .reference()).isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(tmp, "criteria", ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}

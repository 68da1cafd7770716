package io.fangxian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fangxian.rules.AlertSignals;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exposure criteria in the rules file, and every setting labelled rule or choice. */
class RulesConfigTest {

  static String defaultsText() throws Exception {
    try (InputStream in = RulesConfig.class.getResourceAsStream("/rules/default-rules.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theExposureCriteriaDefaultToTwoViolationsOrAnOverdueMajor() {
    RulesConfig.ExposureCriteria e = RulesConfig.defaults().exposure();
    assertThat(e.minViolationsInMonth()).isEqualTo(2);
    assertThat(e.overdueMajorHazard()).isTrue();
  }

  @Test
  void theExposureCriteriaAreReadAndChecked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, defaultsText().replace("minViolationsInMonth: 2", "minViolationsInMonth: 4")
        .replace("overdueMajorHazard: true", "overdueMajorHazard: false"));
    RulesConfig.ExposureCriteria e = RulesConfig.load(file).exposure();
    assertThat(e.minViolationsInMonth()).isEqualTo(4);
    assertThat(e.overdueMajorHazard()).isFalse();

    Files.writeString(file, defaultsText().replace("minViolationsInMonth: 2", "minViolationsInMonth: 0"));
    assertThatThrownBy(() -> RulesConfig.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("exposure.minViolationsInMonth must be at least 1");
  }

  @Test
  void aRulesFileWrittenBeforeTheExposureSectionGetsItsDefaults(@TempDir Path dir) throws Exception {
    String text = defaultsText();
    Path file = dir.resolve("old.yaml");
    Files.writeString(file, text.substring(0, text.indexOf("\nexposure:")));
    assertThat(RulesConfig.load(file).exposure()).isEqualTo(RulesConfig.defaults().exposure());
  }

  @Test
  void everySectionOfTheRulesFileSaysRuleOrChoiceAndIsInTheCatalogue() throws Exception {
    String text = defaultsText();
    Matcher m = Pattern.compile("(?m)^([A-Za-z]+):").matcher(text);
    List<Integer> starts = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      sections.add(m.group(1));
    }
    starts.add(text.length());
    assertThat(sections).contains("alertHandling", "coverage", "exposure", "repeatViolator", "surge");
    for (int i = 0; i < sections.size(); i++) {
      String block = text.substring(starts.get(i), starts.get(i + 1));
      assertThat(block).as(sections.get(i)).containsAnyOf("choice:", "rule:");
      assertThat(RuleCatalogue.of(sections.get(i))).as(sections.get(i) + " in RuleCatalogue").isPresent();
    }
    assertThat(text).contains("minShare: 0.6           # choice: the product's default",
        "minKeyAreaEnterprises: 3  # choice: the product's default");
  }

  @Test
  void everyCatalogueEntrySaysWhatItRestsOnAndEveryAlertRuleHasOne() throws Exception {
    for (RuleCatalogue.Entry e : RuleCatalogue.ENTRIES) {
      assertThat(e.source()).as(e.setting()).startsWith(e.basis() == RuleCatalogue.Basis.RULE ? "rule:" : "choice:");
    }
    assertThat(RuleCatalogue.of("exposure").orElseThrow().basis()).isEqualTo(RuleCatalogue.Basis.CHOICE);
    assertThat(RuleCatalogue.of("exposure").orElseThrow().source()).contains("第七十八条", "应急管理部令第11号");
    assertThat(RuleCatalogue.of("alertHandling").orElseThrow().basis()).isEqualTo(RuleCatalogue.Basis.CHOICE);
    assertThat(RuleCatalogue.of("accidents.lateReportLevel").orElseThrow().basis()).isEqualTo(RuleCatalogue.Basis.RULE);
    List<String> signals = new ArrayList<>();
    for (var f : AlertSignals.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        signals.add((String) f.get(null));
      }
    }
    List<String> catalogued = RuleCatalogue.ENTRIES.stream().flatMap(e -> e.alertRules().stream()).toList();
    assertThat(catalogued).containsAll(signals.stream().filter(s -> s.matches("[a-z-]+")).toList());
    assertThat(Arrays.asList(RulesConfig.class.getRecordComponents()).stream().map(c -> c.getName()).toList())
        .allMatch(name -> RuleCatalogue.of(name).isPresent());
  }
}

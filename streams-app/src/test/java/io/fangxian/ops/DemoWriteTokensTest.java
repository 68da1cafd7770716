package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.config.AppConfig;
import io.fangxian.config.DemoWriteTokens;
import io.fangxian.domain.ReferenceData;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's two write tokens: what the banner prints, what the settings get, and --config winning. */
class DemoWriteTokensTest {
  private static final Map<String, String> BASE =
      Map.of(AppConfig.BOOTSTRAP_SERVERS, "k:9092", AppConfig.REGISTRY_URL, "http://r:8081");

  @Test
  void aDistrictOfficerAndATownshipLeaderWithFreshSecrets() {
    ReferenceData ref = ReferenceData.builtIn();
    DemoWriteTokens tokens = DemoWriteTokens.forRun(AppConfig.of(BASE), ref, new SecureRandom());
    String township = ref.townships().get(0).id();
    List<String> lines = tokens.bannerLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("Write token \\(district\\): [0-9a-f]{32}");
    assertThat(lines.get(1)).matches("Write token \\(township:" + township + "\\): [0-9a-f]{32}");

    AppConfig settings = tokens.applyTo(AppConfig.of(BASE)).validate();
    Map<String, Map<String, String>> configured = settings.writeTokens();
    assertThat(configured).containsOnlyKeys("LD-B-1", "LD-T-" + township);
    assertThat(configured.get("LD-B-1")).containsEntry("scope", "district")
        .containsEntry("secret", lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    assertThat(configured.get("LD-T-" + township)).containsEntry("scope", "township:" + township)
        .containsEntry("secret", lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));

    // new each run
    DemoWriteTokens again = DemoWriteTokens.forRun(AppConfig.of(BASE), ref, new SecureRandom());
    assertThat(again.made().get(0).secret()).isNotEqualTo(tokens.made().get(0).secret());
  }

  @Test
  void tokensOfTheConfigurationFileWinAndTheirSecretsAreNotPrinted() {
    AppConfig fromFile = AppConfig.of(BASE).with("http.token.duty.secret", "duty-officer-secret-0001")
        .with("http.token.duty.scope", "district");
    DemoWriteTokens tokens = DemoWriteTokens.forRun(fromFile, ReferenceData.builtIn(), new SecureRandom());
    assertThat(tokens.made()).isEmpty();
    assertThat(tokens.applyTo(fromFile).writeTokens()).containsOnlyKeys("duty");
    assertThat(String.join("\n", tokens.bannerLines())).contains("duty (district)").doesNotContain("duty-officer-secret-0001")
        .doesNotContain("Write token (");
  }
}

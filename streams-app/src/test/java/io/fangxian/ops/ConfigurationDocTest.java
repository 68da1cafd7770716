package io.fangxian.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fangxian.config.AppConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/configuration.md stays true to AppConfig. */
class ConfigurationDocTest {
  static final Set<String> NOT_KEYS = Set.of("KAFKA_PREFIX", "ENV_PREFIX");

  static List<String> keyConstants() throws IllegalAccessException {
    List<String> keys = new ArrayList<>();
    for (Field f : AppConfig.class.getFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers()) && !NOT_KEYS.contains(f.getName())) {
        keys.add((String) f.get(null));
      }
    }
    return keys;
  }

  @Test
  void everyKeyConstantIsListedInKeys() throws Exception {
    assertThat(AppConfig.KEYS).containsExactlyInAnyOrderElementsOf(keyConstants());
  }

  @Test
  void everyKeyHasARowWithItsDefaultAndEnvironmentVariable() throws Exception {
    List<String> lines = Files.readAllLines(RepoFiles.path("docs/configuration.md"));
    for (String key : keyConstants()) {
      String row = lines.stream().filter(l -> l.startsWith("| `" + key + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError("docs/configuration.md has no table row for " + key));
      String[] cells = row.split("\\|");
      assertThat(cells[3].trim()).as("environment variable of " + key).isEqualTo("`" + AppConfig.envName(key) + "`");
      String def = AppConfig.defaultValue(key);
      if (key.equals(AppConfig.STATE_DIR)) {
        assertThat(cells[2]).contains("${java.io.tmpdir}/fangxian-state");
      } else if (def == null || def.isEmpty()) {
        assertThat(cells[2].trim()).as("default of " + key).startsWith("*(");
      } else {
        assertThat(cells[2].trim()).as("default of " + key).isEqualTo("`" + def + "`");
      }
    }
  }

  @Test
  void sampleFileUsesOnlyKnownKeys() throws Exception {
    String doc = Files.readString(RepoFiles.path("docs/configuration.md"));
    String[] blocks = doc.split("```properties");
    assertThat(blocks).hasSizeGreaterThan(3);
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i];
      for (String line : block.substring(0, block.indexOf("```")).lines().toList()) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String key = l.substring(0, l.indexOf('=')).trim();
        assertThat(AppConfig.isKnownKey(key)).as(key + " in a properties example").isTrue();
      }
    }
  }
}

package io.fangxian.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fangxian.domain.ReferenceData;
import io.fangxian.avro.HazardCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The generator's word lists and weights, from {@code reference/generator.yaml}. */
record GeneratorWords(
    Map<String, Double> townshipWeights,
    Map<String, Double> sectorWeights,
    Map<String, List<String>> sectorTownships,
    Map<String, List<String>> nameTemplates,
    List<String> places,
    List<String> cores,
    List<String> roads,
    Map<String, String> supervisorDepartments,
    List<String> surnames,
    Map<String, List<String>> hazardDescriptions,
    Map<String, List<String>> lifecycleNotes,
    List<String> violationDescriptions) {

  static final String RESOURCE = "reference/generator.yaml";

  static GeneratorWords load() {
    try (InputStream in = GeneratorWords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      GeneratorWords w = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(in, GeneratorWords.class);
      w.check(ReferenceData.load());
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private void check(ReferenceData ref) {
    for (String t : townshipWeights.keySet()) {
      require(ref.township(t).isPresent(), "unknown township " + t);
    }
    sectorTownships.values().forEach(ts -> ts.forEach(t -> require(ref.township(t).isPresent(), "unknown township " + t)));
    for (String s : sectorWeights.keySet()) {
      require(ref.sector(s).isPresent(), "unknown sector " + s);
    }
    require(sectorWeights.size() == ref.sectors().size(), "sectorWeights must list every sector");
    require(townshipWeights.size() == ref.townships().size(), "townshipWeights must list every township");
    hazardDescriptions.values().forEach(lines -> lines.forEach(GeneratorWords::finding));
    for (String s : List.of(nameTemplates, supervisorDepartments, hazardDescriptions).stream()
        .flatMap(m -> m.keySet().stream()).toList()) {
      require(s.equals("default") || ref.sector(s).isPresent(), "unknown sector " + s);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(RESOURCE + ": " + message);
    }
  }

  List<String> templatesFor(String sectorId) {
    return nameTemplates.getOrDefault(sectorId, nameTemplates.get("default"));
  }

  /** A background hazard's text and the category its prefix names. */
  record Finding(HazardCategory category, String text) { }

  private static final Map<String, HazardCategory> CATEGORY_PREFIXES = Map.of("人", HazardCategory.UNSAFE_ACT,
      "物", HazardCategory.UNSAFE_CONDITION, "管", HazardCategory.MANAGEMENT_DEFECT, "环", HazardCategory.ENVIRONMENT);

  List<Finding> hazardDescriptionsFor(String sectorId) {
    return hazardDescriptions.getOrDefault(sectorId, hazardDescriptions.get("default")).stream()
        .map(GeneratorWords::finding).toList();
  }

  private static Finding finding(String line) {
    int bar = line.indexOf('|');
    HazardCategory category = bar < 0 ? null : CATEGORY_PREFIXES.get(line.substring(0, bar));
    require(category != null, "hazard description '" + line + "' must start with 人|, 物|, 管| or 环|");
    return new Finding(category, line.substring(bar + 1));
  }

  String departmentFor(String sectorId) {
    return supervisorDepartments.getOrDefault(sectorId, supervisorDepartments.get("default"));
  }
}

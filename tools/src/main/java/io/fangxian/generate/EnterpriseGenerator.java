package io.fangxian.generate;

import io.fangxian.avro.Enterprise;
import io.fangxian.avro.RiskLevel;
import io.fangxian.domain.CreditCode;
import io.fangxian.domain.Township;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The enterprises: the scenarios' subjects first (see {@link ScenarioGenerator}), then random ones. */
final class EnterpriseGenerator {
  private static final Set<String> HIGH_RISK_SECTORS =
      Set.of("hazardous-chemicals", "chemical-zone", "non-coal-mines", "bottled-gas", "dust-explosion");

  private final GeneratorContext ctx;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedIds = new HashSet<>();

  EnterpriseGenerator(GeneratorContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Adds random enterprises up to the configured number, then weighs all but the quiet one for
   * background activity.
   */
  void fillUp() {
    while (ctx.enterprises.size() < ctx.config.enterprises()) {
      String sector = ctx.pick(ctx.words.sectorWeights());
      List<String> only = ctx.words.sectorTownships().get(sector);
      String township = only != null ? only.get(ctx.rnd.nextInt(only.size())) : ctx.pick(ctx.words.townshipWeights());
      add(township, sector, null, null);
    }
    ctx.eligible = ctx.enterprises.stream().filter(e -> !ctx.isQuiet(e)).toList();
    ctx.backgroundPicker = new Picker<>(ctx.rnd, ctx.eligible, e -> riskWeight(e.getRiskLevel()));
  }

  /** The grid an enterprise is in: one of its township's, by its code (no draw from the event stream). */
  static String gridOf(String townshipId, String enterpriseId) {
    return townshipId + "-G" + (1 + Math.floorMod(enterpriseId.hashCode(), DataGenerator.GRIDS_PER_TOWNSHIP));
  }

  /**
   * The special operations (特种作业) a quarter of the industrial enterprises do on site, chosen from
   * the enterprise's id rather than the random stream, so the rest of the data stays as it was.
   */
  private static List<String> specialOperationsOf(String sectorId, String enterpriseId) {
    int h = Math.floorMod(enterpriseId.hashCode(), 8);
    if (h > 1) {
      return List.of();
    }
    return switch (sectorId) {
      case "construction" -> List.of("高处作业");
      case "machinery", "metallurgy", "non-ferrous", "building-materials" -> List.of(h == 0 ? "焊接与热切割作业" : "电工作业");
      case "hazardous-chemicals", "chemical-production", "chemical-zone" -> List.of("电工作业");
      default -> List.of();
    };
  }

  /** Adds an enterprise; a null risk is drawn, a supervisor makes it key-supervised. */
  Enterprise add(String townshipId, String sectorId, RiskLevel risk, String supervisor) {
    Township township = ctx.ref.township(townshipId).orElseThrow();
    if (risk == null) {
      risk = randomRisk(sectorId);
    }
    boolean key = supervisor != null || ctx.rnd.nextDouble() < switch (risk) {
      case RED -> 0.6;
      case ORANGE -> 0.25;
      case YELLOW -> 0.04;
      default -> 0.005;
    };
    if (key && supervisor == null) {
      supervisor = ctx.words.departmentFor(sectorId) + " " + ctx.person();
    }
    String id;
    do {
      id = CreditCode.generate(ctx.rnd, DataGenerator.DIVISION_CODE);
    } while (!usedIds.add(id));
    Enterprise e = Enterprise.newBuilder()
        .setEnterpriseId(id)
        .setName(uniqueName(sectorId))
        .setTownshipId(townshipId)
        .setSectorId(sectorId)
        .setRiskLevel(risk)
        .setKeySupervised(key)
        .setSupervisor(key ? supervisor : null)
        .setInChemicalZone(sectorId.equals("chemical-zone"))
        .setGridId(gridOf(townshipId, id))
        .setSpecialOperations(specialOperationsOf(sectorId, id))
        .setAddress("江苏省常州市金坛区" + township.nameZh() + ctx.oneOf(ctx.words.roads()) + (1 + ctx.rnd.nextInt(888)) + "号")
        .build();
    ctx.enterprises.add(e);
    ctx.byTownship.computeIfAbsent(townshipId, t -> new ArrayList<>()).add(e);
    if (key) {
      ctx.keySupervised.add(e);
    }
    return e;
  }

  private String uniqueName(String sectorId) {
    List<String> templates = ctx.words.templatesFor(sectorId);
    for (int attempt = 0; ; attempt++) {
      String name = ctx.oneOf(templates).replace("{place}", ctx.oneOf(ctx.words.places()))
          .replace("{core}", ctx.oneOf(ctx.words.cores()));
      if (attempt > 20) {
        name = name + "（" + (attempt - 19) + "）";
      }
      if (usedNames.add(name)) {
        return name;
      }
    }
  }

  /** A sector drawn by weight among those allowed in the township. */
  String randomSectorFor(String townshipId) {
    while (true) {
      String sector = ctx.pick(ctx.words.sectorWeights());
      List<String> only = ctx.words.sectorTownships().get(sector);
      if (only == null || only.contains(townshipId)) {
        return sector;
      }
    }
  }

  private RiskLevel randomRisk(String sectorId) {
    double[] w = HIGH_RISK_SECTORS.contains(sectorId) ? new double[] {15, 30, 40, 15} : new double[] {4, 11, 35, 50};
    return RiskLevel.values()[ctx.pickIndex(w)];
  }

  private static double riskWeight(RiskLevel r) {
    return switch (r) {
      case RED -> 4;
      case ORANGE -> 2.5;
      case YELLOW -> 1.5;
      default -> 1;
    };
  }
}

package io.fangxian;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies, read from the compiled classes: they form no cycle, the shared
 * kernel sits below every capability, the capabilities meet only through the messages they pass,
 * and only the entry points wire the whole.
 */
class ArchitectureTest {
  /**
   * What every capability may use: generated records, serdes, domain words, settings, store keys, reject
   * reasons, and the web kernel its REST resource is built on (the router, parameters, errors, local stores).
   */
  private static final String[] KERNEL = {
      "io.fangxian.avro..", "io.fangxian.serde..", "io.fangxian.domain..", "io.fangxian.config..", "io.fangxian.store..",
      "io.fangxian.validate..", "io.fangxian.web.."};

  /** This module's own classes (the generated records come from fangxian-schemas and are kernel). */
  private static final JavaClasses CLASSES = new ClassFileImporter().importPath(Path.of("target/classes"));

  @Test
  void packagesFormNoCycle() {
    slices().matching("io.fangxian.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theKernelDependsOnNoCapability() {
    noClasses().that().resideInAnyPackage(KERNEL)
        .should().dependOnClassesThat().resideOutsideOfPackages(concat(KERNEL, "java..", "javax..", "org.apache..",
            "com.fasterxml..", "org.slf4j..", "org.yaml..", "io.javalin.."))
        .check(CLASSES);
  }

  /** The capabilities (slices), each a package with its processors, stores and records. */
  private static final List<String> SLICES = List.of("accidents", "accountability", "alerts", "areas", "dossier",
      "enforcement", "enterprises", "flying", "hazards", "reports");

  /**
   * What one slice may take from another: the messages it passes on (a count change to the area
   * sums, the ledger's changes, an accident's change, an enterprise's activity, a report's link to
   * its hazard). The intake, which every slice is fed from, is open to all.
   */
  private static final Class<?>[] MESSAGES = {
      io.fangxian.areas.CountChange.class, io.fangxian.hazards.LedgerChange.class,
      io.fangxian.accidents.AccidentChange.class, io.fangxian.enterprises.EnterpriseActivity.class,
      io.fangxian.reports.HazardReportLink.class, io.fangxian.reports.ReportsOutput.class};

  @Test
  void slicesMeetOnlyThroughTheirMessages() {
    for (String slice : SLICES) {
      String[] others = SLICES.stream().filter(o -> !o.equals(slice)).map(o -> "io.fangxian." + o + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("io.fangxian." + slice + "..")
          .should().dependOnClassesThat(resideInAnyPackage(others).and(not(belongToAnyOf(MESSAGES))))
          .check(CLASSES);
    }
  }

  /** The HTTP server and the reads composing several slices sit above them: a slice serves its own reads. */
  @Test
  void theCompositeReadsSitAboveTheSlices() {
    String[] below = concat(KERNEL, SLICES.stream().map(s -> "io.fangxian." + s + "..").toArray(String[]::new));
    noClasses().that().resideInAnyPackage(below)
        .should().dependOnClassesThat().resideInAPackage("io.fangxian.query..")
        .check(CLASSES);
  }

  @Test
  void onlyTheCommandLineStartsTheApplication() {
    noClasses().that().resideOutsideOfPackages("io.fangxian.cli..", "io.fangxian.app..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fangxian.cli..", "io.fangxian.app..")
        .check(CLASSES);
  }

  /**
   * Each slice adds its own part of the topology; only the assembler ({@code FangxianTopology})
   * wires the slices together, and only the application builds it. A slice that needed the
   * assembler would wire itself to the whole.
   */
  @Test
  void onlyTheApplicationUsesTheAssembler() {
    noClasses().that().resideOutsideOfPackages("io.fangxian.topology..", "io.fangxian.app..")
        .should().dependOnClassesThat().resideInAPackage("io.fangxian.topology..")
        .check(CLASSES);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}

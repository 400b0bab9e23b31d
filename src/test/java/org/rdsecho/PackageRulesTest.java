package org.rdsecho;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main code, as docs/development.md draws it: each package names the
 * packages of ours it may use, so a new dependency is a decision made here, in review, and not an
 * import that slips in. Only the main classes are read (target/classes), never the tests.
 */
class PackageRulesTest {
  private static final String OURS = "org.rdsecho";
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages(OURS);

  /** Each package directly under org.rdsecho and the packages of ours it may use. */
  private static final Map<String, Set<String>> MAY_USE =
      Map.of(
          "core", Set.of(),
          "config", Set.of("core"),
          "files", Set.of("core"),
          "lock", Set.of("core", "files"),
          "stage", Set.of("core", "config"),
          "aws", Set.of("core", "config", "stage"),
          // the data plane reads and writes the model's records (Manifest, DumpSet, FileNames), as
          // aws returns its observations in stage's types; stage never sees either
          "dump", Set.of("core", "config", "files", "lock", "stage"),
          "plane", Set.of("core", "config", "files", "lock", "stage", "aws", "dump"),
          "cli", Set.of("core", "config", "files", "lock", "stage", "aws", "dump", "plane"));

  @Test
  void everyPackageHasItsRule() {
    Set<String> unruled = new TreeSet<>();
    MAIN.forEach(
        c -> {
          String rest =
              c.getPackageName().equals(OURS)
                  ? ""
                  : c.getPackageName().substring(OURS.length() + 1);
          String top = rest.split("\\.")[0];
          if (!MAY_USE.containsKey(top)) {
            unruled.add(c.getPackageName());
          }
        });
    assertEquals(
        Set.of(), unruled, "a new package gets its line in MAY_USE and in docs/development.md");
  }

  @Test
  void eachPackageUsesOnlyThePackagesOfOursItMayUse() {
    MAY_USE.forEach(
        (pkg, allowed) -> {
          Set<String> forbidden = new TreeSet<>(MAY_USE.keySet());
          forbidden.remove(pkg);
          forbidden.removeAll(allowed);
          if (!forbidden.isEmpty()) {
            noClasses()
                .that()
                .resideInAPackage(OURS + "." + pkg + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                    forbidden.stream().map(p -> OURS + "." + p + "..").toArray(String[]::new))
                .allowEmptyShould(true)
                .check(MAIN);
          }
        });
  }

  @Test
  void coreUsesNothingOfOursAndNoLibrary() {
    noClasses()
        .that()
        .resideInAPackage(OURS + ".core..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("java..", OURS + ".core..")
        .check(MAIN);
  }

  @Test
  void stageDecidesWithoutTheSdkOrJackson() {
    noClasses()
        .that()
        .resideInAPackage(OURS + ".stage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.fasterxml..")
        .because("decisions are pure: observations in, actions out")
        .check(MAIN);
  }

  @Test
  void onlyTheCloudAdaptersAndTheWiringTouchTheSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackages(OURS + ".aws..", OURS + ".plane..", OURS + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon..")
        .check(MAIN);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching(OURS + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void testSupportIsNotInTheMainJar() {
    noClasses()
        .should()
        .resideInAPackage(OURS + ".testing..")
        .orShould()
        .haveSimpleNameEndingWith("Stub")
        .orShould()
        .haveSimpleNameEndingWith("Training")
        .because("fakes, stubs and the start-up training ship in the tests and the training jar")
        .check(MAIN);
  }
}

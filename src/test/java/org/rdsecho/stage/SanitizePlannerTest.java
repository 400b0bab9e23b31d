package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The writes of a sanitize, exactly and in order: the scripts once, between their marks, the
 * checks, the scrubbed set.
 */
class SanitizePlannerTest {
  private static final String DIR = "/s/development/2026-11-21";
  private static final DumpRequest REQUEST =
      new DumpRequest(
          "development",
          DumpKind.SANITIZED,
          "development-clone",
          List.of(),
          Set.of("mysql"),
          DumpSelection.WHOLE,
          1,
          ".sql.gz",
          null);
  private static final DumpObservation SEEN =
      new DumpObservation(
          List.of("shop", "crm", "mysql"),
          new DirectoryDestination(DIR, "rdsecho.sanitize.dir", null, List.of()),
          List.of());
  private static final String TIME = TagValues.time(NOW);

  private static List<Action> plan(EchoInstance clone, boolean rerun) {
    return SanitizePlanner.plan(
        clone, TAGS, List.of("scrub.sql", "more.sql"), "checks.sql", rerun, NOW, REQUEST, SEEN);
  }

  private static final List<Action> CHECKS_AND_SET =
      List.of(
          new DataAction.RunChecks("crm", "checks.sql"),
          new DataAction.RunChecks("shop", "checks.sql"),
          new DataAction.Dump("crm", DIR, "crm.sql.gz"),
          new DataAction.Dump("shop", DIR, "shop.sql.gz"),
          new DataAction.WriteManifest(DIR, DumpKind.SANITIZED));

  @Test
  void
      theScriptsRunOnceBetweenTheirMarksAfterTheRawSetsDigestGoesThenTheChecksThenTheScrubbedSet() {
    EchoInstance clone =
        TestInstances.withTag(
            TestInstances.withTag(
                TestInstances.inStage(Stage.EXPORTED), TAGS.manifestDigest(DumpKind.RAW), "ab12"),
            TAGS.verifiedAt(),
            TIME);
    List<Action> expected =
        new java.util.ArrayList<>(
            List.of(
                CloudAction.Tag.of(
                    clone, Map.of(), List.of(TAGS.manifestDigest(DumpKind.RAW), TAGS.verifiedAt())),
                CloudAction.Tag.add(clone, Map.of(TAGS.key("sanitizeStartedAt"), TIME)),
                new DataAction.RunScript("crm", "scrub.sql"),
                new DataAction.RunScript("crm", "more.sql"),
                new DataAction.RunScript("shop", "scrub.sql"),
                new DataAction.RunScript("shop", "more.sql"),
                CloudAction.Tag.of(
                    clone,
                    Map.of(TAGS.sanitizeRan(), TIME),
                    List.of(TAGS.key("sanitizeStartedAt")))));
    expected.addAll(CHECKS_AND_SET);
    assertEquals(expected, plan(clone, false));
  }

  @Test
  void scriptsThatRanAreNotRunAgainUnlessAskedAndAnInterruptedRunIsRefusedUntilTheOperatorSaysSo() {
    EchoInstance ran =
        TestInstances.withTag(TestInstances.inStage(Stage.EXPORTED), TAGS.sanitizeRan(), TIME);
    assertEquals(CHECKS_AND_SET, plan(ran, false));
    assertEquals(
        new DataAction.RunScript("crm", "scrub.sql"),
        plan(ran, true).get(1),
        "--rerun-scripts runs them");

    EchoInstance interrupted =
        TestInstances.withTag(
            TestInstances.inStage(Stage.EXPORTED), TAGS.key("sanitizeStartedAt"), TIME);
    EchoException e = assertThrows(EchoException.class, () -> plan(interrupted, false));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(e.getMessage().contains("run 'rds-echo sanitize --rerun-scripts'"), e.getMessage());
    assertEquals(new DataAction.RunScript("crm", "scrub.sql"), plan(interrupted, true).get(1));
  }
}

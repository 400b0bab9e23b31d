package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.core.Outcome;

/** {@code forget}: which clones it gives up, with its exact write, and what it refuses. */
class ForgetPlannerTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    // stage,    RDS status,   exit, writes
    "NEW,        available,    0, 1",
    "MODIFIED,   modifying,    0, 1",
    "REBOOTED,   available,    0, 1",
    "EXPORTED,   available,    0, 1",
    "SANITIZED,  available,    0, 1",
    "NEW,        failed,       0, 1",
    "PROMOTED,   available,    3, 0",
    "PROMOTED,   storage-full, 3, 0",
    "FORGOTTEN,  available,    3, 0",
    "RETIRED,    deleting,     3, 0",
  })
  void forgetsTheNewestCloneBeforePromotionOrBroken(
      Stage stage, String status, int exit, int writes) {
    EchoInstance clone = TestInstances.with(inStage(stage), status);
    Decision d = ForgetPlanner.decide(new EchoFleet(TAGS, List.of(clone)), null, List::of, NOW);
    assertEquals(exit, d.outcome().exitCode(), d.message());
    // the exact write: the stage tag, or nothing
    assertEquals(
        writes == 1
            ? List.of(
                new CloudAction.Tag(
                    clone.id(),
                    clone.arn(),
                    Map.of(TAGS.stage(), "forgotten", TAGS.stagedAt(), "2026-11-21T03:00:00Z"),
                    List.of()))
            : List.of(),
        d.actions());
  }

  @Test
  void thePromotedCloneAndTheCnameTargetAreRefusedWith4() {
    EchoInstance promoted = inStage(Stage.PROMOTED);
    Decision d =
        ForgetPlanner.decide(new EchoFleet(TAGS, List.of(promoted)), promoted.id(), List::of, NOW);
    assertEquals(Outcome.REFUSED, d.outcome());
    assertTrue(d.message().contains("it is the promoted clone"), d.message());

    EchoInstance target = inStage(Stage.REBOOTED);
    Decision cname =
        ForgetPlanner.decide(
            new EchoFleet(TAGS, List.of(target)), null, () -> List.of(target.endpoint()), NOW);
    assertEquals(Outcome.REFUSED, cname.outcome());
    assertTrue(cname.message().contains("the CNAME points at it"), cname.message());
  }

  @Test
  void anAlreadyForgottenCloneIsDoneAndWhatIsNotOursIsRefused() {
    EchoInstance forgotten = inStage(Stage.FORGOTTEN);
    assertEquals(
        Outcome.DONE,
        ForgetPlanner.decide(new EchoFleet(TAGS, List.of(forgotten)), forgotten.id(), List::of, NOW)
            .outcome());
    EchoInstance prod = TestInstances.unmanaged("prod");
    assertEquals(
        Outcome.REFUSED,
        ForgetPlanner.decide(new EchoFleet(TAGS, List.of(prod)), "prod", List::of, NOW).outcome());
    EchoInstance tagged = TestInstances.withTag(inStage(Stage.NEW), TAGS.stage(), "neww");
    assertEquals(
        Outcome.REFUSED,
        ForgetPlanner.decide(new EchoFleet(TAGS, List.of(tagged)), null, List::of, NOW).outcome());
  }
}

package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.PromoteSettings;
import org.rdsecho.core.Outcome;

/** {@code rollback}'s decisions with their exact writes, in order. */
class RollbackPlannerTest {
  private static final PromoteSettings CNAME =
      new PromoteSettings("dev.example.com.", 60, Map.of(), null, false);

  private static Decision decide(
      List<EchoInstance> instances, String target, String explicit, boolean yes) {
    return RollbackPlanner.decide(
        new RollbackPlanner.Inputs(
            new EchoFleet(TAGS, instances),
            CNAME,
            explicit,
            yes,
            true,
            false,
            false,
            () -> new DnsView("Z1", target),
            NOW));
  }

  private final EchoInstance current =
      inStage(Stage.PROMOTED, "development-new", "rds:snap-2", NOW.minusSeconds(3600));
  private final EchoInstance previous =
      wasPromoted(
          inStage(Stage.FORGOTTEN, "development-old", "rds:snap-1", NOW.minusSeconds(90_000)));
  private final EchoInstance older =
      wasPromoted(
          inStage(Stage.FORGOTTEN, "development-older", "rds:snap-0", NOW.minusSeconds(180_000)));

  /**
   * Finding 4: newer than the previous one, forgotten after its sanitize failed, never promoted.
   */
  private final EchoInstance neverPromoted =
      inStage(Stage.FORGOTTEN, "development-raw", "rds:snap-1b", NOW.minusSeconds(50_000));

  private static EchoInstance wasPromoted(EchoInstance clone) {
    return TestInstances.withTag(
        TestInstances.withTag(clone, TAGS.promotedBy(), "--yes"),
        TAGS.sanitizeRan(),
        "2026-11-20T04:00:00Z");
  }

  private static Decision decide(
      List<EchoInstance> instances, String target, String explicit, PromotionGates gates) {
    return RollbackPlanner.decide(
        new RollbackPlanner.Inputs(
            new EchoFleet(TAGS, instances),
            CNAME,
            explicit,
            true,
            true,
            false,
            false,
            () -> new DnsView("Z1", target),
            NOW,
            gates));
  }

  @Test
  void goesBackOnlyToAClonePromotedBeforeNeverSidewaysToANewerOneThatNeverWas() {
    PromotionGates sanitize = new PromotionGates(true, false, false);
    Decision d =
        decide(List.of(current, neverPromoted, previous), current.endpoint(), null, sanitize);
    assertEquals(Outcome.DONE, d.outcome(), d.message());
    assertEquals(
        new CloudAction.PointCname("Z1", "dev.example.com.", previous.endpoint(), 60),
        d.actions().get(0));
    Decision only = decide(List.of(current, neverPromoted), current.endpoint(), null, sanitize);
    assertEquals(Outcome.NOTHING_TO_ACT_ON, only.outcome(), only.message());
    Decision named =
        decide(
            List.of(current, neverPromoted),
            current.endpoint(),
            "development-raw",
            PromotionGates.NONE);
    assertEquals(Outcome.NOTHING_TO_ACT_ON, named.outcome());
    assertEquals(
        "cannot roll back to development-raw: it was never promoted (no tag rdsecho:development:promotedBy), and"
            + " rollback only goes back to a clone that was (rds-echo status lists them)",
        named.message());
  }

  @Test
  void aClonePromotedBeforeMustStillPassTodaysGates() {
    EchoInstance unscrubbed =
        TestInstances.withTag(
            inStage(Stage.FORGOTTEN, "development-old", "rds:snap-1", NOW.minusSeconds(90_000)),
            TAGS.promotedBy(),
            "--yes");
    Decision sanitize =
        decide(
            List.of(current, unscrubbed),
            current.endpoint(),
            null,
            new PromotionGates(true, false, false));
    assertEquals(Outcome.REFUSED, sanitize.outcome());
    assertTrue(
        sanitize
            .message()
            .startsWith(
                "refusing to roll back to development-old: rdsecho.sanitize.scripts is"
                    + " set, and it was never sanitized"),
        sanitize.message());
    assertEquals(
        Outcome.REFUSED,
        decide(
                List.of(current, previous),
                current.endpoint(),
                null,
                new PromotionGates(false, true, false))
            .outcome(),
        "never verified");
    assertEquals(
        Outcome.REFUSED,
        decide(
                List.of(current, previous),
                current.endpoint(),
                null,
                new PromotionGates(false, false, true))
            .outcome(),
        "never carried");
    EchoInstance scrubbedSet =
        TestInstances.withTag(unscrubbed, TAGS.manifestDigest(DumpKind.SANITIZED), "ab12");
    assertEquals(
        Outcome.DONE,
        decide(
                List.of(current, scrubbedSet),
                current.endpoint(),
                null,
                new PromotionGates(true, false, false))
            .outcome(),
        "its scrubbed set's digest stands for the scripts' mark");
    EchoInstance checked =
        TestInstances.withTag(
            TestInstances.withTag(previous, TAGS.verifiedAt(), "2026-11-20T05:00:00Z"),
            TAGS.carriedAt(),
            "2026-11-20T05:00:00Z");
    assertEquals(
        Outcome.DONE,
        decide(
                List.of(current, checked),
                current.endpoint(),
                null,
                new PromotionGates(true, true, true))
            .outcome());
  }

  @Test
  void pointsTheCnameBackThenPromotesThePreviousThenForgetsTheCurrent() {
    Decision d = decide(List.of(current, previous, older), current.endpoint(), null, true);
    Map<String, String> promoted = new LinkedHashMap<>(TAGS.transition(Stage.PROMOTED, NOW));
    promoted.put(TAGS.promotedBy(), "rollback --yes");
    promoted.put(TAGS.givenUp(), "rds:snap-2");
    assertEquals(
        List.of(
            new CloudAction.PointCname("Z1", "dev.example.com.", previous.endpoint(), 60),
            CloudAction.Tag.add(previous, promoted),
            CloudAction.Tag.add(current, TAGS.forgetPromoted(current, NOW))),
        d.actions());
  }

  @Test
  void theOutcomesOfEveryOtherCase() {
    assertEquals(
        Outcome.NOTHING_TO_ACT_ON,
        decide(List.of(previous), previous.endpoint(), null, true).outcome());
    assertEquals(
        Outcome.NOTHING_TO_ACT_ON,
        decide(List.of(current), current.endpoint(), null, true).outcome());
    assertEquals(
        Outcome.REFUSED,
        decide(List.of(current, previous), current.endpoint(), null, false).outcome(),
        "no terminal and no --yes");
    assertEquals(
        Outcome.REFUSED,
        decide(List.of(current, previous), "prod.abc.eu-west-1.rds.amazonaws.com", null, true)
            .outcome(),
        "a CNAME on someone else's database needs --take-over");
    EchoInstance rolledBack = TestInstances.withTag(current, TAGS.promotedBy(), "rollback --yes");
    assertEquals(
        Outcome.DONE,
        decide(List.of(rolledBack, previous), current.endpoint(), null, true).outcome(),
        "a rerun after success");
    Map<String, String> olderPromoted = new LinkedHashMap<>(TAGS.transition(Stage.PROMOTED, NOW));
    olderPromoted.put(TAGS.promotedBy(), "rollback --yes");
    olderPromoted.put(TAGS.givenUp(), "rds:snap-2");
    assertEquals(
        List.of(
            new CloudAction.PointCname("Z1", "dev.example.com.", older.endpoint(), 60),
            CloudAction.Tag.add(older, olderPromoted),
            CloudAction.Tag.add(rolledBack, TAGS.forgetPromoted(rolledBack, NOW))),
        decide(List.of(rolledBack, previous, older), current.endpoint(), "development-older", true)
            .actions(),
        "further back, by name");
    EchoInstance stillPromoted =
        inStage(Stage.PROMOTED, "development-old", "rds:snap-1", NOW.minusSeconds(90_000));
    assertEquals(
        List.of(CloudAction.Tag.add(current, TAGS.forgetPromoted(current, NOW))),
        decide(List.of(current, stillPromoted), stillPromoted.endpoint(), null, true).actions(),
        "an interrupted rollback is finished by the CNAME's choice");
  }
}

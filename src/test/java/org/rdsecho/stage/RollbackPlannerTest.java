package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig.PromoteSettings;

/** {@code rollback}'s decisions with their exact writes, in order. */
class RollbackPlannerTest {
  private static final PromoteSettings CNAME = new PromoteSettings("dev.example.com.", 60, Map.of(), null, false);

  private static Decision decide(List<EchoInstance> instances, String target, String explicit, boolean yes) {
    return RollbackPlanner.decide(new RollbackPlanner.Inputs(new EchoFleet(TAGS, instances), CNAME, explicit, yes,
        true, false, false, () -> new DnsView("Z1", target), NOW));
  }

  private final EchoInstance current = inStage(Stage.PROMOTED, "development-new", "rds:snap-2", NOW.minusSeconds(3600));
  private final EchoInstance previous = inStage(Stage.FORGOTTEN, "development-old", "rds:snap-1", NOW.minusSeconds(90_000));
  private final EchoInstance older = inStage(Stage.FORGOTTEN, "development-older", "rds:snap-0", NOW.minusSeconds(180_000));

  @Test
  void pointsTheCnameBackThenPromotesThePreviousThenForgetsTheCurrent() {
    Decision d = decide(List.of(current, previous, older), current.endpoint(), null, true);
    Map<String, String> promoted = new LinkedHashMap<>(TAGS.transition(Stage.PROMOTED, NOW));
    promoted.put(TAGS.promotedBy(), "rollback --yes");
    promoted.put(TAGS.givenUp(), "rds:snap-2");
    assertEquals(List.of(
        new Action.PointCname("Z1", "dev.example.com.", previous.endpoint(), 60),
        Action.Tag.add(previous, promoted),
        Action.Tag.add(current, TAGS.forgetPromoted(current, NOW))), d.actions());
  }

  @Test
  void theOutcomesOfEveryOtherCase() {
    assertEquals(Outcome.NOTHING_TO_ACT_ON, decide(List.of(previous), previous.endpoint(), null, true).outcome());
    assertEquals(Outcome.NOTHING_TO_ACT_ON, decide(List.of(current), current.endpoint(), null, true).outcome());
    assertEquals(Outcome.REFUSED, decide(List.of(current, previous), current.endpoint(), null, false).outcome(),
        "no terminal and no --yes");
    assertEquals(Outcome.REFUSED, decide(List.of(current, previous), "prod.abc.eu-west-1.rds.amazonaws.com", null,
        true).outcome(), "a CNAME on someone else's database needs --take-over");
    EchoInstance rolledBack = TestInstances.withTag(current, TAGS.promotedBy(), "rollback --yes");
    assertEquals(Outcome.DONE, decide(List.of(rolledBack, previous), current.endpoint(), null, true).outcome(),
        "a rerun after success");
    assertEquals(3, decide(List.of(rolledBack, previous, older), current.endpoint(), "development-older", true).actions().size(),
        "further back, by name");
    EchoInstance stillPromoted = inStage(Stage.PROMOTED, "development-old", "rds:snap-1", NOW.minusSeconds(90_000));
    assertEquals(List.of(Action.Tag.add(current, TAGS.forgetPromoted(current, NOW))),
        decide(List.of(current, stillPromoted), stillPromoted.endpoint(), null, true).actions(),
        "an interrupted rollback is finished by the CNAME's choice");
  }
}

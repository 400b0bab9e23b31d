package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;
import static org.rdsecho.stage.TestInstances.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.core.Outcome;

/**
 * §15 (issue 17, finding 7): a new clone never takes the identifier of an instance that still
 * exists.
 */
class NewCloneNamesTest {
  private static final EchoConfig CONFIG =
      EchoConfig.from(RawConfig.of(Map.of("rdsecho.name", "development")));
  private static final SnapshotInfo SNAPSHOT =
      new SnapshotInfo("rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600));
  private static final String BASE = InstanceNames.forSnapshot("development", SNAPSHOT);

  /** A clone of ours under {@code id}, of another snapshot, given up and still being deleted. */
  private static EchoInstance beingDeleted(String id) {
    return with(inStage(Stage.RETIRED, id, "rds:snap-other", NOW.minusSeconds(7200)), "deleting");
  }

  @Test
  void aCloneStillBeingDeletedUnderTheNameIsNotTakenForTheNewOneAndItsNameIsNotReused() {
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(beingDeleted(BASE))),
            "development",
            SNAPSHOT,
            CONFIG.restore(),
            NOW);
    assertEquals(1, d.actions().size(), "it restores, not 'already restored': " + d.message());
    CloudAction.Restore restore = (CloudAction.Restore) d.actions().get(0);
    assertEquals(BASE + "-2", restore.instanceId());
    assertEquals(
        BASE + "-2", restore.tags().get(TAGS.identity()), "ours by birth under its own name");
    assertEquals("rds:snap-2", restore.tags().get(TAGS.snapshot()));
  }

  @Test
  void aRerunFindsTheCloneUnderItsSecondNameBySnapshot() {
    EchoInstance restored = inStage(Stage.NEW, BASE + "-2", "rds:snap-2", NOW.minusSeconds(60));
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(beingDeleted(BASE), restored)),
            "development",
            SNAPSHOT,
            CONFIG.restore(),
            NOW);
    assertEquals(Outcome.DONE, d.outcome());
    assertTrue(d.actions().isEmpty(), d.actions().toString());
    assertTrue(d.message().contains(BASE + "-2 was already restored from rds:snap-2"), d.message());
  }

  @Test
  void whenEveryNameIsTakenItRefusesNamingThem() {
    List<EchoInstance> taken = new ArrayList<>();
    taken.add(beingDeleted(BASE));
    for (int n = 2; n <= 9; n++) {
      taken.add(beingDeleted(BASE + "-" + n));
    }
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, taken), "development", SNAPSHOT, CONFIG.restore(), NOW);
    assertEquals(Outcome.REFUSED, d.outcome(), d.message());
    assertTrue(
        d.message().contains(BASE + " and " + BASE + "-2 … " + BASE + "-9 all still exist"),
        d.message());
  }
}

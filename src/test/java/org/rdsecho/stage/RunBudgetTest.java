package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * §15 "Bounded": one clone, one snapshot, one copy per run; the second creation fails (1), naming
 * itself.
 */
class RunBudgetTest {
  private static final RestoreSettings SETTINGS =
      new RestoreSettings(
          null,
          null,
          "db.t3.medium",
          null,
          null,
          null,
          null,
          null,
          null,
          Map.of(),
          null,
          List.of(),
          null,
          null,
          null,
          null);
  private static final Instant AT = Instant.parse("2026-11-21T03:00:00Z");

  private static Action restore(String id) {
    return new CloudAction.Restore(id, "snap-1", SETTINGS, Map.of());
  }

  @Test
  void oneOfEachKindPassesAndWritesThatCreateNothingAreNeverCounted() {
    RunBudget budget = new RunBudget();
    for (Action action :
        List.of(
            new CloudAction.CreateSnapshot("production", "fresh-1", Map.of()),
            new CloudAction.CopySnapshot("fresh-1", "copy-1", "alias/k", Map.of()),
            restore("clone-1"),
            new CloudAction.Reboot("clone-1"),
            new CloudAction.Delete("old", "old-final"),
            new CloudAction.Delete("older", "older-final"),
            new CloudAction.DeleteSnapshot("x"),
            new CloudAction.PointCname("Z", "a.", "b.", 60))) {
      assertDoesNotThrow(() -> budget.spend(action), action.describe());
    }
  }

  @Test
  void aSecondCloneIsRefusedAsAFailureNamingIt() {
    RunBudget budget = new RunBudget();
    budget.spend(restore("clone-1"));
    EchoException e = assertThrows(EchoException.class, () -> budget.spend(restore("clone-1")));
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(
        e.getMessage()
            .startsWith(
                "refusing to restore snapshot snap-1 into new instance clone-1: this run"
                    + " already created a clone (clone-1)"),
        e.getMessage());
    assertThrows(
        EchoException.class,
        () ->
            budget.spend(
                new CloudAction.RestoreToPointInTime(
                    "clone-2", "production", AT, SETTINGS, Map.of())));
    assertThrows(
        EchoException.class,
        () ->
            budget.spend(
                new ClusterAction.RestoreCluster(
                    "c-2", new ClusterAction.FromClusterSnapshot("s"), SETTINGS, Map.of())));
  }

  @Test
  void aClusterAndItsWriterAreOneCloneButASecondWriterOrAnotherClustersIsNot() {
    RunBudget budget = new RunBudget();
    budget.spend(
        new ClusterAction.RestoreCluster(
            "c-1", new ClusterAction.FromClusterSnapshot("s"), SETTINGS, Map.of()));
    budget.spend(new ClusterAction.CreateWriter("c-1-1", "c-1", SETTINGS, Map.of()));
    EchoException again =
        assertThrows(
            EchoException.class,
            () -> budget.spend(new ClusterAction.CreateWriter("c-1-1", "c-1", SETTINGS, Map.of())));
    assertTrue(
        again.getMessage().contains("create writer instance c-1-1 in cluster c-1"),
        again.getMessage());

    RunBudget resumed = new RunBudget(); // a writer for the cluster an earlier run left without one
    resumed.spend(new ClusterAction.CreateWriter("c-0-1", "c-0", SETTINGS, Map.of()));
    assertThrows(
        EchoException.class,
        () ->
            resumed.spend(
                new ClusterAction.RestoreCluster(
                    "c-1", new ClusterAction.FromClusterSnapshot("s"), SETTINGS, Map.of())));
  }

  @Test
  void aSecondSnapshotOrCopyIsRefused() {
    RunBudget budget = new RunBudget();
    budget.spend(new CloudAction.CreateSnapshot("production", "fresh-1", Map.of()));
    budget.spend(new CloudAction.CopySnapshot("fresh-1", "copy-1", "alias/k", Map.of()));
    EchoException snapshot =
        assertThrows(
            EchoException.class,
            () -> budget.spend(new CloudAction.CreateSnapshot("production", "fresh-2", Map.of())));
    assertTrue(
        snapshot
            .getMessage()
            .contains(
                "take snapshot fresh-2 of production: this run already created a"
                    + " snapshot (fresh-1)"),
        snapshot.getMessage());
    EchoException copy =
        assertThrows(
            EchoException.class,
            () ->
                budget.spend(
                    new CloudAction.CopySnapshot("copy-1", "copy-2", "alias/k", Map.of())));
    assertTrue(
        copy.getMessage()
            .contains(
                "copy snapshot copy-1 as copy-2: this run already created a snapshot copy"
                    + " (copy-1)"),
        copy.getMessage());
  }
}

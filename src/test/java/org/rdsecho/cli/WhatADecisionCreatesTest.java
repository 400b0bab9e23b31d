package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.Decision;
import org.rdsecho.stage.RunBudget;
import org.rdsecho.stage.Stage;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Which clone or snapshot a decision creates is one answer ({@link Decision#newClone}, {@link
 * Decision#newSnapshot}): the instance a result names, what {@code new --wait} waits for and says
 * is available, and what the run's budget counts (§15 "Bounded") all agree, an Aurora restore
 * (cluster, then writer) counting once as the cluster it makes.
 */
class WhatADecisionCreatesTest {
  private static final RestoreSettings SETTINGS =
      new RestoreSettings(
          null,
          null,
          "db.r6g.large",
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

  @TempDir Path dir;

  private static Decision creating(Action... actions) {
    return Decision.act("creating", null, null, Stage.NEW, List.of(actions));
  }

  private static final Action CLUSTER =
      new ClusterAction.RestoreCluster(
          "c-1", new ClusterAction.FromClusterSnapshot("s"), SETTINGS, Map.of());
  private static final Action WRITER =
      new ClusterAction.CreateWriter("c-1-1", "c-1", SETTINGS, Map.of());

  /** Every decision new makes, with the clone and the snapshot it creates. */
  private static final List<Object[]> DECISIONS =
      List.of(
          new Object[] {
            creating(new CloudAction.Restore("i-1", "snap-1", SETTINGS, Map.of())), "i-1", null
          },
          new Object[] {
            creating(
                new CloudAction.RestoreToPointInTime("i-2", "production", AT, SETTINGS, Map.of())),
            "i-2",
            null
          },
          new Object[] {creating(CLUSTER, WRITER), "c-1", null},
          new Object[] {creating(WRITER), "c-1", null},
          new Object[] {
            creating(new CloudAction.CreateSnapshot("production", "fresh-1", Map.of())),
            null,
            "fresh-1"
          },
          new Object[] {
            creating(new CloudAction.CopySnapshot("shared-1", "copy-1", "alias/k", Map.of())),
            null,
            "copy-1"
          },
          new Object[] {creating(new CloudAction.Reboot("i-0")), null, null});

  @Test
  void theResultTheWaitAndTheBudgetNameTheOneCloneADecisionCreates() {
    for (Object[] row : DECISIONS) {
      Decision d = (Decision) row[0];
      String what = d.actions().stream().map(Action::describe).toList().toString();
      assertEquals(Optional.ofNullable((String) row[1]), d.newClone(), what);
      assertEquals(Optional.ofNullable((String) row[2]), d.newSnapshot(), what);
      assertEquals(row[1], StageRunner.instanceId(d), "the result's instance: " + what);

      RunBudget budget = new RunBudget();
      d.actions().forEach(budget::spend); // a cluster and its writer are one clone
      if (row[1] != null) {
        EchoException second =
            assertThrows(
                EchoException.class,
                () -> budget.spend(new CloudAction.Restore("i-9", "snap-9", SETTINGS, Map.of())));
        assertTrue(
            second.getMessage().contains("this run already created a clone (" + row[1] + ")"),
            what + ": " + second.getMessage());
      }
    }
  }

  /**
   * A cluster an interrupted run left without its writer: {@code new --wait} creates the writer,
   * waits for the clone, and says it is available, as for a restore.
   */
  @Test
  void newWaitSaysTheCloneIsAvailableAfterCreatingTheWriterAnInterruptedRunLeftOut() {
    Harness h = new Harness(dir).auroraNight();
    String clone =
        Harness.clusterCloneId(
            Harness.NEW_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(1)));
    h.budget.crashAfter(1); // right after RestoreDBClusterFromSnapshot
    assertEquals(1, h.run("new").exitCode());
    h.rds.settle();
    h.rds.settleAfterDescribes(2);
    Run run = h.run("-o", "json", "new", "--wait");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("\"instance\":\"" + clone + "\""), run.out());
    assertTrue(
        run.out()
            .contains(
                "\"message\":\"created the writer instance of "
                    + clone
                    + " (an earlier run restored the cluster and stopped); "
                    + clone
                    + " is available\""),
        run.out());
  }
}

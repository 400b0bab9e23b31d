package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.ModifyChanges;
import org.rdsecho.stage.Ownership;
import org.rdsecho.stage.RunBudget;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.WriteBudget;

/**
 * The executor's last guard: whatever a decision says, no action that writes an instance or cluster
 * reaches AWS when it names the source; a snapshot of the source (a read of it) does.
 */
class SourceGuardTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  private static final EchoTags TAGS = new EchoTags("development");

  @TempDir Path dir;

  private final FakeRds rds = new FakeRds(() -> NOW, new WriteBudget());

  private ActionExecutor executor() {
    RdsInstances instances = new RdsInstances(rds);
    return new ActionExecutor(
        instances,
        new RdsClusters(rds, instances),
        new RdsSnapshots(rds),
        null,
        new Ownership(TAGS, Set.of("production"), null),
        Map.of(),
        Set.of("production"),
        note -> {},
        new RunBudget());
  }

  @Test
  void everyActionThatWritesTheSourceIsRefusedBeforeAnyCall() {
    rds.addInstance("production", "available", NOW.minusSeconds(86_400));
    rds.addSnapshot("rds:snap-1", "production", "automated", "available", NOW.minusSeconds(600));
    var settings = new Harness(dir).parsedConfig().restore();
    ModifyChanges changes = new ModifyChanges(null, List.of(), List.of("sg-1"), null, null, true);
    List<CloudAction> writes =
        List.of(
            new CloudAction.Restore("production", "rds:snap-1", settings, Map.of()),
            new CloudAction.RestoreToPointInTime(
                "production", "production", NOW, settings, Map.of()),
            new CloudAction.Modify("production", changes),
            new CloudAction.Reboot("production"),
            new CloudAction.Tag(
                "production",
                "arn:aws:rds:us-east-1:" + FakeRds.ACCOUNT + ":db:production",
                Map.of("k", "v"),
                List.of()),
            new CloudAction.Delete("production", null),
            new ClusterAction.ModifyCluster("production", changes),
            new ClusterAction.DeleteCluster("production", null),
            new ClusterAction.CreateWriter("production-2", "production", settings, Map.of()));
    for (CloudAction write : writes) {
      EchoException e =
          assertThrows(EchoException.class, () -> executor().apply(write), write.describe());
      assertEquals(Outcome.REFUSED, e.outcome(), write.describe());
      assertTrue(
          e.getMessage()
              .contains("production is the source instance, which rds-echo never writes to"),
          e.getMessage());
    }
    assertEquals(List.of(), rds.writeLog());
  }

  @Test
  void aSnapshotOfTheSourceIsNoWriteOfIt() {
    rds.addInstance("production", "available", NOW.minusSeconds(86_400));
    executor()
        .apply(
            new CloudAction.CreateSnapshot("production", "rdsecho-development-fresh-1", Map.of()));
    assertEquals(List.of("CreateDBSnapshot rdsecho-development-fresh-1"), rds.writeLog());
  }
}

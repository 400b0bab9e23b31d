package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.rdsecho.stage.FreshSnapshots;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Ours by birth (§15): every create call rds-echo makes carries {@code rdsecho:<name>:id} naming
 * the resource being created, and copies are made of the source's snapshot, never of a copy. The
 * exact SDK requests of whole commands, captured with Mockito on a spy of the fake cloud.
 */
class IdentityTagRequestsTest {
  private static final String ID = "rdsecho:development:id";

  @TempDir Path dir;

  private static RdsClient spied(Harness h) {
    RdsClient rds = spy(h.rds);
    h.rdsClient = rds;
    return rds;
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void aRestoreFromASnapshotNamesTheNewInstanceAndCopiesTagsToItsFinalSnapshot() {
    Harness h = new Harness(dir).usualNight();
    RdsClient rds = spied(h);
    assertEquals(0, h.run("new").exitCode());
    ArgumentCaptor<RestoreDbInstanceFromDbSnapshotRequest> restore =
        ArgumentCaptor.forClass(RestoreDbInstanceFromDbSnapshotRequest.class);
    verify(rds).restoreDBInstanceFromDBSnapshot(restore.capture());
    assertEquals(Harness.newCloneId(), restore.getValue().dbInstanceIdentifier());
    assertEquals(Harness.NEW_SNAPSHOT, restore.getValue().dbSnapshotIdentifier());
    assertEquals(Harness.newCloneId(), tags(restore.getValue().tags()).get(ID));
    // the final snapshot inherits the clone's tags: that is how it is known as ours (no tags in
    // DeleteDBInstance)
    assertEquals(true, restore.getValue().copyTagsToSnapshot());
  }

  @Test
  void aPointInTimeRestoreNamesTheNewInstance() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "pointInTime");
    h.config.put("rdsecho.snapshot.restoreTime", "2026-11-20T10:13:00Z");
    h.rds.earliestRestorable = Harness.START.minus(Duration.ofDays(7));
    h.rds.latestRestorable = Harness.START.minus(Duration.ofMinutes(5));
    RdsClient rds = spied(h);
    assertEquals(0, h.run("new").exitCode());
    ArgumentCaptor<RestoreDbInstanceToPointInTimeRequest> restore =
        ArgumentCaptor.forClass(RestoreDbInstanceToPointInTimeRequest.class);
    verify(rds).restoreDBInstanceToPointInTime(restore.capture());
    assertEquals(
        restore.getValue().targetDBInstanceIdentifier(), tags(restore.getValue().tags()).get(ID));
    assertEquals("production", restore.getValue().sourceDBInstanceIdentifier());
  }

  @Test
  void aFreshSnapshotNamesItselfAndIsTheOneRestored() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    RdsClient rds = spied(h);
    assertEquals(0, h.run("new").exitCode());
    ArgumentCaptor<CreateDbSnapshotRequest> create =
        ArgumentCaptor.forClass(CreateDbSnapshotRequest.class);
    verify(rds).createDBSnapshot(create.capture());
    assertEquals("rdsecho-development-20261121-030000", create.getValue().dbSnapshotIdentifier());
    assertEquals("production", create.getValue().dbInstanceIdentifier());
    assertEquals(create.getValue().dbSnapshotIdentifier(), tags(create.getValue().tags()).get(ID));
  }

  @Test
  void aCopyIsOfTheSourcesSnapshotNamesItselfAndIsNeverCopiedAgain() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.copyKmsKeyId", "alias/rds-echo");
    RdsClient rds = spied(h);
    for (int run = 0; run < 4; run++) {
      Run r = h.run("new");
      assertTrue(List.of(0, 75).contains(r.exitCode()), r.out() + r.err());
      h.rds.settle();
    }
    ArgumentCaptor<CopyDbSnapshotRequest> copy =
        ArgumentCaptor.forClass(CopyDbSnapshotRequest.class);
    verify(rds).copyDBSnapshot(copy.capture()); // exactly once
    String copyId = FreshSnapshots.copyIdFor("development", Harness.NEW_SNAPSHOT);
    assertEquals(Harness.NEW_SNAPSHOT, copy.getValue().sourceDBSnapshotIdentifier());
    assertEquals(copyId, copy.getValue().targetDBSnapshotIdentifier());
    assertEquals("alias/rds-echo", copy.getValue().kmsKeyId());
    Map<String, String> tags = tags(copy.getValue().tags());
    assertEquals(copyId, tags.get(ID));
    assertEquals(Harness.NEW_SNAPSHOT, tags.get("rdsecho:development:copiedFrom"));
    ArgumentCaptor<RestoreDbInstanceFromDbSnapshotRequest> restore =
        ArgumentCaptor.forClass(RestoreDbInstanceFromDbSnapshotRequest.class);
    verify(rds).restoreDBInstanceFromDBSnapshot(restore.capture());
    assertEquals(copyId, restore.getValue().dbSnapshotIdentifier(), "the copy is what is restored");
    assertEquals(
        restore.getValue().dbInstanceIdentifier(), tags(restore.getValue().tags()).get(ID));
  }

  @Test
  void anAuroraRestoreNamesTheClusterAndItsWriterEachItself() {
    Harness h = new Harness(dir).auroraNight();
    RdsClient rds = spied(h);
    Run run = h.run("new");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    ArgumentCaptor<RestoreDbClusterFromSnapshotRequest> cluster =
        ArgumentCaptor.forClass(RestoreDbClusterFromSnapshotRequest.class);
    verify(rds).restoreDBClusterFromSnapshot(cluster.capture());
    assertEquals(cluster.getValue().dbClusterIdentifier(), tags(cluster.getValue().tags()).get(ID));
    assertEquals(Harness.NEW_CLUSTER_SNAPSHOT, cluster.getValue().snapshotIdentifier());
    ArgumentCaptor<CreateDbInstanceRequest> writer =
        ArgumentCaptor.forClass(CreateDbInstanceRequest.class);
    verify(rds).createDBInstance(writer.capture());
    assertEquals(
        cluster.getValue().dbClusterIdentifier() + "-1", writer.getValue().dbInstanceIdentifier());
    assertEquals(writer.getValue().dbInstanceIdentifier(), tags(writer.getValue().tags()).get(ID));
  }

  @Test
  void anAuroraCopyOnWriteCloneAndAFreshClusterSnapshotNameThemselves() throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve("cow"));
    java.nio.file.Files.createDirectories(dir.resolve("fresh"));
    Harness cow = new Harness(dir.resolve("cow")).auroraNight();
    cow.config.put("rdsecho.new.restoreType", "copy-on-write");
    RdsClient rds = spied(cow);
    assertEquals(0, cow.run("new").exitCode());
    ArgumentCaptor<RestoreDbClusterToPointInTimeRequest> clone =
        ArgumentCaptor.forClass(RestoreDbClusterToPointInTimeRequest.class);
    verify(rds).restoreDBClusterToPointInTime(clone.capture());
    assertEquals("copy-on-write", clone.getValue().restoreType());
    assertEquals(clone.getValue().dbClusterIdentifier(), tags(clone.getValue().tags()).get(ID));
    ArgumentCaptor<CreateDbInstanceRequest> writer =
        ArgumentCaptor.forClass(CreateDbInstanceRequest.class);
    verify(rds).createDBInstance(writer.capture());
    assertEquals(writer.getValue().dbInstanceIdentifier(), tags(writer.getValue().tags()).get(ID));

    Harness fresh = new Harness(dir.resolve("fresh")).auroraNight();
    fresh.config.put("rdsecho.snapshot.type", "fresh");
    RdsClient freshRds = spied(fresh);
    assertEquals(0, fresh.run("new").exitCode());
    ArgumentCaptor<CreateDbClusterSnapshotRequest> snapshot =
        ArgumentCaptor.forClass(CreateDbClusterSnapshotRequest.class);
    verify(freshRds).createDBClusterSnapshot(snapshot.capture());
    assertEquals(
        snapshot.getValue().dbClusterSnapshotIdentifier(),
        tags(snapshot.getValue().tags()).get(ID));
  }

  @Test
  void retireNamesTheFinalSnapshotAfterTheCloneSoItIsKnownAsOurs() {
    Harness h = new Harness(dir).usualNight();
    h.runNight(List.of("new", "modify", "reboot", "promote"));
    RdsClient rds = spied(h);
    assertEquals(0, h.run("retire", "--yes").exitCode());
    ArgumentCaptor<DeleteDbInstanceRequest> delete =
        ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
    verify(rds, atLeastOnce()).deleteDBInstance(delete.capture());
    assertEquals(Harness.oldCloneId(), delete.getValue().dbInstanceIdentifier());
    assertTrue(
        delete.getValue().finalDBSnapshotIdentifier().startsWith(Harness.oldCloneId() + "-final-"),
        delete.getValue().finalDBSnapshotIdentifier());
    verify(rds, never())
        .deleteDBSnapshot(
            any(software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest.class));
  }
}

package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * What {@code new} writes for every snapshot source, decided from an observation alone (no AWS):
 * the actual writes, in order, not their number.
 */
class NewPlannerSourcesTest {
  private static final Instant OLDER_TIME = NOW.minusSeconds(7200);
  private static final Instant NEWER_TIME = NOW.minusSeconds(600);
  private static final SnapshotInfo OLDER =
      new SnapshotInfo("rds:production-1", "production", "automated", "available", OLDER_TIME);
  private static final SnapshotInfo NEWER =
      new SnapshotInfo("rds:production-2", "production", "automated", "available", NEWER_TIME);

  private static EchoConfig config(String... keyValues) {
    Map<String, String> raw = new HashMap<>();
    raw.put("rdsecho.name", "development");
    raw.put("rdsecho.snapshot.dbInstanceIdentifier", "production");
    for (int i = 0; i < keyValues.length; i += 2) {
      raw.put(keyValues[i], keyValues[i + 1]);
    }
    return EchoConfig.from(RawConfig.of(raw));
  }

  private static EchoConfig aurora(String... keyValues) {
    Map<String, String> raw = new HashMap<>();
    raw.put("rdsecho.name", "development");
    raw.put("rdsecho.snapshot.dbClusterIdentifier", "production-cluster");
    raw.put("rdsecho.new.dbInstanceClass", "db.r6g.large");
    for (int i = 0; i < keyValues.length; i += 2) {
      raw.put(keyValues[i], keyValues[i + 1]);
    }
    return EchoConfig.from(RawConfig.of(raw));
  }

  /** What new saw: the fleet, the source's snapshots, our own snapshots, the window. */
  private static NewObservation seen(
      List<EchoInstance> fleet,
      List<SnapshotInfo> listed,
      List<SnapshotInfo> manual,
      Optional<SnapshotInfo> named,
      Optional<RestoreWindow> window) {
    return new NewObservation(
        fleet(fleet), NOW, listed, false, named, manual, window, List.of(), null);
  }

  /** The fleet as new sees it: the sources (the instance and the cluster) are only ever read. */
  private static EchoFleet fleet(List<EchoInstance> instances) {
    return new EchoFleet(TAGS, instances, java.util.Set.of("production", "production-cluster"));
  }

  private static Decision plan(EchoConfig config, NewObservation seen) {
    return NewPlanner.plan(NewSettings.of(config), seen);
  }

  private static String clone(SnapshotInfo snapshot) {
    return InstanceNames.forSnapshot("development", snapshot);
  }

  @Test
  void latestRestoresTheNewestSnapshotItDidNotMakeWithEveryTagInTheRequest() {
    EchoConfig config = config();
    SnapshotInfo ourCopy =
        new SnapshotInfo(
            "rdsecho-development-copy-aaaaaaaaaaaa",
            "production",
            "manual",
            "available",
            NOW.minusSeconds(60),
            Map.of(
                TAGS.managed(), "true", TAGS.identity(), "rdsecho-development-copy-aaaaaaaaaaaa"));
    Decision d =
        plan(
            config,
            seen(
                List.of(),
                List.of(OLDER, NEWER, ourCopy),
                List.of(),
                Optional.empty(),
                Optional.empty()));

    String id = clone(NEWER);
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("rdsecho:development:managed", "true");
    tags.put("rdsecho:development:id", id);
    tags.put("rdsecho:development:stage", "new");
    tags.put("rdsecho:development:snapshot", "rds:production-2");
    tags.put("rdsecho:development:stagedAt", TagValues.time(NOW));
    assertEquals(
        List.of(new CloudAction.Restore(id, "rds:production-2", config.restore(), tags)),
        d.actions());
    assertEquals("restoring rds:production-2 into " + id, d.message());
    assertEquals(Stage.NEW, d.toStage());
  }

  @Test
  void aSnapshotGivenUpBeforeIsNotRestoredAgainButANamedOneIs() {
    EchoInstance promoted =
        TestInstances.withTag(
            TestInstances.inStage(
                Stage.PROMOTED, "development-old", "rds:production-0", NOW.minusSeconds(86400)),
            TAGS.givenUp(),
            "rds:production-2");
    Decision latest =
        plan(
            config(),
            seen(
                List.of(promoted),
                List.of(OLDER, NEWER),
                List.of(),
                Optional.empty(),
                Optional.empty()));
    assertEquals(List.of(), latest.actions());
    assertEquals(Outcome.DONE, latest.outcome());
    assertTrue(
        latest.message().startsWith("not restoring rds:production-2: this echo restored it before"),
        latest.message());

    EchoConfig named = config("rdsecho.snapshot.identifier", "rds:production-2");
    Decision d =
        plan(
            named,
            seen(List.of(promoted), List.of(), List.of(), Optional.of(NEWER), Optional.empty()));
    String id = clone(NEWER);
    assertEquals(
        List.of(
            new CloudAction.Restore(
                id,
                "rds:production-2",
                named.restore(),
                TAGS.birth(id, "rds:production-2", NOW, Map.of()))),
        d.actions());
  }

  @Test
  void aNamedSnapshotOfOurOwnMakingIsRefused() {
    SnapshotInfo fresh =
        new SnapshotInfo(
            "rdsecho-development-20261120-030000",
            "production",
            "manual",
            "available",
            NOW.minusSeconds(86400),
            TAGS.snapshotBirth("rdsecho-development-20261120-030000", NOW, Map.of()));
    EchoException e =
        assertThrows(
            EchoException.class,
            () ->
                plan(
                    config("rdsecho.snapshot.identifier", fresh.id()),
                    seen(List.of(), List.of(), List.of(), Optional.of(fresh), Optional.empty())));
    assertTrue(
        e.getMessage().contains("was made by rds-echo (a fresh snapshot of snapshot.type=fresh)"),
        e.getMessage());
  }

  @Test
  void freshTakesASnapshotFirstThenRestoresItOnceAvailable() {
    EchoConfig config = config("rdsecho.snapshot.type", "fresh");
    Decision take =
        plan(config, seen(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty()));
    String freshId = "rdsecho-development-20261121-030000";
    assertEquals(
        List.of(
            new CloudAction.CreateSnapshot(
                "production", freshId, TAGS.snapshotBirth(freshId, NOW, Map.of()))),
        take.actions());
    assertEquals(null, take.toStage());

    SnapshotInfo taken =
        new SnapshotInfo(
            freshId,
            "production",
            "manual",
            "available",
            NOW,
            TAGS.snapshotBirth(freshId, NOW, Map.of()));
    Decision restore =
        plan(
            config, seen(List.of(), List.of(), List.of(taken), Optional.empty(), Optional.empty()));
    String id = clone(taken);
    assertEquals(
        List.of(
            new CloudAction.Restore(
                id, freshId, config.restore(), TAGS.birth(id, freshId, NOW, Map.of()))),
        restore.actions());

    SnapshotInfo beingTaken =
        new SnapshotInfo(freshId, "production", "manual", "creating", NOW, taken.tags());
    Decision wait =
        plan(
            config,
            seen(List.of(), List.of(), List.of(beingTaken), Optional.empty(), Optional.empty()));
    assertEquals(Outcome.NOT_READY, wait.outcome());
    assertEquals(List.of(), wait.actions());
  }

  @Test
  void replacingAnUnpromotedCloneForgetsItBeforeTheFreshSnapshotIsTaken() {
    EchoConfig config =
        config("rdsecho.snapshot.type", "fresh", "rdsecho.new.replaceUnpromoted", "true");
    EchoInstance older =
        TestInstances.inStage(
            Stage.MODIFIED, "development-older", "rds:production-0", NOW.minusSeconds(86400));
    Decision d =
        plan(
            config, seen(List.of(older), List.of(), List.of(), Optional.empty(), Optional.empty()));
    String freshId = "rdsecho-development-20261121-030000";
    assertEquals(
        List.of(
            CloudAction.Tag.add(older, TAGS.transition(Stage.FORGOTTEN, NOW)),
            new CloudAction.CreateSnapshot(
                "production", freshId, TAGS.snapshotBirth(freshId, NOW, Map.of()))),
        d.actions());
  }

  @Test
  void aSharedSnapshotIsCopiedWithTheKeyThenTheCopyIsRestored() {
    EchoConfig config =
        config("rdsecho.snapshot.type", "shared", "rdsecho.snapshot.copyKmsKeyId", "alias/dev");
    SnapshotInfo shared =
        new SnapshotInfo(
            "production-nightly",
            "production",
            "shared",
            "available",
            NEWER_TIME,
            Map.of(),
            "arn:aws:rds:us-east-1:222222222222:snapshot:production-nightly");
    String copyId = FreshSnapshots.copyIdFor("development", "production-nightly");
    Decision copy =
        plan(
            config,
            seen(List.of(), List.of(shared), List.of(), Optional.empty(), Optional.empty()));
    Map<String, String> copyTags = new LinkedHashMap<>();
    copyTags.put("rdsecho:development:managed", "true");
    copyTags.put("rdsecho:development:id", copyId);
    copyTags.put("rdsecho:development:copiedFrom", "production-nightly");
    copyTags.put("rdsecho:development:takenAt", TagValues.time(NOW));
    assertEquals(
        List.of(new CloudAction.CopySnapshot(shared.arn(), copyId, "alias/dev", copyTags)),
        copy.actions());

    SnapshotInfo made =
        new SnapshotInfo(copyId, "production", "manual", "available", NOW, copyTags);
    Decision restore =
        plan(
            config,
            seen(List.of(), List.of(shared), List.of(made), Optional.empty(), Optional.empty()));
    String id = clone(made);
    assertEquals(
        List.of(
            new CloudAction.Restore(
                id, copyId, config.restore(), TAGS.birth(id, copyId, NOW, Map.of()))),
        restore.actions());
  }

  @Test
  void pointInTimeRestoresTheLatestRestorableTimeOnceWhileYoungerThanMaxAge() {
    EchoConfig config =
        config("rdsecho.snapshot.type", "pointInTime", "rdsecho.snapshot.restoreTime", "latest");
    Instant latest = Instant.parse("2026-11-21T02:55:00Z");
    Optional<RestoreWindow> window =
        Optional.of(new RestoreWindow(NOW.minusSeconds(86400), latest.plusMillis(700)));
    Decision d = plan(config, seen(List.of(), List.of(), List.of(), Optional.empty(), window));
    String identity = "pit:" + TagValues.time(latest);
    String id = clone(new SnapshotInfo(identity, "production", "pointInTime", "available", latest));
    assertEquals(
        List.of(
            new CloudAction.RestoreToPointInTime(
                id,
                "production",
                latest,
                config.restore(),
                TAGS.birth(id, identity, NOW, Map.of()))),
        d.actions());
    assertEquals(
        "restoring production as it was at " + TagValues.time(latest) + " into " + id, d.message());

    EchoInstance restored = TestInstances.inStage(Stage.NEW, id, identity, NOW);
    Decision again =
        plan(config, seen(List.of(restored), List.of(), List.of(), Optional.empty(), window));
    assertEquals(List.of(), again.actions());
    assertTrue(again.message().startsWith("already current: " + id), again.message());
  }

  @Test
  void auroraRestoresTheClusterThenItsWriterBothTaggedFromBirth() {
    EchoConfig config = aurora();
    SnapshotInfo snap =
        new SnapshotInfo(
            "rds:production-cluster-2", "production-cluster", "automated", "available", NEWER_TIME);
    Decision d =
        plan(config, seen(List.of(), List.of(snap), List.of(), Optional.empty(), Optional.empty()));
    String id = clone(snap);
    Map<String, String> birth = TAGS.birth(id, snap.id(), NOW, Map.of());
    assertEquals(
        List.of(
            new ClusterAction.RestoreCluster(
                id, new ClusterAction.FromClusterSnapshot(snap.id()), config.restore(), birth),
            new ClusterAction.CreateWriter(
                id + "-1", id, config.restore(), TAGS.namingItself(birth, id + "-1"))),
        d.actions());
    assertEquals(
        id + "-1",
        d.actions().get(1) instanceof ClusterAction.CreateWriter w
            ? w.tags().get(TAGS.identity())
            : null,
        "the writer's identity tag names the writer itself");
  }

  @Test
  void auroraPointInTimeAndCopyOnWriteRestoreTheLiveCluster() {
    Instant latest = Instant.parse("2026-11-21T02:55:00Z");
    Optional<RestoreWindow> window =
        Optional.of(new RestoreWindow(NOW.minusSeconds(86400), latest));
    for (boolean copyOnWrite : new boolean[] {false, true}) {
      EchoConfig config =
          copyOnWrite
              ? aurora("rdsecho.new.restoreType", "copy-on-write")
              : aurora(
                  "rdsecho.snapshot.type", "pointInTime", "rdsecho.snapshot.restoreTime", "latest");
      Decision d = plan(config, seen(List.of(), List.of(), List.of(), Optional.empty(), window));
      String identity = (copyOnWrite ? "cow:" : "pit:") + TagValues.time(latest);
      String id =
          clone(
              new SnapshotInfo(identity, "production-cluster", "pointInTime", "available", latest));
      Map<String, String> birth = TAGS.birth(id, identity, NOW, Map.of());
      assertEquals(
          List.of(
              new ClusterAction.RestoreCluster(
                  id,
                  new ClusterAction.FromClusterAt("production-cluster", latest, copyOnWrite),
                  config.restore(),
                  birth),
              new ClusterAction.CreateWriter(
                  id + "-1", id, config.restore(), TAGS.namingItself(birth, id + "-1"))),
          d.actions());
    }
  }

  @Test
  void anAuroraCloneWithoutItsWriterGetsItsWriterAndNothingElse() {
    EchoConfig config = aurora();
    SnapshotInfo snap =
        new SnapshotInfo(
            "rds:production-cluster-2", "production-cluster", "automated", "available", NEWER_TIME);
    String id = clone(snap);
    EchoInstance cluster =
        TestInstances.with(
            TestInstances.inStage(Stage.NEW, id, snap.id(), NOW), EchoInstance.WRITER_MISSING);
    Decision d =
        plan(
            config,
            seen(List.of(cluster), List.of(snap), List.of(), Optional.empty(), Optional.empty()));
    assertEquals(List.of(NewPlanner.writerOf(cluster, config.restore(), TAGS)), d.actions());
  }

  @Test
  void aCompleteDumpSetOfTheSnapshotEndsAPipelineWithoutDns() {
    NewObservation seen =
        new NewObservation(
            fleet(List.of()),
            NOW,
            List.of(OLDER, NEWER),
            false,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            List.of(new NewObservation.Dumped("rds:production-2", "dumps/development/2026-11-21")),
            null);
    Decision d = plan(config(), seen);
    assertEquals(List.of(), d.actions());
    assertEquals(
        "already done: the dump set of rds:production-2 is complete in dumps/development/2026-11-21;"
            + " nothing to restore until a newer snapshot",
        d.message());
  }
}

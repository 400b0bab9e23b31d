package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Aurora echoes (§12, issue 10): the clone is a cluster plus its writer, restored from the newest
 * cluster snapshot, a point in time, a fresh cluster snapshot or as a copy-on-write clone of the
 * live source; every stage, gate and rule of the instance pipeline holds, and the source cluster
 * and other clusters are never written to.
 */
class AuroraScenarioTest {
  private static final List<String> NIGHT = List.of("new", "modify", "reboot", "promote", "retire");
  private static final String NEW_CLONE =
      Harness.clusterCloneId(Harness.NEW_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(1)));
  private static final String OLD_CLONE =
      Harness.clusterCloneId(Harness.OLD_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(2)));

  @TempDir Path dir;

  private static String stage(FakeRds.Cluster c) {
    return c.tags.get("rdsecho:development:stage");
  }

  @Test
  void aWholeNightRestoresTheNewestClusterSnapshotIntoAClusterAndWriterAndRetiresTheOldOne()
      throws Exception {
    Harness h = new Harness(dir).auroraNight();
    Map<String, String> theirs = Map.copyOf(h.rds.clusters().get("payments-analytics").tags);

    Run dry = h.run("new", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.out() + dry.err());
    assertTrue(
        dry.out()
            .contains(
                "restore cluster snapshot "
                    + Harness.NEW_CLUSTER_SNAPSHOT
                    + " into new cluster "
                    + NEW_CLONE),
        dry.out());
    assertTrue(
        dry.out()
            .contains(
                "create writer instance "
                    + NEW_CLONE
                    + "-1 in cluster "
                    + NEW_CLONE
                    + " with {class=db.r6g.large}"),
        dry.out());
    assertTrue(h.rds.writeLog().isEmpty());

    Run restored = h.run("new");
    assertEquals(0, restored.exitCode(), restored.out() + restored.err());
    FakeRds.Cluster clone = h.rds.clusters().get(NEW_CLONE);
    assertEquals(Harness.NEW_CLUSTER_SNAPSHOT, clone.restoredFrom);
    assertTrue(clone.copyTagsToSnapshot, "final cluster snapshots inherit the managed tag");
    assertEquals("new", stage(clone));
    FakeRds.Instance writer = h.rds.instance(NEW_CLONE + "-1");
    assertEquals(NEW_CLONE, writer.clusterId);
    assertEquals("db.r6g.large", writer.restoreRequest.get("class"));
    assertEquals("aurora-mysql", writer.restoreRequest.get("engine"), "the engine of the snapshot");
    assertEquals("true", writer.tags.get("rdsecho:development:managed"), "tagged from birth");
    assertEquals("new", writer.tags.get("rdsecho:development:stage"));

    Run notYet = h.run("modify");
    assertEquals(75, notYet.exitCode(), "the cluster and its writer are still being created");
    h.rds.settle();

    Run modify = h.run("modify");
    assertEquals(0, modify.exitCode(), modify.out() + modify.err());
    assertTrue(
        h.rds.writeLog().contains("ModifyDBCluster " + NEW_CLONE), h.rds.writeLog().toString());
    assertTrue(
        h.rds.writeLog().contains("ModifyDBInstance " + NEW_CLONE + "-1"),
        "the writer's parameter group");
    assertEquals("dev-aurora-mysql80", clone.parameterGroup);
    assertEquals(0, clone.backupRetention, "backups are a cluster setting");
    assertEquals("modified", stage(clone));
    assertEquals(
        "modified",
        writer.tags.get("rdsecho:development:stage"),
        "the writer carries the stage too");
    h.rds.settle();

    assertEquals(0, h.run("reboot").exitCode());
    assertTrue(
        h.rds.writeLog().contains("RebootDBInstance " + NEW_CLONE + "-1"),
        "the writer is rebooted");
    assertEquals("in-sync", clone.parameterGroupStatus);
    h.rds.settle();

    Run promote = h.run("promote", "--yes");
    assertEquals(0, promote.exitCode(), promote.out() + promote.err());
    assertEquals(
        clone.endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target(),
        "the cluster endpoint");
    assertEquals("promoted", stage(clone));
    assertEquals("forgotten", stage(h.rds.clusters().get(OLD_CLONE)));

    Run status = h.run("-o", "json", "status");
    Map<String, Object> json = new ObjectMapper().readValue(status.out(), new TypeReference<>() {});
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("instances");
    Map<String, Object> row =
        rows.stream().filter(r -> r.get("id").equals(NEW_CLONE)).findFirst().orElseThrow();
    assertEquals("cluster", row.get("kind"));
    assertEquals(true, row.get("promoted"));
    assertEquals(clone.endpoint(), row.get("endpoint"));
    assertEquals(
        2,
        rows.size(),
        "the two clusters of this name, not their instances, not other clusters: " + rows);
    // each member's fields in the order status writes them, the same in every run (a hash order
    // changes from one JVM to the next): a script or a diff of two nights' output sees no change
    assertTrue(
        status
            .out()
            .contains(
                "{\"id\":\"" + NEW_CLONE + "-1\",\"rdsStatus\":\"available\",\"writer\":true}"),
        status.out());
    Run text = h.run("status");
    assertTrue(
        text.out().contains(NEW_CLONE + " is a cluster: writer " + NEW_CLONE + "-1 (available)"),
        text.out());

    Run retire = h.run("retire");
    assertEquals(0, retire.exitCode(), retire.out() + retire.err());
    List<String> log = h.rds.writeLog();
    int instanceDeleted = log.indexOf("DeleteDBInstance " + OLD_CLONE + "-1");
    int clusterDeleted = log.indexOf("DeleteDBCluster " + OLD_CLONE);
    assertTrue(
        instanceDeleted >= 0 && clusterDeleted > instanceDeleted,
        "instances first, then the cluster: " + log);
    String finalSnapshot = OLD_CLONE + "-final-20261120-040000";
    assertEquals(
        "true",
        h.rds.clusterSnapshots().get(finalSnapshot).tags().get("rdsecho:development:managed"),
        "a final cluster snapshot, recognisably ours");
    h.rds.settle();
    assertNull(h.rds.clusters().get(OLD_CLONE));
    assertNull(h.rds.instance(OLD_CLONE + "-1"));

    assertEquals(theirs, h.rds.clusters().get("payments-analytics").tags);
    assertTrue(
        log.stream()
            .noneMatch(
                w ->
                    (w.contains(Harness.CLUSTER) && !w.startsWith("Restore"))
                        || w.contains("payments-analytics")
                        || w.contains("staging-")),
        log.toString());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "new.restoreType={0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"snapshot", "copy-on-write"})
  void nightConvergesAfterAnInterruptionAfterEveryAwsWrite(String restoreType) {
    Harness reference = new Harness(dir.resolve("reference")).auroraNight();
    reference.config.put("rdsecho.new.restoreType", restoreType);
    dir.resolve("reference").toFile().mkdirs();
    runNight(reference);
    Map<String, Object> expected = reference.snapshotOfWorld();
    int totalWrites = reference.budget.writes();
    assertEquals(
        18,
        totalWrites,
        "cluster+writer, 2 modifies + 2 tags, reboot + 2 tags, dns + 4 tags, 2 tags"
            + " + 2 deletes: "
            + reference.rds.writeLog());

    for (int crashAt = 1; crashAt <= totalWrites; crashAt++) {
      Path run = dir.resolve("crash" + crashAt);
      run.toFile().mkdirs();
      Harness h = new Harness(run).auroraNight();
      h.config.put("rdsecho.new.restoreType", restoreType);
      h.budget.crashAfter(crashAt);
      runNight(h);
      assertEquals(expected, h.snapshotOfWorld(), "after a crash following write #" + crashAt);
      assertEquals(
          1,
          h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBCluster")).count(),
          "one cluster only, crash after write #" + crashAt);
      assertEquals(
          1,
          h.rds.writeLog().stream().filter(w -> w.startsWith("CreateDBInstance")).count(),
          "one writer only, crash after write #" + crashAt);
    }
  }

  private static void runNight(Harness h) {
    h.runNight(NIGHT);
  }

  @Test
  void aClusterLeftWithoutItsWriterIsNotReadyForModifyAndNewCreatesTheWriter() {
    Harness h = new Harness(dir).auroraNight();
    h.budget.crashAfter(1); // right after RestoreDBClusterFromSnapshot
    assertEquals(1, h.run("new").exitCode());
    h.rds.settle();
    Run modify = h.run("modify");
    assertEquals(75, modify.exitCode(), modify.out() + modify.err());
    assertTrue(
        (modify.out() + modify.err()).contains("has no writer instance yet")
            && (modify.out() + modify.err()).contains("run 'rds-echo new'"),
        modify.out() + modify.err());
    Run status = h.run("status");
    assertTrue(status.out().contains("writer-missing"), status.out());
    Run dry = h.run("new", "--dry-run");
    assertTrue(
        dry.out().contains("create writer instance " + NEW_CLONE + "-1 in cluster " + NEW_CLONE),
        dry.out());
    assertEquals(0, h.run("new").exitCode());
    assertEquals(NEW_CLONE, h.rds.instance(NEW_CLONE + "-1").clusterId);
    assertEquals(
        1, h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBCluster")).count());
  }

  @Test
  void aRerunAtOnceAfterTheClusterWasRestoredCreatesItsWriterWhileTheClusterIsStillCreating() {
    Harness h = new Harness(dir).auroraNight();
    h.budget.crashAfter(1); // right after RestoreDBClusterFromSnapshot
    assertEquals(1, h.run("new").exitCode());
    assertEquals("creating", h.rds.cluster(NEW_CLONE).status, "no time has passed");
    Run rerun = h.run("new");
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertTrue(rerun.out().contains("creating the writer instance of " + NEW_CLONE), rerun.out());
    assertEquals(NEW_CLONE, h.rds.instance(NEW_CLONE + "-1").clusterId);
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out());
    assertEquals(
        1,
        h.rds.writeLog().stream().filter(w -> w.startsWith("CreateDBInstance")).count(),
        "the rerun converged: a third run writes nothing");
  }

  @Test
  void retireWaitsForAForgottenClusterStillCreatingWithoutItsWriter() {
    Harness h = new Harness(dir).auroraNight();
    h.budget.crashAfter(1); // right after RestoreDBClusterFromSnapshot
    assertEquals(1, h.run("new").exitCode());
    Run forget = h.run("forget", "--yes", "--instance", NEW_CLONE);
    assertEquals(0, forget.exitCode(), forget.out() + forget.err());
    assertEquals("creating", h.rds.cluster(NEW_CLONE).status, "no time has passed");
    int writes = h.rds.writeLog().size();
    Run retire = h.run("retire", "--yes");
    assertTrue(
        h.rds.writeLog().subList(writes, h.rds.writeLog().size()).stream()
            .noneMatch(w -> w.contains("DeleteDBCluster")),
        "RDS refuses to delete a cluster still creating: "
            + retire.out()
            + retire.err()
            + h.rds.writeLog());
  }

  @Test
  void copyOnWriteClonesTheLiveSourceOnceAndCountsAsCurrentForMaxAge() {
    Harness h = new Harness(dir).auroraNight();
    h.config.put("rdsecho.new.restoreType", "copy-on-write");
    h.config.put("rdsecho.snapshot.maxAge", "20h");
    Instant latest = h.rds.clusters().get(Harness.CLUSTER).latestRestorable;

    Run dry = h.run("new", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "clone (copy-on-write) the source cluster "
                    + Harness.CLUSTER
                    + " as it was at "
                    + "2026-11-21T02:55:00Z into new cluster"),
        dry.out());
    Run run = h.run("new");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    var request = h.rds.clusterRestores.get(0);
    assertEquals("copy-on-write", request.restoreType());
    assertEquals(latest, request.restoreToTime(), "the identity: the restorable time used");
    assertEquals(Harness.CLUSTER, request.sourceDBClusterIdentifier());
    String clone =
        h.rds.clusters().keySet().stream()
            .filter(
                id -> !id.equals(Harness.CLUSTER) && h.rds.clusters().get(id).restoredFrom != null)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "cow:2026-11-21T02:55:00Z",
        h.rds.clusters().get(clone).tags.get("rdsecho:development:snapshot"));

    h.rds.settle();
    h.clock.advance(Duration.ofHours(2));
    h.rds.clusters().get(Harness.CLUSTER).latestRestorable =
        h.clock.instant().minus(Duration.ofMinutes(5));
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(
        again.out().contains("already current") || again.err().contains("already current"),
        again.out() + again.err());
    assertEquals(1, h.rds.clusterRestores.size(), "a clone younger than maxAge is current");
  }

  @Test
  void aPointInTimeOutsideTheClusterWindowIsExitTwoNamingItAndInsideIsAFullCopy() {
    Harness h = new Harness(dir).auroraNight();
    h.config.put("rdsecho.snapshot.type", "pointInTime");
    h.config.put("rdsecho.snapshot.restoreTime", "2026-10-01T00:00:00Z");
    Run outside = h.run("new");
    assertEquals(2, outside.exitCode(), outside.out() + outside.err());
    assertTrue(
        outside
            .err()
            .contains(
                "outside the restorable window of "
                    + Harness.CLUSTER
                    + " (2026-11-14T03:00:00Z to 2026-11-21T02:55:00Z)"),
        outside.err());

    h.config.put("rdsecho.snapshot.restoreTime", "2026-11-20T10:13:00Z");
    assertEquals(0, h.run("new").exitCode());
    var request = h.rds.clusterRestores.get(0);
    assertEquals("full-copy", request.restoreType());
    assertEquals(Instant.parse("2026-11-20T10:13:00Z"), request.restoreToTime());
  }

  @Test
  void aFreshClusterSnapshotIsTakenOnceWhateverTheInterruptionAndPrunedWithOnlyOurs() {
    Harness h = new Harness(dir).auroraNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    h.config.put("rdsecho.snapshot.keep", "1");
    h.budget.crashAfter(1);
    assertEquals(1, h.run("new").exitCode());
    Run notReady = h.run("new");
    assertEquals(75, notReady.exitCode(), notReady.out() + notReady.err());
    h.rds.settle();
    assertEquals(0, h.run("new").exitCode());
    List<String> taken =
        h.rds.writeLog().stream().filter(w -> w.startsWith("CreateDBClusterSnapshot")).toList();
    assertEquals(1, taken.size(), h.rds.writeLog().toString());
    String fresh = taken.get(0).substring("CreateDBClusterSnapshot ".length());
    assertTrue(fresh.startsWith("rdsecho-development-"), fresh);
    assertEquals(
        "true", h.rds.clusterSnapshots().get(fresh).tags().get("rdsecho:development:managed"));
    assertTrue(
        h.rds
            .writeLog()
            .contains(
                "RestoreDBClusterFromSnapshot "
                    + Harness.clusterCloneId(
                        fresh, h.rds.clusterSnapshots().get(fresh).createdAt())),
        h.rds.writeLog().toString());
  }

  @Test
  void finalClusterSnapshotsArePrunedAndNobodyElsesSnapshotIsEverDeleted() {
    Harness h = new Harness(dir).auroraNight();
    h.config.put("rdsecho.retire.keepFinalSnapshots", "1");
    Map<String, String> ours =
        Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "retired");
    h.rds.addClusterSnapshot(
        "development-older-final-20261001-030000",
        "development-older",
        "manual",
        "available",
        Harness.START.minus(Duration.ofDays(50)),
        ours);
    h.rds.addClusterSnapshot(
        "development-old-final-20261101-030000",
        "development-old",
        "manual",
        "available",
        Harness.START.minus(Duration.ofDays(20)),
        ours);
    h.rds.addClusterSnapshot(
        "before-the-migration",
        Harness.CLUSTER,
        "manual",
        "available",
        Harness.START.minus(Duration.ofDays(90)),
        Map.of());
    h.rds.addClusterSnapshot(
        "staging-x-final-20261001-030000",
        "staging-x",
        "manual",
        "available",
        Harness.START.minus(Duration.ofDays(60)),
        Map.of("rdsecho:staging:managed", "true", "rdsecho:staging:stage", "retired"));
    h.rds.addClusterSnapshot(
        "tagged-production",
        Harness.CLUSTER,
        "manual",
        "available",
        Harness.START.minus(Duration.ofDays(70)),
        ours);
    runNight(h);
    // the night's retire pruned them already: the final snapshot it made counts among the one kept
    assertEquals(3, h.run("retire").exitCode(), "nothing left to retire or prune");
    assertFalse(h.rds.clusterSnapshots().containsKey("development-older-final-20261001-030000"));
    assertFalse(h.rds.clusterSnapshots().containsKey("development-old-final-20261101-030000"));
    assertTrue(
        h.rds.clusterSnapshots().containsKey(OLD_CLONE + "-final-20261120-040000"),
        "the newest is kept");
    for (String kept :
        List.of(
            "before-the-migration",
            "staging-x-final-20261001-030000",
            "tagged-production",
            Harness.OLD_CLUSTER_SNAPSHOT,
            Harness.NEW_CLUSTER_SNAPSHOT)) {
      assertTrue(h.rds.clusterSnapshots().containsKey(kept), kept);
    }
  }

  @Test
  void auroraSettingsThatContradictOrDoNotApplyAreConfigurationErrors() {
    Harness both = new Harness(dir.resolve("both")).auroraNight();
    dir.resolve("both").toFile().mkdirs();
    both.config.put("rdsecho.snapshot.dbInstanceIdentifier", "production");
    Run run = both.run("new");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "both rdsecho.snapshot.dbInstanceIdentifier and"
                    + " rdsecho.snapshot.dbClusterIdentifier are set"),
        run.err());

    Harness multiAz = new Harness(dir.resolve("multiaz")).auroraNight();
    dir.resolve("multiaz").toFile().mkdirs();
    multiAz.config.put("rdsecho.new.multiAz", "true");
    run = multiAz.run("new");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("rdsecho.new.multiAz")
            && run.err().contains("does not apply to an Aurora cluster"),
        run.err());

    Harness cow = new Harness(dir.resolve("cow")).auroraNight();
    dir.resolve("cow").toFile().mkdirs();
    cow.config.put("rdsecho.new.restoreType", "copy-on-write");
    cow.config.put("rdsecho.snapshot.type", "fresh");
    run = cow.run("new");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "copy-on-write clones the live source cluster, so rdsecho.snapshot.type cannot"
                    + " apply"),
        run.err());

    Harness instance = new Harness(dir.resolve("instance")).usualNight();
    dir.resolve("instance").toFile().mkdirs();
    instance.config.put("rdsecho.new.restoreType", "copy-on-write");
    run = instance.run("new");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("applies only to an Aurora source"), run.err());
    assertTrue(
        both.rds.writeLog().isEmpty()
            && cow.rds.writeLog().isEmpty()
            && instance.rds.writeLog().isEmpty());
  }

  @Test
  void theSourceClusterIsNeverWrittenToWhateverItsTagsSay() {
    Harness h = new Harness(dir).auroraNight();
    FakeRds.Cluster production = h.rds.clusters().get(Harness.CLUSTER);
    production.tags.put("rdsecho:development:managed", "true");
    production.tags.put("rdsecho:development:stage", "forgotten");
    Run retire = h.run("retire", "--yes");
    assertEquals(
        0,
        h.rds.writeLog().stream().filter(w -> w.contains(Harness.CLUSTER)).count(),
        retire.out() + retire.err() + h.rds.writeLog());
    Run explicit = h.run("retire", "--yes", "--instance", Harness.CLUSTER);
    assertEquals(4, explicit.exitCode(), explicit.out() + explicit.err());
    Run status = h.run("status");
    assertTrue(status.out().contains("it is the source"), status.out());
    assertTrue(h.rds.writeLog().isEmpty(), h.rds.writeLog().toString());
  }

  /**
   * Attack F8: the verification server may be no endpoint of the source, the new clone or the
   * promoted clone: cluster, reader (cluster-ro), custom, and every member instance's own.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource({
    "source writer endpoint, production-cluster.cluster-c0ffee.us-east-1.rds.amazonaws.com, the source production-cluster",
    "source instance, production-cluster-instance-1.c0ffee.us-east-1.rds.amazonaws.com, the source production-cluster",
    "source reader, PRODUCTION-CLUSTER.cluster-ro-c0ffee.us-east-1.rds.amazonaws.com., the source production-cluster",
    "new clone instance, NEW-1.c0ffee.us-east-1.rds.amazonaws.com, the clone NEW",
    "new clone reader, NEW.cluster-ro-c0ffee.us-east-1.rds.amazonaws.com, the clone NEW",
    "new clone custom, dev-analytics.cluster-custom-c0ffee.us-east-1.rds.amazonaws.com, the clone NEW",
    "promoted instance, OLD-1.c0ffee.us-east-1.rds.amazonaws.com, the promoted clone OLD",
    "promoted reader, OLD.cluster-ro-c0ffee.us-east-1.rds.amazonaws.com, the promoted clone OLD"
  })
  void theVerificationServerIsNoEndpointOfTheSourceOrEitherCloneCluster(
      String what, String host, String named) {
    String newId =
        Harness.clusterCloneId(
            Harness.NEW_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(1)));
    String oldId =
        Harness.clusterCloneId(
            Harness.OLD_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(2)));
    Harness h = new Harness(dir).auroraNight();
    FakeRds.Cluster c = h.rds.addCluster(newId, "available", Harness.START.minusSeconds(600));
    c.tags.put("rdsecho:development:managed", "true");
    c.tags.put("rdsecho:development:stage", "exported");
    c.tags.put("rdsecho:development:snapshot", Harness.NEW_CLUSTER_SNAPSHOT);
    c.customEndpoints.add("dev-analytics.cluster-custom-c0ffee.us-east-1.rds.amazonaws.com");
    h.rds.addClusterInstance(newId, newId + "-1", "available", c.createdAt).tags.putAll(c.tags);
    h.config.put("rdsecho.export.dir", "dumps/{name}/{date}");
    h.config.put("rdsecho.verify.user", "v");
    h.config.put("rdsecho.verify.passwordEnv", "VPW");
    h.variables.put("VPW", "x");
    String spelled = host.replace("NEW", newId).replace("OLD", oldId);
    h.config.put("rdsecho.verify.host", spelled);
    Run run = h.run("verify", "--dry-run");
    assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
    assertTrue(
        run.err().contains("rdsecho.verify.host=" + spelled + " (port 3306) is "), run.err());
    assertTrue(run.err().contains(named.replace("NEW", newId).replace("OLD", oldId)), run.err());

    h.config.put("rdsecho.verify.host", "scratch.example.co.uk");
    Run scratch = h.run("verify", "--dry-run");
    assertFalse(
        scratch.err().contains("rdsecho.verify.host="),
        "a server of its own is accepted: " + scratch.err());
  }
}

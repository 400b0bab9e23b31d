package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * Issue 17, findings 1, 2, 5 and 7 (part): only what is ours (§15). What people restore or copy
 * from ours inherits every tag and is never acted on; rds-echo never restores or copies a snapshot
 * of its own making; its snapshots are pruned by one rule each and never the one new needs;
 * keepFinalSnapshots counts the final snapshot being made.
 */
class OwnershipScenarioTest {
  private static final List<String> NIGHT = List.of("new", "modify", "reboot", "promote", "retire");
  private static final String ID = "rdsecho:development:id";
  private static final String STAGE = "rdsecho:development:stage";

  @TempDir Path dir;

  private static long writes(Harness h, String operation) {
    return h.rds.writeLog().stream().filter(w -> w.startsWith(operation + " ")).count();
  }

  /**
   * A person restores one of our snapshots with its tags (the default of AWS, moto and most
   * tooling).
   */
  private static void personRestores(Harness h, String snapshot, String into) {
    h.rds.restoreDBInstanceFromDBSnapshot(
        RestoreDbInstanceFromDbSnapshotRequest.builder()
            .dbSnapshotIdentifier(snapshot)
            .dbInstanceIdentifier(into)
            .build());
  }

  /** A person restores one of our clones to a point in time, tags copied. */
  private static void personRestoresToPointInTime(Harness h, String instance, String into) {
    h.rds.restoreDBInstanceToPointInTime(
        RestoreDbInstanceToPointInTimeRequest.builder()
            .sourceDBInstanceIdentifier(instance)
            .targetDBInstanceIdentifier(into)
            .useLatestRestorableTime(true)
            .build());
  }

  // ---- finding 5 ----

  @Test
  void instancesPeopleRestoreFromOursWithOurTagsAreNeverForgottenRetiredOrPromoted() {
    Harness h = new Harness(dir).usualNight();
    h.runNight(NIGHT);
    String first = Harness.newCloneId();
    assertEquals("promoted", h.rds.instance(first).tags.get(STAGE));
    assertEquals(
        first, h.rds.instance(first).tags.get(ID), "ours by birth: the restore wrote its identity");

    // bob restores the promoted clone to a point in time, tags and all
    personRestoresToPointInTime(h, first, "dev-recovered-bob");
    h.rds.settle();
    assertEquals("promoted", h.rds.instance("dev-recovered-bob").tags.get(STAGE));

    // the next night retires the first clone into a final snapshot; alice restores that, with its
    // tags
    h.clock.set(Harness.START.plus(Duration.ofDays(1)));
    h.rds.addSnapshot(
        "rds:production-2026-11-21-03-00",
        "production",
        "automated",
        "available",
        Harness.START.plus(Duration.ofHours(1)));
    h.runNight(NIGHT);
    String finalSnapshot =
        h.rds.snapshots().keySet().stream()
            .filter(s -> s.startsWith(first + "-final-"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(h.rds.snapshots().keySet().toString()));
    personRestores(h, finalSnapshot, "forensics-alice");
    h.rds.settle();
    assertEquals("retired", h.rds.instance("forensics-alice").tags.get(STAGE));

    List<String> before = List.copyOf(h.rds.writeLog());
    Run advance = h.run("-q", "advance", "--yes");
    assertTrue(List.of(0).contains(advance.exitCode()), advance.out() + advance.err());
    Run retire = h.run("retire", "--yes");
    assertEquals(3, retire.exitCode(), retire.out());
    List<String> after = h.rds.writeLog().subList(before.size(), h.rds.writeLog().size());
    assertTrue(
        after.stream().noneMatch(w -> w.contains("bob") || w.contains("alice")), after.toString());
    assertEquals("available", h.rds.instance("dev-recovered-bob").status);
    assertEquals("available", h.rds.instance("forensics-alice").status);

    for (String command : List.of("forget", "retire", "modify", "reboot", "promote")) {
      Run named = h.run(command, "--instance", "dev-recovered-bob", "--yes");
      assertEquals(4, named.exitCode(), command + ": " + named.out());
      assertTrue(
          named
              .out()
              .contains(
                  "it carries rdsecho:development:* tags copied from "
                      + first
                      + "; rds-echo does not manage it"),
          named.out());
    }
    assertEquals(after.size(), h.rds.writeLog().size() - before.size(), "nothing written to them");

    Run status = h.run("status");
    assertEquals(0, status.exitCode(), status.out());
    assertTrue(
        status
            .out()
            .contains(
                "! dev-recovered-bob: it carries rdsecho:development:* tags copied from "
                    + first
                    + "; rds-echo does not manage it"),
        status.out());
    assertTrue(
        status
            .out()
            .contains(
                "! forensics-alice: it carries rdsecho:development:* tags copied from " + first),
        status.out());
  }

  @Test
  void aSnapshotPeopleCopyFromOurFinalSnapshotIsNeverPrunedAndOursStillIs() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.retire.keepFinalSnapshots", "0");
    h.runNight(NIGHT);
    String first = Harness.newCloneId();
    h.clock.set(Harness.START.plus(Duration.ofDays(1)));
    h.rds.addSnapshot(
        "rds:production-2026-11-21-03-00",
        "production",
        "automated",
        "available",
        Harness.START.plus(Duration.ofHours(1)));
    h.config.put("rdsecho.retire.keepFinalSnapshots", "all");
    h.runNight(NIGHT);
    String finalSnapshot =
        h.rds.snapshots().keySet().stream()
            .filter(s -> s.startsWith(first + "-final-"))
            .findFirst()
            .orElseThrow();
    h.rds.copyDBSnapshot(
        CopyDbSnapshotRequest.builder()
            .sourceDBSnapshotIdentifier(finalSnapshot)
            .targetDBSnapshotIdentifier("keep-for-audit")
            .kmsKeyId("alias/rds-echo")
            .copyTags(true)
            .build());
    h.rds.settle();
    assertEquals(first, h.rds.snapshots().get("keep-for-audit").tags().get(ID));
    h.config.put("rdsecho.retire.keepFinalSnapshots", "0");
    Run retire = h.run("retire", "--yes");
    assertEquals(0, retire.exitCode(), retire.out());
    assertFalse(h.rds.snapshots().containsKey(finalSnapshot), "ours is pruned");
    assertTrue(
        h.rds.snapshots().containsKey("keep-for-audit"), "the copy someone made is not ours");
    Run status = h.run("status");
    assertTrue(
        status
            .out()
            .contains(
                "! snapshot keep-for-audit: it carries rdsecho:development:* tags copied from "
                    + first),
        status.out());
  }

  // ---- finding 1 ----

  @ParameterizedTest
  @CsvSource({
    "rdsecho.snapshot.copyKmsKeyId,alias/rds-echo",
    "rdsecho.new.kmsKeyId,alias/rds-echo",
    "rdsecho.new.storageEncrypted,true"
  })
  void aKmsCopyIsNeverChosenAsTheNextSourceSoOneCopyIsMadeAndRestored(String key, String value) {
    Harness h = new Harness(dir).usualNight();
    h.rds.usableKeys.add("alias/aws/rds");
    h.config.put(key, value);
    for (int run = 0; run < 6; run++) {
      Run r = h.run("new");
      assertTrue(List.of(0, 4, 75).contains(r.exitCode()), r.out() + r.err());
      h.rds.settle();
    }
    assertEquals(1, writes(h, "CopyDBSnapshot"), h.rds.writeLog().toString());
    assertEquals(1, writes(h, "RestoreDBInstanceFromDBSnapshot"), h.rds.writeLog().toString());
    String copy = org.rdsecho.stage.FreshSnapshots.copyIdFor("development", Harness.NEW_SNAPSHOT);
    assertEquals(copy, h.rds.snapshots().get(copy).tags().get(ID), "the copy names itself");
    String clone =
        h.rds.instances().values().stream()
            .filter(i -> copy.equals(i.restoredFrom))
            .findFirst()
            .orElseThrow()
            .id;
    assertEquals(clone, h.rds.instance(clone).tags.get(ID));

    // advance, night after night, with no new snapshot: nothing more is copied
    for (int run = 0; run < 3; run++) {
      h.run("-q", "advance", "--yes");
      h.rds.settle();
    }
    assertEquals(1, writes(h, "CopyDBSnapshot"), h.rds.writeLog().toString());
    assertEquals(1, writes(h, "RestoreDBInstanceFromDBSnapshot"), h.rds.writeLog().toString());
  }

  @Test
  void aPinnedSnapshotOfOurOwnMakingIsRefused() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.copyKmsKeyId", "alias/rds-echo");
    h.run("new");
    h.rds.settle();
    String copy = org.rdsecho.stage.FreshSnapshots.copyIdFor("development", Harness.NEW_SNAPSHOT);
    h.config.put("rdsecho.snapshot.identifier", copy);
    Run pinned = h.run("new");
    assertEquals(1, pinned.exitCode(), pinned.out() + pinned.err());
    assertTrue(
        pinned
            .err()
            .contains("snapshot " + copy + " (rdsecho.snapshot.identifier) was made by rds-echo"),
        pinned.out() + pinned.err());
    assertEquals(1, writes(h, "CopyDBSnapshot"));
  }

  // ---- finding 2 ----

  @Test
  void freshWithAKeyAndKeepOneNeverDeletesTheSnapshotItNeeds() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    h.config.put("rdsecho.new.kmsKeyId", "alias/rds-echo");
    h.config.put("rdsecho.snapshot.keep", "1");
    for (int run = 0; run < 8; run++) {
      for (String command : List.of("new", "retire")) {
        Run r = h.run(command, "--yes");
        assertTrue(List.of(0, 3, 4, 75).contains(r.exitCode()), command + ": " + r.out() + r.err());
        h.rds.settle();
      }
      h.clock.advance(Duration.ofMinutes(15));
    }
    assertEquals(1, writes(h, "CreateDBSnapshot"), h.rds.writeLog().toString());
    assertEquals(1, writes(h, "CopyDBSnapshot"), h.rds.writeLog().toString());
    assertEquals(1, writes(h, "RestoreDBInstanceFromDBSnapshot"), h.rds.writeLog().toString());
    assertEquals(0, writes(h, "DeleteDBSnapshot"), h.rds.writeLog().toString());
  }

  @Test
  void freshSnapshotsAndCopiesArePrunedByTheirOwnCountsNeverTonightsPair() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    h.config.put("rdsecho.new.kmsKeyId", "alias/rds-echo");
    h.config.put("rdsecho.snapshot.keep", "1");
    for (int night = 0; night < 3; night++) {
      for (int run = 0; run < 4; run++) {
        for (String command : NIGHT) {
          h.run(command, "--yes");
          h.rds.settle();
        }
      }
      h.clock.advance(Duration.ofDays(1));
    }
    List<String> fresh =
        h.rds.snapshots().keySet().stream()
            .filter(s -> s.startsWith("rdsecho-development-2"))
            .toList();
    List<String> copies =
        h.rds.snapshots().keySet().stream()
            .filter(s -> s.startsWith("rdsecho-development-copy-"))
            .toList();
    assertEquals(1, fresh.size(), h.rds.snapshots().keySet().toString());
    assertEquals(1, copies.size(), h.rds.snapshots().keySet().toString());
    assertEquals(3, writes(h, "CreateDBSnapshot"), "one a night: " + h.rds.writeLog());
    assertEquals(
        3, writes(h, "RestoreDBInstanceFromDBSnapshot"), "one a night: " + h.rds.writeLog());
    String promoted =
        h.rds.instances().values().stream()
            .filter(i -> "promoted".equals(i.tags.get(STAGE)))
            .findFirst()
            .orElseThrow()
            .restoredFrom;
    assertEquals(copies.get(0), promoted, "tonight's copy is kept");
  }

  // ---- finding 7 (part) ----

  @Test
  void keepFinalSnapshotsCountsTheOneBeingMade() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.retire.keepFinalSnapshots", "1");
    h.rds.instance(Harness.oldCloneId()).copyTagsToSnapshot =
        true; // its final snapshot is tagged, so ours
    for (int night = 1; night <= 3; night++) {
      Instant at = Harness.START.plus(Duration.ofDays(night));
      h.clock.set(at);
      h.rds.addSnapshot(
          "rds:production-night-" + night,
          "production",
          "automated",
          "available",
          at.minus(Duration.ofHours(1)));
      h.runNight(NIGHT);
      List<String> finals =
          h.rds.snapshots().keySet().stream().filter(s -> s.contains("-final-")).toList();
      assertEquals(1, finals.size(), "night " + night + ": " + finals);
    }
  }

  @Test
  void statusSaysWhyAnInstanceCarryingOurTagsIsNotOurs() {
    Harness h = new Harness(dir).usualNight();
    FakeRds.Instance copied =
        h.rds.addInstance("restored-by-hand", "available", Harness.START.minusSeconds(60));
    copied.tags.putAll(
        Map.of("rdsecho:development:managed", "true", STAGE, "new", ID, "development-elsewhere"));
    Run status = h.run("status");
    assertTrue(status.out().contains("restored-by-hand"), status.out());
    assertTrue(
        status
            .out()
            .contains("tags copied from development-elsewhere; rds-echo does not manage it"),
        status.out());
    Run retire = h.run("retire", "--instance", "restored-by-hand", "--yes");
    assertEquals(4, retire.exitCode(), retire.out());
  }
}

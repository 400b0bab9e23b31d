package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/** Whole nights of commands against the in-memory RDS and Route53. */
class LifecycleScenarioTest {
  @TempDir Path dir;

  private static final List<String> NIGHT = List.of("new", "modify", "reboot", "promote", "retire");

  @Test
  void fullNightRestoresModifiesRebootsPromotesAndRetires() {
    Harness h = new Harness(dir).usualNight();
    Map<String, String> theirsBefore = Map.copyOf(h.rds.instance("someone-elses-db").tags);
    Map<String, String> stagingBefore =
        Map.copyOf(h.rds.instance("staging-20261101-0300-abcdef").tags);
    String clone = Harness.newCloneId();

    Run created = h.run("new");
    assertEquals(0, created.exitCode(), created.err());
    assertEquals("creating", h.rds.instance(clone).status);
    assertEquals("new", h.rds.instance(clone).tags.get("rdsecho:development:stage"));
    assertEquals(Harness.NEW_SNAPSHOT, h.rds.instance(clone).restoredFrom);

    Run early = h.run("modify");
    assertEquals(75, early.exitCode());
    assertTrue(early.out().contains(clone + " is creating"), early.out());

    h.rds.settle();
    assertEquals(0, h.run("modify").exitCode());
    assertEquals("modified", h.rds.instance(clone).tags.get("rdsecho:development:stage"));
    assertEquals(Map.of("dev-mysql80", "pending-reboot"), h.rds.instance(clone).parameterGroups);
    assertEquals(0, h.rds.instance(clone).backupRetention);

    assertEquals(75, h.run("reboot").exitCode(), "still modifying");
    h.rds.settle();
    Run rebooted = h.run("reboot");
    assertEquals(0, rebooted.exitCode(), rebooted.err());
    assertTrue(h.rds.writeLog().contains("RebootDBInstance " + clone));
    h.rds.settle();

    Run promoted = h.run("promote", "--yes");
    assertEquals(0, promoted.exitCode(), promoted.err());
    assertEquals(
        h.rds.instance(clone).endpoint(), h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals(60, h.route53.cname(Harness.ZONE, Harness.CNAME).ttl());
    assertEquals("promoted", h.rds.instance(clone).tags.get("rdsecho:development:stage"));
    assertEquals("--yes", h.rds.instance(clone).tags.get("rdsecho:development:promotedBy"));
    assertEquals(
        "forgotten", h.rds.instance(Harness.oldCloneId()).tags.get("rdsecho:development:stage"));

    Run retired = h.run("retire");
    assertEquals(0, retired.exitCode(), retired.err());
    assertEquals("deleting", h.rds.instance(Harness.oldCloneId()).status);
    assertTrue(
        h.rds.snapshots().containsKey(Harness.oldCloneId() + "-final-20261120-040000"),
        h.rds.snapshots().keySet().toString());
    h.rds.settle();
    assertNull(h.rds.instance(Harness.oldCloneId()));

    assertEquals(theirsBefore, h.rds.instance("someone-elses-db").tags);
    assertEquals(stagingBefore, h.rds.instance("staging-20261101-0300-abcdef").tags);
    assertTrue(
        h.rds.writeLog().stream()
            .noneMatch(w -> w.contains("someone-elses-db") || w.contains("staging-")));
    assertTrue(h.rds.writeLog().stream().noneMatch(w -> w.endsWith(" production")));
  }

  @Test
  void everyCommandRerunAfterSuccessWritesNothingAndExitsZero() {
    Harness h = new Harness(dir).usualNight();
    for (String command : NIGHT) {
      Run first = h.run(command, "--yes");
      assertEquals(0, first.exitCode(), command + ": " + first.out() + first.err());
      h.rds.settle();
      int writes = h.rds.writeLog().size() + h.route53.writeLog().size();
      Run again = h.run(command, "--yes");
      int expected = command.equals("retire") ? 3 : 0;
      assertEquals(expected, again.exitCode(), command + " rerun: " + again.out() + again.err());
      assertEquals(
          writes, h.rds.writeLog().size() + h.route53.writeLog().size(), command + " rerun wrote");
    }
  }

  @Test
  void nightConvergesAfterAnInterruptionAfterEveryAwsWrite() {
    Harness reference = new Harness(dir.resolve("reference")).usualNight();
    dir.resolve("reference").toFile().mkdirs();
    runNight(reference);
    Map<String, Object> expected = reference.snapshotOfWorld();
    int totalWrites = reference.budget.writes();
    assertEquals(10, totalWrites, "restore, modify+tag, reboot+tag, dns+2 tags, tag+delete");

    for (int crashAt = 1; crashAt <= totalWrites; crashAt++) {
      Path run = dir.resolve("crash" + crashAt);
      run.toFile().mkdirs();
      Harness h = new Harness(run).usualNight();
      h.budget.crashAfter(crashAt);
      runNight(h);
      assertEquals(expected, h.snapshotOfWorld(), "after a crash following write #" + crashAt);
      long restores =
          h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBInstance")).count();
      assertEquals(1, restores, "one restore only, crash after write #" + crashAt);
    }
  }

  private static void runNight(Harness h) {
    h.runNight(NIGHT);
  }

  @Test
  void newRefusesWhileAnOlderCloneIsNotPromotedAndSaysHowToFinishIt() {
    Harness h = new Harness(dir).usualNight();
    FakeRds.Instance stuck =
        h.rds.addInstance("development-stuck", "available", Harness.START.minusSeconds(600));
    stuck.tags.put("rdsecho:development:managed", "true");
    stuck.tags.put("rdsecho:development:stage", "modified");
    stuck.tags.put("rdsecho:development:snapshot", "rds:production-older");

    Run run = h.run("new");
    assertEquals(4, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "development-stuck (stage modified, from rds:production-older) is not promoted yet"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "'rds-echo forget --instance development-stuck' (then 'rds-echo retire' deletes"
                    + " it)"),
        run.out());
    assertTrue(h.rds.writeLog().isEmpty());

    assertEquals(0, h.run("forget", "--instance", "development-stuck").exitCode());
    assertEquals(0, h.run("retire").exitCode());
    Run after = h.run("new");
    assertEquals(0, after.exitCode(), "the way out works: " + after.out());
  }

  @Test
  void newIsNoOpWhenCloneOfSameSnapshotExists() {
    Harness h = new Harness(dir).usualNight();
    assertEquals(0, h.run("new").exitCode());
    Run again = h.run("new");
    assertEquals(0, again.exitCode());
    assertTrue(
        again.out().contains("was already restored from " + Harness.NEW_SNAPSHOT), again.out());
    assertEquals(1, h.rds.writeLog().size());
  }

  @Test
  void newSaysAlreadyUpToDateWhenThePromotedCloneCameFromTheNewestSnapshot() {
    Harness h = new Harness(dir).usualNight();
    h.rds.snapshots().remove(Harness.NEW_SNAPSHOT);
    Run run = h.run("new");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().startsWith("already up to date: the promoted instance " + Harness.oldCloneId()),
        run.out());
    assertTrue(h.rds.writeLog().isEmpty());
  }

  @Test
  void newExits75WhileTheOnlyNewerSnapshotIsBeingCreatedAndWaitsForItWithWait() {
    Harness h = new Harness(dir);
    h.rds.addInstance("production", "available", Harness.START.minusSeconds(999_999));
    h.rds.addSnapshot("rds:production-now", "production", "automated", "creating", null);
    Run run = h.run("new");
    assertEquals(75, run.exitCode());
    assertTrue(
        run.out().contains("snapshot rds:production-now of production is still being created"),
        run.out());

    Run waited = h.run("new", "--wait", "--timeout", "2m");
    assertEquals(75, waited.exitCode());
    assertTrue(waited.out().contains("gave up waiting after 2m"), waited.out());
    assertTrue(waited.err().contains("waiting: snapshot rds:production-now"), waited.err());
  }

  @Test
  void newWithWaitBlocksUntilTheCloneIsAvailable() {
    Harness h = new Harness(dir).usualNight();
    h.rds.settleAfterDescribes(3);
    Run run = h.run("new", "--wait");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("available", h.rds.instance(Harness.newCloneId()).status);
    assertTrue(run.err().contains(Harness.newCloneId() + " is available"), run.err());
  }

  @Test
  void newFailsClearlyWhenTheSourceInstanceDoesNotExist() {
    Harness h = new Harness(dir);
    h.config.put("rdsecho.snapshot.dbInstanceIdentifier", "prodution");
    Run run = h.run("new");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "source instance prodution (rdsecho.snapshot.dbInstanceIdentifier) not found"),
        run.err());
  }

  @Test
  void newRestoresThePinnedSnapshotWhenIdentifierIsSet() {
    Harness h = new Harness(dir).usualNight();
    h.route53.putCname(Harness.ZONE, Harness.CNAME, "elsewhere.example.com");
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    h.config.put("rdsecho.snapshot.identifier", Harness.OLD_SNAPSHOT);
    Run run = h.run("new");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("nothing to do: " + Harness.oldCloneId() + " was already restored"),
        run.out());
  }

  @Test
  void promoteRefusesAnUnsanitizedCloneWhenSanitizeScriptsAreConfigured() {
    Harness h = nightUntilRebooted();
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    Run run = h.run("promote", "--yes");
    assertEquals(4, run.exitCode());
    assertTrue(
        run.out().contains("only a sanitized clone may be promoted; run 'rds-echo sanitize' first"),
        run.out());
  }

  @Test
  void promoteWithoutYesFromANonTerminalRecordsARequestOnceAndAConfirmLetsItThrough() {
    Harness h = nightUntilRebooted();
    int writes = h.rds.writeLog().size();
    Run run = h.run("promote");
    assertEquals(4, run.exitCode());
    assertTrue(
        run.out().contains("awaits confirmation (standard input is not a terminal"), run.out());
    assertTrue(
        run.out().contains("'rds-echo confirm --by <your name>'") && run.out().contains("--yes"),
        run.out());
    assertEquals(writes + 1, h.rds.writeLog().size(), "only the request tag");
    assertEquals(4, h.run("promote").exitCode());
    assertEquals(writes + 1, h.rds.writeLog().size(), "asked once");
    assertTrue(h.route53.writeLog().isEmpty());

    assertEquals(0, h.run("confirm", "--by", "ops").exitCode());
    Run promoted = h.run("promote");
    assertEquals(0, promoted.exitCode(), promoted.out());
    assertEquals(
        "ops", h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:promotedBy"));
  }

  @Test
  void promoteAtATerminalProceedsOnlyWhenTheOperatorTypesTheInstanceId() {
    Harness h = nightUntilRebooted();
    h.terminal = true;
    h.stdin = "no\n";
    assertEquals(4, h.run("promote").exitCode());
    assertTrue(h.route53.writeLog().isEmpty());
    h.stdin = Harness.newCloneId() + "\n";
    Run run = h.run("promote");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("point CNAME " + Harness.CNAME), run.err());
    assertEquals(
        "prompt", h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:promotedBy"));
  }

  @Test
  void promoteWithRequireConfirmationRecordsARequestThenProceedsAfterConfirm() {
    Harness h = nightUntilRebooted();
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    h.config.put("rdsecho.interactive", "false");
    Run asked = h.run("promote");
    assertEquals(4, asked.exitCode());
    assertTrue(
        asked.out().contains("awaits confirmation: run 'rds-echo confirm --by <your name>'"),
        asked.out());
    String clone = Harness.newCloneId();
    assertNotNull(h.rds.instance(clone).tags.get("rdsecho:development:promoteRequestedAt"));
    int writes = h.rds.writeLog().size();
    assertEquals(4, h.run("promote").exitCode());
    assertEquals(writes, h.rds.writeLog().size(), "a second request writes nothing");

    Run confirmed = h.run("confirm", "--by", "alice");
    assertEquals(0, confirmed.exitCode(), confirmed.err());
    assertEquals("alice", h.rds.instance(clone).tags.get("rdsecho:development:confirmedBy"));

    Run promoted = h.run("promote");
    assertEquals(0, promoted.exitCode(), promoted.out() + promoted.err());
    assertEquals("alice", h.rds.instance(clone).tags.get("rdsecho:development:promotedBy"));
  }

  @Test
  void confirmationIsForOneInstanceOnly() {
    Harness h = nightUntilRebooted();
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    String first = Harness.newCloneId();
    assertEquals(0, h.run("confirm", "--by", "alice").exitCode());
    // the confirmed clone is retired by hand; a later clone must be confirmed anew
    assertEquals(0, h.run("retire", "--instance", first, "--yes").exitCode());
    h.rds.settle();
    FakeRds.Instance later =
        h.rds.addInstance("development-later", "available", Harness.START.plusSeconds(60));
    later.tags.put("rdsecho:development:managed", "true");
    later.tags.put("rdsecho:development:stage", "rebooted");
    Run run = h.run("promote");
    assertEquals(4, run.exitCode());
    assertTrue(run.out().contains("promotion of development-later"), run.out());
  }

  @Test
  void retireRefusesAnInstanceWithoutThisNamesManagedTag() {
    Harness h = new Harness(dir).usualNight();
    Run run = h.run("retire", "--instance", "someone-elses-db", "--yes");
    assertEquals(4, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "refusing to retire someone-elses-db: it has no tag rdsecho:development:managed=true"),
        run.out());
    Run other = h.run("retire", "--instance", "staging-20261101-0300-abcdef", "--yes");
    assertEquals(4, other.exitCode());
    assertTrue(h.rds.writeLog().isEmpty());
  }

  @Test
  void retireRefusesThePromotedInstance() {
    Harness h = new Harness(dir).usualNight();
    Run run = h.run("retire", "--instance", Harness.oldCloneId(), "--yes");
    assertEquals(4, run.exitCode());
    assertTrue(run.out().contains("it is the promoted instance"), run.out());
  }

  @Test
  void retireRefusesTheCnameTargetEvenWhenItsTagSaysForgotten() {
    Harness h = new Harness(dir).usualNight();
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    Run run = h.run("retire", "--instance", Harness.oldCloneId(), "--yes");
    assertEquals(4, run.exitCode());
    assertTrue(run.out().contains("the CNAME still points at it"), run.out());
    Run implicit = h.run("retire");
    assertEquals(4, implicit.exitCode());
    assertTrue(h.rds.writeLog().isEmpty());
  }

  @Test
  void retireWithNothingForgottenExits3() {
    Harness h = new Harness(dir).usualNight();
    Run run = h.run("retire");
    assertEquals(3, run.exitCode());
    assertTrue(run.out().startsWith("nothing to retire: no instance is forgotten"), run.out());
  }

  @Test
  void retireOfAStuckCloneNeedsConfirmation() {
    Harness h = new Harness(dir).usualNight();
    assertEquals(0, h.run("new").exitCode());
    h.rds.settle();
    String clone = Harness.newCloneId();
    Run refused = h.run("retire", "--instance", clone);
    assertEquals(4, refused.exitCode());
    assertTrue(refused.out().contains("needs an operator's confirmation"), refused.out());
    Run done = h.run("retire", "--instance", clone, "--yes");
    assertEquals(0, done.exitCode(), done.out() + done.err());
    assertEquals("deleting", h.rds.instance(clone).status);
  }

  @Test
  void promoteWhileTheNewestCloneIsNewExits3() {
    Harness h = new Harness(dir).usualNight();
    h.run("new");
    h.rds.settle();
    Run run = h.run("promote", "--yes");
    assertEquals(3, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "none is in stage rebooted or exported or sanitized; the newest is "
                    + Harness.newCloneId()
                    + " in stage new (run 'rds-echo modify' next)"),
        run.out());
  }

  @Test
  void instanceOptionNamingAnUnmanagedInstanceIsRefusedWith4() {
    Harness h = new Harness(dir).usualNight();
    Run run = h.run("modify", "--instance", "someone-elses-db");
    assertEquals(4, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "refusing to modify someone-elses-db: it has no tag rdsecho:development:managed=true"),
        run.out());
  }

  @Test
  void dryRunListsTheWritesAndChangesNothing() {
    Harness h = new Harness(dir).usualNight();
    Run run = h.run("new", "--dry-run");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "restore snapshot "
                    + Harness.NEW_SNAPSHOT
                    + " into new instance "
                    + Harness.newCloneId()),
        run.out());
    assertTrue(run.out().startsWith("dry run: nothing was changed. Would:\n"), run.out());
    assertEquals(
        1, run.out().split("nothing was changed", -1).length - 1, "the header once: " + run.out());
    assertTrue(run.out().contains("1 write planned: restoring " + Harness.NEW_SNAPSHOT), run.out());
    assertTrue(h.rds.writeLog().isEmpty());
    assertFalse(h.rds.instances().containsKey(Harness.newCloneId()));
  }

  @Test
  void promoteWithWaitWaitsUntilTheDnsChangeIsInSync() {
    Harness h = nightUntilRebooted();
    Run run = h.run("promote", "--yes", "--wait");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("waiting: DNS change /change/C1 is pending"), run.err());
    assertTrue(run.err().contains("DNS change /change/C1 is in sync"), run.err());
  }

  @Test
  void reRunPromoteRepairsAnOlderInstanceStillTaggedPromoted() {
    Harness h = nightUntilRebooted();
    assertEquals(0, h.run("promote", "--yes").exitCode());
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "promoted");
    Run run = h.run("promote", "--yes");
    assertEquals(0, run.exitCode());
    assertEquals(
        "forgotten", h.rds.instance(Harness.oldCloneId()).tags.get("rdsecho:development:stage"));
  }

  private Harness nightUntilRebooted() {
    Harness h = new Harness(dir).usualNight();
    for (String command : List.of("new", "modify", "reboot")) {
      Run run = h.run(command);
      assertEquals(0, run.exitCode(), command + ": " + run.out() + run.err());
      h.rds.settle();
    }
    return h;
  }
}

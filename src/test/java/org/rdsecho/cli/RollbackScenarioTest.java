package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * {@code rollback}: the CNAME back on the previous clone, confirmed, and convergent after any
 * crash.
 */
class RollbackScenarioTest {
  private static final String STAGE = "rdsecho:development:stage";

  @TempDir Path dir;

  /** Tonight's clone promoted over last night's, which is forgotten but still available. */
  private static Harness promotedTonight(Path dir) {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    assertEquals(0, h.run("promote", "--yes").exitCode());
    h.budget.resetCount();
    return h;
  }

  @Test
  void rollbackPointsTheCnameBackAndSwapsTheStages() {
    Harness h = promotedTonight(dir);
    Run asked = h.run("rollback");
    assertEquals(4, asked.exitCode(), asked.out());
    assertTrue(
        asked.out().contains("needs a confirmation: run 'rds-echo rollback --yes'"), asked.out());
    assertEquals(0, h.budget.writes());

    Run run = h.run("rollback", "--yes");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(
        h.rds.instance(Harness.oldCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals("promoted", h.rds.instance(Harness.oldCloneId()).tags.get(STAGE));
    assertEquals("forgotten", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
    assertEquals(
        "rollback --yes",
        h.rds.instance(Harness.oldCloneId()).tags.get("rdsecho:development:promotedBy"));
    assertEquals(3, h.budget.writes(), "DNS, then the two stage tags");

    Run again = h.run("rollback", "--yes");
    assertEquals(0, again.exitCode(), again.out());
    assertTrue(again.out().contains("already rolled back"), again.out());
    assertEquals(3, h.budget.writes(), "a rerun writes nothing");
    assertEquals(
        0,
        h.run("promote", "--yes").exitCode(),
        "promote keeps the rollback: nothing is promotable");
    assertEquals(0, h.run("retire", "--yes").exitCode());
    h.rds.settle();
    Run fresh = h.run("new");
    assertEquals(0, fresh.exitCode(), fresh.out());
    assertTrue(
        fresh
            .out()
            .contains(
                "not restoring "
                    + Harness.NEW_SNAPSHOT
                    + ": this echo restored it before into a"
                    + " clone it then gave up (forgotten, rolled back from or retired), as "
                    + Harness.oldCloneId()
                    + " (tag rdsecho:development:givenUp) records"),
        "the snapshot rolled back from is not restored again: " + fresh.out());
    assertEquals(
        h.rds.instance(Harness.oldCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());
  }

  @Test
  void rollbackAtATerminalAsksForTheIdOfTheCloneItPromotes() {
    Harness h = promotedTonight(dir);
    h.terminal = true;
    h.stdin = Harness.oldCloneId() + "\n";
    Run run = h.run("rollback");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("promoted", h.rds.instance(Harness.oldCloneId()).tags.get(STAGE));
  }

  @Test
  void nothingToRollBackToIsThree() {
    Harness h = promotedTonight(dir);
    assertEquals(0, h.run("retire", "--yes").exitCode());
    Run run = h.run("rollback", "--yes");
    assertEquals(3, run.exitCode(), run.out());
    assertTrue(run.out().contains("nothing to roll back to"), run.out());
  }

  @Test
  void aRollbackInterruptedAfterEachWriteConvergesOnRerun() throws Exception {
    Harness reference = promotedTonight(Files.createDirectories(dir.resolve("reference")));
    assertEquals(0, reference.run("rollback", "--yes").exitCode());
    Map<String, Object> expected = reference.snapshotOfWorld();
    for (int crashAt = 1; crashAt <= 3; crashAt++) {
      Harness h = promotedTonight(Files.createDirectories(dir.resolve("crash" + crashAt)));
      h.budget.crashAfter(crashAt);
      Run crashed = h.run("rollback", "--yes");
      assertEquals(
          1,
          crashed.exitCode(),
          "crash after write #" + crashAt + ": " + crashed.out() + crashed.err());
      Run rerun = h.run("rollback", "--yes");
      assertEquals(
          0, rerun.exitCode(), "crash after write #" + crashAt + ": " + rerun.out() + rerun.err());
      assertEquals(expected, h.snapshotOfWorld(), "after a crash following write #" + crashAt);
    }
  }

  /**
   * Finding 4: sanitize scripts configured; the previous clone was promoted (and scrubbed); a newer
   * one failed sanitize and was forgotten; the current one is promoted. Rollback goes back to the
   * previous one, never sideways to the raw one.
   */
  private static Harness sanitizedEchoWithARawForgottenClone(Path dir, boolean previousScrubbed) {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.dir", "sanitized/{date}");
    var previous = h.rds.instance(Harness.oldCloneId());
    previous.tags.put(STAGE, "forgotten");
    previous.tags.put("rdsecho:development:promotedBy", "--yes");
    if (previousScrubbed) {
      previous.tags.put("rdsecho:development:sanitizeScriptsRanAt", "2026-11-20T04:30:00Z");
    }
    h.addNewClone("forgotten", "available"); // its sanitize failed: raw production data
    var current =
        h.rds.addInstance(
            "development-20261121-0300-cafe01", "available", Harness.START.minusSeconds(300));
    current.tags.put("rdsecho:development:managed", "true");
    current.tags.put(STAGE, "promoted");
    current.tags.put("rdsecho:development:snapshot", "rds:production-2026-11-21-03-00");
    current.tags.put("rdsecho:development:promotedBy", "--yes");
    current.tags.put("rdsecho:development:sanitizeScriptsRanAt", "2026-11-21T03:10:00Z");
    h.route53.putCname(Harness.ZONE, Harness.CNAME, current.endpoint());
    return h;
  }

  @Test
  void rollbackGoesBackToThePreviouslyPromotedCloneNeverSidewaysToARawForgottenOne() {
    Harness h = sanitizedEchoWithARawForgottenClone(dir, true);
    Run run = h.run("rollback", "--yes");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(
        h.rds.instance(Harness.oldCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals("forgotten", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
  }

  @Test
  void rollbackToAPreviousCloneThatFailsTodaysGatesIsRefusedWithTheCnameUnchanged() {
    Harness h = sanitizedEchoWithARawForgottenClone(dir, false);
    String before = h.route53.cname(Harness.ZONE, Harness.CNAME).target();
    Run run = h.run("rollback", "--yes");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out()
            .contains(
                "refusing to roll back to "
                    + Harness.oldCloneId()
                    + ": rdsecho.sanitize.scripts is"
                    + " set, and it was never sanitized"),
        run.out());
    assertEquals(before, h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals(0, h.budget.writes());
  }
}

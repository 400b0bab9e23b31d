package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * §15 "Bounded": new never restores a snapshot this echo restored into a clone it then gave up
 * (forgotten, rolled back from, retired), even once that clone is deleted; a pipeline that keeps
 * nothing is refused before it starts (findings 3 and 7).
 */
class MemoryOfGivenUpClonesTest {
  private static final String GIVEN_UP = "rdsecho:development:givenUp";

  @TempDir Path dir;

  private static long restores(Harness h) {
    return h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBInstance")).count();
  }

  /** Tonight's clone restored, then given up and deleted: forget, retire. */
  private static void restoreForgetRetire(Harness h) {
    assertEquals(0, h.run("new").exitCode());
    h.rds.settle();
    Run forgot = h.run("forget");
    assertEquals(0, forgot.exitCode(), forgot.out() + forgot.err());
    Run retired = h.run("retire", "--yes");
    assertEquals(0, retired.exitCode(), retired.out() + retired.err());
    h.rds.settle();
    assertEquals(null, h.rds.instance(Harness.newCloneId()));
  }

  @Test
  void aSnapshotWhoseCloneWasForgottenThenRetiredIsNotRestoredAgain() {
    Harness h = new Harness(dir).usualNight();
    restoreForgetRetire(h);
    assertEquals(
        Harness.NEW_SNAPSHOT,
        h.rds.instance(Harness.oldCloneId()).tags.get(GIVEN_UP),
        "the promoted clone keeps the record");
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(
        again
            .out()
            .contains(
                "not restoring "
                    + Harness.NEW_SNAPSHOT
                    + ": this echo restored it before into a"
                    + " clone it then gave up"),
        again.out());
    assertEquals(1, restores(h));
    assertEquals(0, h.run("advance", "--yes").exitCode());
    assertEquals(1, restores(h), "advance neither");
  }

  @Test
  void withoutDnsTheFinalSnapshotOfTheGivenUpCloneIsTheRecord() {
    Harness h = new Harness(dir).usualNight();
    h.config.remove("rdsecho.promote.cname");
    h.config.put("rdsecho.export.dir", "dumps/{name}/{date}");
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    restoreForgetRetire(h);
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("not restoring " + Harness.NEW_SNAPSHOT), again.out());
    assertTrue(
        again.out().contains("the final snapshot " + Harness.newCloneId() + "-final"), again.out());
    assertEquals(1, restores(h));
  }

  @Test
  void aSnapshotNamedByTheConfigurationIsRestoredAgain() {
    Harness h = new Harness(dir).usualNight();
    restoreForgetRetire(h);
    h.config.put("rdsecho.snapshot.identifier", Harness.NEW_SNAPSHOT);
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(2, restores(h));
  }

  @Test
  void aSnapshotRolledBackFromIsNotRestoredAgainOnceItsCloneIsRetired() {
    Harness h = new Harness(dir).usualNight();
    h.runNight(java.util.List.of("new", "modify", "reboot", "promote"));
    Run back = h.run("rollback", "--yes");
    assertEquals(0, back.exitCode(), back.out() + back.err());
    assertEquals(0, h.run("retire", "--yes").exitCode());
    h.rds.settle();
    assertEquals(null, h.rds.instance(Harness.newCloneId()));
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out());
    assertTrue(again.out().contains("not restoring " + Harness.NEW_SNAPSHOT), again.out());
    assertEquals(1, restores(h));
  }

  /** Finding 3: no CNAME, no export, no sanitize restored, retired and restored again, silently. */
  @Test
  void aPipelineThatKeepsNothingIsAConfigurationErrorBeforeAnyWrite() {
    Harness h = new Harness(dir).usualNight();
    h.config.remove("rdsecho.promote.cname");
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    for (String command : java.util.List.of("new", "advance")) {
      Run run = h.run("-q", command, "--yes");
      assertEquals(2, run.exitCode(), command + ": " + run.out() + run.err());
      assertTrue(
          run.err()
              .contains(
                  "none of rdsecho.promote.cname, rdsecho.export.dir (or rdsecho.export.s3Uri) and"
                      + " rdsecho.sanitize.scripts set"),
          run.err());
    }
    assertEquals(0, h.budget.writes());
    assertEquals(0, h.run("status").exitCode(), "status still shows what is there");
    assertEquals(0, h.run("retire", "--yes").exitCode(), "and retire still cleans up");
  }
}

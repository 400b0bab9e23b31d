package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/** Contract §11: {@code -q} prints nothing on idle runs, and the log file tells the whole story. */
class QuietRunsTest {
  @TempDir Path dir;

  /** The usual night after tonight's clone was promoted: nothing left for any stage to do. */
  private Harness idle() {
    Harness h = new Harness(dir).usualNight();
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    h.rds.instance(Harness.oldCloneId()).status = "deleting";
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "retired");
    h.addNewClone("promoted", "available");
    h.route53.putCname(
        Harness.ZONE, Harness.CNAME, h.rds.instance(Harness.newCloneId()).endpoint());
    return h;
  }

  @Test
  void idleRunsUnderQuietPrintNothingAtAll() {
    Harness h = idle();
    h.config.put("rdsecho.export.password", "plain-text-warning");
    for (String command : List.of("new", "modify", "reboot", "promote", "retire", "confirm")) {
      Run run = h.run("-q", command);
      assertTrue(
          List.of(0, 3).contains(run.exitCode()),
          command + ": " + run.exitCode() + run.out() + run.err());
      assertEquals("", run.out() + run.err(), command);
    }
  }

  @Test
  void notReadyUnderQuietPrintsNothingAndARefusalGoesToStderr() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("new", "creating");
    Run busy = h.run("-q", "modify");
    assertEquals(75, busy.exitCode());
    assertEquals("", busy.out() + busy.err());

    Run refused = h.run("-q", "modify", "--instance", "someone-elses-db");
    assertEquals(4, refused.exitCode());
    assertEquals("", refused.out());
    assertTrue(refused.err().contains("not managed by this echo name"), refused.err());
  }

  @Test
  void aPendingConfirmationMailsOnceThenWaitsQuietly() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    Run first = h.run("-q", "promote");
    assertEquals(4, first.exitCode());
    assertTrue(
        first.err().contains("awaits confirmation: run 'rds-echo confirm --by <your name>'"),
        first.err());
    for (int i = 0; i < 3; i++) {
      Run again = h.run("-q", "promote");
      assertEquals(4, again.exitCode());
      assertEquals("", again.out() + again.err(), "already requested: nothing to mail");
    }
    Run json = h.run("-q", "-o", "json", "promote");
    assertTrue(
        json.out().contains("\"exitCode\":4"), "JSON still prints its document: " + json.out());
  }

  @Test
  void aConfirmationStillAwaitedIsAnnouncedAgainOncePerRemindEvery() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    h.config.put("rdsecho.promote.remindEvery", "12h");
    List<String> mailed = new java.util.ArrayList<>();
    java.time.Instant start = h.clock.instant();
    // cron every 15 minutes for two days, nobody confirms
    for (int quarter = 0; quarter < 4 * 48; quarter++) {
      h.clock.set(start.plus(java.time.Duration.ofMinutes(15L * quarter)));
      Run run = h.run("-q", "promote");
      assertEquals(4, run.exitCode());
      if (!run.err().isEmpty()) {
        mailed.add(h.clock.instant() + " " + run.err().strip());
      }
    }
    assertEquals(4, mailed.size(), "the request, then a reminder every 12 hours: " + mailed);
    assertTrue(mailed.get(0).contains("awaits confirmation: run 'rds-echo confirm"), mailed.get(0));
    assertTrue(
        mailed.get(1).startsWith(start.plus(java.time.Duration.ofHours(12)) + " "), mailed.get(1));
    assertTrue(
        mailed
            .get(1)
            .contains("a reminder: asked since " + org.rdsecho.stage.TagValues.time(start)),
        mailed.get(1));
  }

  @Test
  void aHandEditedRequestTagIsAskedAnewNeverACrash() {
    for (String value :
        List.of(
            "/", "garbage", "2099-01-01T00:00:00Z", "2099-01-01T00:00:00Z/2026-11-21T02:00:00Z")) {
      Harness h = new Harness(dir).usualNight();
      h.addNewClone("rebooted", "available")
          .tags
          .put("rdsecho:development:promoteRequestedAt", value);
      h.config.put("rdsecho.promote.requireConfirmation", "true");
      Run run = h.run("-q", "promote");
      assertEquals(4, run.exitCode(), value + ": " + run.err());
      assertTrue(
          run.err().contains("awaits confirmation"),
          value + ": announced as a new request: " + run.err());
      assertEquals(
          org.rdsecho.stage.TagValues.time(h.clock.instant()),
          h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:promoteRequestedAt"),
          value);
      assertEquals(0, h.run("status").exitCode(), value);
    }
  }

  @Test
  void theLogFileTellsTheStoryWithTimesWhateverQuietSays() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.log.dir", "logs");
    assertEquals(0, h.run("-q", "new").exitCode());
    assertEquals(75, h.run("-q", "modify").exitCode());
    assertEquals(4, h.run("-q", "modify", "--instance", "someone-elses-db").exitCode());
    String log = Files.readString(dir.resolve("logs/2026-11-21-development.log"));
    List<String> lines = log.lines().toList();
    assertTrue(
        lines.stream().allMatch(l -> l.matches("2026-11-21T03:00:00Z (new|modify) \\S.*")), log);
    assertTrue(
        log.contains(
            "2026-11-21T03:00:00Z new restore snapshot "
                + Harness.NEW_SNAPSHOT
                + " into new instance "
                + Harness.newCloneId()),
        log);
    assertTrue(log.contains("new exit 0: restoring " + Harness.NEW_SNAPSHOT), log);
    assertTrue(log.contains("modify exit 75: " + Harness.newCloneId() + " is creating"), log);
    assertTrue(log.contains("modify exit 4: refusing to modify someone-elses-db"), log);
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * §15 "Bounded" and "Deadlines are for the whole command": a run that would create a second clone
 * stops there (1), and --timeout counts from the command's start however many waits it has.
 */
class BoundedRunsTest {
  @TempDir Path dir;

  private static long restores(Harness h) {
    return h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBInstance")).count();
  }

  /**
   * A looping advance: something deletes each clone as soon as it is made (a hostile tool, a
   * planner bug), so every pass of advance finds nothing and restores again. The budget stops the
   * second restore.
   */
  @Test
  void anAdvanceThatWouldRestoreAgainStopsAtTheSecondClone() {
    Harness h = new Harness(dir).usualNight();
    String clone = Harness.newCloneId();
    h.rds.onCall =
        () -> {
          if (h.rds.instance(clone) != null) {
            h.rds.instances().remove(clone);
          }
        };
    Run run = h.run("advance", "--yes");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertEquals(1, restores(h), h.rds.writeLog().toString());
    assertTrue(
        run.err()
            .contains(
                "refusing to restore snapshot "
                    + Harness.NEW_SNAPSHOT
                    + " into new instance "
                    + clone
                    + ": this run already created a clone ("
                    + clone
                    + ")"),
        run.err());
  }

  /** RDS finishes whatever is busy each time {@code every} has passed on the harness clock. */
  private static void rdsTakes(Harness h, Duration every) {
    Instant[] last = {h.clock.instant()};
    h.rds.onCall =
        () -> {
          if (!h.clock.instant().isBefore(last[0].plus(every))) {
            last[0] = h.clock.instant();
            h.rds.settle();
          }
        };
  }

  /**
   * Finding 1 (its timeout): new --wait takes a snapshot, then restores it; both waits share one
   * minute.
   */
  @Test
  void newWaitingForItsSnapshotThenItsCloneGivesUpOneTimeoutAfterItsStart() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    rdsTakes(h, Duration.ofSeconds(40));
    Instant start = h.clock.instant();
    Run run = h.run("new", "--wait", "--timeout", "1m");
    assertEquals(75, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("gave up waiting after 1m"), run.out());
    Duration took = Duration.between(start, h.clock.instant());
    assertTrue(took.compareTo(Duration.ofSeconds(60)) <= 0, "took " + took);
    assertEquals(1, restores(h), "the snapshot was restored, then the wait for the clone ran out");
  }

  @Test
  void advanceWaitingStepAfterStepGivesUpOneTimeoutAfterItsStart() {
    Harness h = new Harness(dir).usualNight();
    rdsTakes(h, Duration.ofSeconds(40));
    Instant start = h.clock.instant();
    Run run = h.run("advance", "--yes", "--wait", "--timeout", "1m");
    assertEquals(75, run.exitCode(), run.out() + run.err());
    Duration took = Duration.between(start, h.clock.instant());
    assertTrue(took.compareTo(Duration.ofSeconds(60)) <= 0, "took " + took);
  }
}

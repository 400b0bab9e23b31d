package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Two runs of the same echo at once (overlapping cron jobs, a person beside cron): for random pairs
 * of commands, random starting stages and a random point at which the first is held still inside an
 * AWS call, the second changes nothing and exits 75 naming the first, and once both have run the
 * world is the one running them one after the other gives.
 */
class OverlappingRunsTest {
  private static final List<String> COMMANDS =
      List.of(
          "new",
          "modify",
          "reboot",
          "promote",
          "confirm",
          "retire",
          "forget",
          "rollback",
          "advance");
  private static final List<String> STAGES =
      List.of("none", "new", "modified", "rebooted", "promoted", "forgotten");

  @TempDir Path dir;

  private static Harness world(Path dir, String stage) {
    Harness h = new Harness(dir).usualNight();
    if (!stage.equals("none")) {
      h.addNewClone(stage, "available");
    }
    return h;
  }

  @Test
  void ofTwoOverlappingRunsOnlyOneWritesAndTheEndStateIsSequential() throws Exception {
    Random random = new Random(20261122);
    int overlapped = 0;
    for (int trial = 0; trial < 90; trial++) {
      String a = COMMANDS.get(random.nextInt(COMMANDS.size()));
      String b = COMMANDS.get(random.nextInt(COMMANDS.size()));
      String stage = STAGES.get(random.nextInt(STAGES.size()));
      int holdAtCall = 1 + random.nextInt(3);
      String what =
          "trial "
              + trial
              + ": "
              + a
              + " then "
              + b
              + " from "
              + stage
              + ", held at call "
              + holdAtCall;

      Harness h = world(dir(trial, "overlap"), stage);
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger calls = new AtomicInteger();
      AtomicReference<Run> first = new AtomicReference<>();
      Thread runA = new Thread(() -> first.set(h.run(a, "--yes")), "run-a");
      h.rds.onCall =
          () -> {
            if (Thread.currentThread() == runA && calls.incrementAndGet() == holdAtCall) {
              held.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      runA.start();
      boolean wasHeld = awaitHeldOrFinished(held, runA);
      if (wasHeld) {
        overlapped++;
        int writesBefore = h.rds.writeLog().size() + h.route53.writeLog().size();
        Run second = h.run(b, "--yes");
        assertEquals(75, second.exitCode(), what + ": " + second.out() + second.err());
        assertTrue(
            second.out().contains("another rds-echo run is working on 'development'")
                && second.out().contains(a + " (pid " + ProcessHandle.current().pid()),
            what + ": " + second.out());
        assertEquals(
            writesBefore,
            h.rds.writeLog().size() + h.route53.writeLog().size(),
            what + ": the second wrote");
      }
      release.countDown();
      runA.join(30_000);
      h.rds.onCall = () -> {};
      h.run(b, "--yes");

      Harness sequential = world(dir(trial, "sequential"), stage);
      Run firstAlone = sequential.run(a, "--yes");
      assertEquals(firstAlone.exitCode(), first.get().exitCode(), what);
      sequential.run(b, "--yes");
      assertEquals(sequential.snapshotOfWorld(), h.snapshotOfWorld(), what);
    }
    assertTrue(overlapped > 60, "most trials overlapped: " + overlapped);
  }

  private static boolean awaitHeldOrFinished(CountDownLatch held, Thread run)
      throws InterruptedException {
    while (run.isAlive()) {
      if (held.await(10, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return held.getCount() == 0;
  }

  private Path dir(int trial, String kind) throws IOException {
    return Files.createDirectories(dir.resolve(trial + "-" + kind));
  }
}

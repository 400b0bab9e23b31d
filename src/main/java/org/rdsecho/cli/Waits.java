package org.rdsecho.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.SnapshotInfo;
import org.rdsecho.stage.Targets;

/**
 * The {@code --wait} conditions after the writes: an instance (or cluster) available, a snapshot
 * available, an instance gone, DNS in sync. One loop polls them all; what a status means comes from
 * one place each: {@link EchoInstance#isAvailable()}/{@link EchoInstance#isFailed()}, {@link
 * SnapshotInfo#isAvailable()}/{@link SnapshotInfo#isBeingCreated()} and {@code
 * Route53Records.isInSync}.
 *
 * <p>Not the SDK's waiters ({@code RdsWaiter}, {@code Route53Waiter}), on purpose (see
 * docs/contract-notes.md): their sync executor sleeps with {@code Thread.sleep} and measures {@code
 * waitTimeout} on {@code System.currentTimeMillis}, so the fake-clock tests would really sleep and
 * {@code --timeout} could not be the command's one deadline; they poll the raw SDK, past our
 * observation (ownership, an Aurora clone available only with its writer, a restore not yet
 * visible), and hand back no status to print while waiting; and their acceptors disagree with ours
 * (DBInstanceAvailable fails at once on DBInstanceNotFound, DBInstanceDeleted on "modifying").
 */
final class Waits {
  private Waits() {}

  /** One look: done (and the line that says so) or still pending (and why); a dead end throws. */
  private record Look(boolean done, String line) {
    static Look done(String line) {
      return new Look(true, line);
    }

    static Look pending(String why) {
      return new Look(false, why);
    }
  }

  /**
   * Polls until done, through {@link StageRunner#pause}: the command's deadline, its sleeper, a
   * line a poll.
   */
  private static void until(Context ctx, StageRunner runner, Supplier<Look> look) {
    Instant deadline = ctx.deadline();
    while (true) {
      Look now = look.get();
      if (now.done()) {
        ctx.console().progress(now.line());
        return;
      }
      runner.pause(deadline, now.line());
    }
  }

  static void untilAvailable(Context ctx, StageRunner runner, String id) {
    until(
        ctx,
        runner,
        () -> {
          Optional<EchoInstance> instance = ctx.findClone(id);
          if (instance.map(EchoInstance::isAvailable).orElse(false)) {
            return Look.done(id + " is available");
          }
          if (instance.map(EchoInstance::isFailed).orElse(false)) {
            throw new EchoException(Outcome.FAILED, Targets.broken(instance.get(), "wait for"));
          }
          return Look.pending(
              id + " is " + instance.map(EchoInstance::status).orElse("not visible yet"));
        });
  }

  static void untilSnapshotAvailable(Context ctx, StageRunner runner, String snapshotId) {
    until(
        ctx,
        runner,
        () -> {
          Optional<SnapshotInfo> snapshot = ctx.snapshots().find(snapshotId);
          if (snapshot.map(SnapshotInfo::isAvailable).orElse(false)) {
            return Look.done("snapshot " + snapshotId + " is available");
          }
          if (snapshot.isPresent() && !snapshot.get().isBeingCreated()) {
            throw new EchoException(
                Outcome.FAILED,
                "snapshot "
                    + snapshotId
                    + " is "
                    + snapshot.get().status()
                    + ", not available: check it in the RDS console, then run 'rds-echo new' again");
          }
          return Look.pending(
              "snapshot "
                  + snapshotId
                  + " is "
                  + snapshot.map(SnapshotInfo::status).orElse("not visible yet"));
        });
  }

  static void untilGone(Context ctx, StageRunner runner, String id) {
    until(
        ctx,
        runner,
        () ->
            ctx.findClone(id)
                .map(instance -> Look.pending(id + " is " + instance.status()))
                .orElse(Look.done(id + " is deleted")));
  }

  static void untilInSync(Context ctx, StageRunner runner, List<String> changeIds) {
    for (String changeId : changeIds) {
      until(
          ctx,
          runner,
          () ->
              ctx.records().isInSync(changeId)
                  ? Look.done("DNS change " + changeId + " is in sync")
                  : Look.pending("DNS change " + changeId + " is pending"));
    }
  }
}

package org.rdsecho.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Targets;

/** The {@code --wait} conditions after the writes: instance available, gone, DNS in sync. */
final class Waits {
  private Waits() {}

  static void untilAvailable(Context ctx, StageRunner runner, String id) {
    Instant deadline = ctx.deadline();
    while (true) {
      Optional<EchoInstance> instance = ctx.findClone(id);
      if (instance.map(EchoInstance::isAvailable).orElse(false)) {
        ctx.console().progress(id + " is available");
        return;
      }
      if (instance.map(EchoInstance::isFailed).orElse(false)) {
        throw new EchoException(Outcome.FAILED, Targets.broken(instance.get(), "wait for"));
      }
      runner.pause(deadline, id + " is " + instance.map(EchoInstance::status).orElse("not visible yet"));
    }
  }

  static void untilSnapshotAvailable(Context ctx, StageRunner runner, String snapshotId) {
    Instant deadline = ctx.deadline();
    while (true) {
      Optional<org.rdsecho.stage.SnapshotInfo> snapshot = ctx.snapshots().find(snapshotId);
      if (snapshot.map(org.rdsecho.stage.SnapshotInfo::isAvailable).orElse(false)) {
        ctx.console().progress("snapshot " + snapshotId + " is available");
        return;
      }
      if (snapshot.isPresent() && !snapshot.get().isBeingCreated()) {
        throw new EchoException(Outcome.FAILED, "snapshot " + snapshotId + " is " + snapshot.get().status()
            + ", not available: check it in the RDS console, then run 'rds-echo new' again");
      }
      runner.pause(deadline, "snapshot " + snapshotId + " is " + snapshot.map(org.rdsecho.stage.SnapshotInfo::status)
          .orElse("not visible yet"));
    }
  }

  static void untilGone(Context ctx, StageRunner runner, String id) {
    Instant deadline = ctx.deadline();
    while (true) {
      Optional<EchoInstance> instance = ctx.findClone(id);
      if (instance.isEmpty()) {
        ctx.console().progress(id + " is deleted");
        return;
      }
      runner.pause(deadline, id + " is " + instance.get().status());
    }
  }

  static void untilInSync(Context ctx, StageRunner runner, List<String> changeIds) {
    Instant deadline = ctx.deadline();
    for (String changeId : changeIds) {
      while (!ctx.records().isInSync(changeId)) {
        runner.pause(deadline, "DNS change " + changeId + " is pending");
      }
      ctx.console().progress("DNS change " + changeId + " is in sync");
    }
  }
}

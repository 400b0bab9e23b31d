package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.NewPlanner;
import org.rdsecho.stage.Outcome;
import org.rdsecho.stage.SnapshotChoice;
import org.rdsecho.stage.SnapshotInfo;

/** {@code new}: restores the newest snapshot of the source into a fresh, tagged instance. */
@Parameters(
    commandNames = "new",
    commandDescription = "Restore the newest available snapshot into a new instance (stage new)")
final class NewCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  NewCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "new";
  }

  @Override
  public Result run(Context ctx) {
    EchoConfig config = ctx.config();
    String name = ctx.name();
    config.requireSnapshotSource();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> {
          SnapshotInfo snapshot = chooseSnapshot(ctx);
          return NewPlanner.decide(ctx.fleet(), name, snapshot, config.restore(), config.replaceUnpromoted(),
              Dns.currentTarget(ctx), () -> finishedDumps(ctx, snapshot.id()), ctx.now());
        },
        (decision, changes) -> Waits.untilAvailable(ctx, runner, StageRunner.instanceId(decision)));
  }

  /** Without DNS, the complete dump set of the snapshot that the last configured step writes. */
  private static Optional<String> finishedDumps(Context ctx, String snapshotId) {
    EchoConfig config = ctx.config();
    if (config.promote().cname() != null) {
      return Optional.empty();
    }
    boolean sanitized = config.sanitize().configured() && config.sanitize().dir() != null;
    String template = sanitized ? config.sanitize().dir() : config.export().dir();
    if (template == null) {
      return Optional.empty();
    }
    return DumpSets.complete(ctx.env().workDir(), template, ctx.name(), sanitized ? "sanitized" : "raw", snapshotId)
        .map(Path::toString);
  }

  private static SnapshotInfo chooseSnapshot(Context ctx) {
    EchoConfig.SnapshotSettings s = ctx.config().snapshot();
    if (s.identifier() != null) {
      SnapshotInfo snapshot =
          ctx.snapshots()
              .find(s.identifier())
              .orElseThrow(
                  () ->
                      new EchoException(
                          Outcome.FAILED,
                          "snapshot " + s.identifier() + " (" + ConfigKeys.SNAPSHOT_IDENTIFIER
                              + ") not found in this account and region: check the id and --region"));
      return SnapshotChoice.newestAvailable(List.of(snapshot), s.identifier());
    }
    List<SnapshotInfo> candidates = ctx.snapshots().of(s.sourceInstanceId(), s.type());
    if (candidates.isEmpty() && ctx.instances().find(s.sourceInstanceId()).isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "source instance " + s.sourceInstanceId() + " (" + ConfigKeys.SNAPSHOT_SOURCE
              + ") not found and has no snapshots in this account and region: check the id and"
              + " --region / rdsecho.region");
    }
    String source = s.sourceInstanceId() + (s.type() == EchoConfig.SnapshotType.ANY ? "" : " (" + s.type().apiValue() + ")");
    return SnapshotChoice.newestAvailable(candidates, source);
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.List;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
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
        () -> NewPlanner.decide(ctx.fleet(), name, chooseSnapshot(ctx), config.restore(), config.replaceUnpromoted(),
            Dns.currentTarget(ctx), ctx.now()),
        (decision, changes) -> Waits.untilAvailable(ctx, runner, StageRunner.instanceId(decision)));
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

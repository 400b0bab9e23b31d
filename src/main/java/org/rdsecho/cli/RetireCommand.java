package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.PipelineEnd;
import org.rdsecho.stage.RetirePlanner;

/** {@code retire}: deletes forgotten instances (or, with --instance, a stuck clone). */
@Parameters(commandNames = "retire") // its help line is in the command table, stage/Step
final class RetireCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  RetireCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "retire";
  }

  /** The rollback window of forgotten clones (§17); CloudWatch is asked only with whenIdle. */
  static org.rdsecho.stage.RollbackWindow window(Context ctx) {
    var retire = ctx.config().retire();
    // within advance (which holds the run lock) the window is the expected state of a good night
    return new org.rdsecho.stage.RollbackWindow(
        retire.after(),
        retire.whenIdle(),
        clone ->
            ctx.connections().idle(clone, org.rdsecho.stage.RollbackWindow.IDLE_FOR, ctx.now()),
        ctx.holdsRunLock() ? org.rdsecho.core.Outcome.DONE : org.rdsecho.core.Outcome.NOT_READY);
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () ->
            RetirePlanner.decide(
                new RetirePlanner.Inputs(
                    ctx.fleet(),
                    ctx.config().retire(),
                    global.instance(),
                    Dns.targets(ctx),
                    global.yes(),
                    ctx.config().interactive(),
                    PipelineEnd.finishedAt(ctx.config()),
                    Memo.of(() -> ctx.snapshots().manual()),
                    ctx.sourceIds(),
                    ctx.name(),
                    ctx.config().snapshot().makesSnapshots()
                        ? ctx.config().snapshot().keep()
                        : null,
                    ctx.now(),
                    PromoteCommand.gates(ctx),
                    window(ctx))),
        (decision, changes) ->
            decision.actions().stream()
                // a clone is gone when its instance is, or for Aurora its cluster
                .map(
                    a ->
                        a instanceof ClusterAction.DeleteCluster d
                            ? d.clusterId()
                            : a instanceof CloudAction.Delete d && !ctx.aurora()
                                ? d.instanceId()
                                : null)
                .filter(java.util.Objects::nonNull)
                .forEach(id -> Waits.untilGone(ctx, runner, id)));
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.RollbackPlanner;

/** {@code rollback}: points the CNAME back at the newest forgotten clone still available. */
@Parameters(commandNames = "rollback") // its help line is in the command table, stage/Step
final class RollbackCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  RollbackCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "rollback";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    ctx.config().requireCname();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () ->
            RollbackPlanner.decide(
                new RollbackPlanner.Inputs(
                    ctx.fleet(),
                    ctx.config().promote(),
                    global.instance(),
                    global.yes(),
                    ctx.config().interactive(),
                    ctx.env().terminal(),
                    global.takeOver(),
                    Dns.view(ctx),
                    ctx.now(),
                    PromoteCommand.gates(ctx))),
        (decision, changes) -> Waits.untilInSync(ctx, runner, changes));
  }
}

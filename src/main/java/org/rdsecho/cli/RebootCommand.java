package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.RebootPlanner;

/** {@code reboot}: reboots only when settings wait for it, then marks rebooted. */
@Parameters(commandNames = "reboot") // its help line is in the command table, stage/Step
final class RebootCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  RebootCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "reboot";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> RebootPlanner.decide(ctx.fleet(), global.instance(), ctx.now()),
        (decision, changes) -> Waits.untilAvailable(ctx, runner, decision.target().id()));
  }
}

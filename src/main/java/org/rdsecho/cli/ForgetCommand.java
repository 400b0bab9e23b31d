package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.ForgetPlanner;

/** {@code forget}: gives up a clone that will not be promoted, so {@code retire} deletes it. */
@Parameters(commandNames = "forget") // its help line is in the command table, stage/Step
final class ForgetCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  ForgetCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "forget";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> ForgetPlanner.decide(ctx.fleet(), global.instance(), Dns.targets(ctx), ctx.now()),
        (decision, changes) -> {});
  }
}

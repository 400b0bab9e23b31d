package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.ModifyPlanner;

/** {@code modify}: applies the rdsecho.mod settings that differ, then marks modified. */
@Parameters(commandNames = "modify") // its help line is in the command table, stage/Step
final class ModifyCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  ModifyCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "modify";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    String passwordEnv = ctx.config().modify().masterUserPasswordEnv();
    if (passwordEnv != null) {
      ctx.executor().password(passwordEnv); // fail before any AWS call, not half way
    }
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () ->
            ModifyPlanner.decide(ctx.fleet(), ctx.config().modify(), global.instance(), ctx.now()),
        (decision, changes) -> Waits.untilAvailable(ctx, runner, decision.target().id()));
  }
}

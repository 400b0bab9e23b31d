package org.rdsecho.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.ConfirmPlanner;

/** {@code confirm}: records on the instance who agreed to its promotion. */
@Parameters(commandNames = "confirm") // its help line is in the command table, stage/Step
final class ConfirmCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  @Parameter(names = "--by", description = "Who confirms (default: the current user name)")
  String by;

  ConfirmCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "confirm";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    String who =
        by != null && !by.isBlank()
            ? by
            : ctx.env().systemProperties().getProperty("user.name", "unknown");
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () ->
            ConfirmPlanner.decide(
                ctx.fleet(),
                who,
                ctx.config().sanitize().configured(),
                global.instance(),
                ctx.now()),
        (decision, changes) -> {});
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.stage.PromotePlanner;
import org.rdsecho.stage.PromotionGates;

/** {@code promote}: points the CNAME at the clone; the old promoted instance is forgotten. */
@Parameters(commandNames = "promote") // its help line is in the command table, stage/Step
final class PromoteCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  PromoteCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "promote";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    ctx.config().requireCname();
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () ->
            PromotePlanner.decide(
                new PromotePlanner.Inputs(
                    ctx.fleet(),
                    ctx.config().promote(),
                    PromoteCommand.gates(ctx),
                    global.instance(),
                    global.yes(),
                    ctx.config().interactive(),
                    ctx.env().terminal(),
                    global.takeOver(),
                    Dns.view(ctx),
                    ctx.now())),
        (decision, changes) -> Waits.untilInSync(ctx, runner, changes));
  }

  /** The promotion gates this configuration sets (§3). */
  static PromotionGates gates(Context ctx) {
    var config = ctx.config();
    return new PromotionGates(
        config.sanitize().configured(), config.verify().required(), config.carry().configured());
  }
}

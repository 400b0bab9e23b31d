package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.plane.CarryObserver;
import org.rdsecho.plane.CarryPlane;
import org.rdsecho.stage.CarryPlanner;
import org.rdsecho.stage.EchoFleet;

/**
 * {@code carry} (§13): copies what staging users made on the promoted clone into the new clone, and
 * raises the AUTO_INCREMENT counters to the floor; records carriedAt, the stage unchanged. {@link
 * CarryObserver} reads, {@link CarryPlanner} decides, {@link CarryPlane} applies.
 */
@Parameters(commandNames = "carry") // its help line is in the command table, stage/Step
final class CarryCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  CarryCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "carry";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    if (!ctx.config().carry().configured()) {
      throw ctx.config()
          .missing(
              ConfigKeys.CARRY_TABLES,
              "the db.table list whose staging-made rows are carried"
                  + " from the promoted clone (and/or "
                  + ConfigKeys.CARRY_FLOOR
                  + ")");
    }
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> {
          EchoFleet fleet = ctx.fleet();
          return CarryPlanner.decide(
              fleet,
              global.instance(),
              ctx.now(),
              ctx.config().carry(),
              clone -> new CarryObserver(PlaneWiring.of(ctx), fleet, clone));
        },
        decision ->
            new CarryPlane(
                PlaneWiring.of(ctx),
                decision.target(),
                ctx.fleet().promoted().stream().findFirst()),
        (decision, changes) -> {});
  }
}

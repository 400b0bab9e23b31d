package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.VerifySettings;
import org.rdsecho.plane.VerifyObserver;
import org.rdsecho.plane.VerifyPlane;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.VerifyPlanner;

/**
 * {@code verify} (§13): restores the clone's newest dump set into scratch databases on the
 * verification server and compares it with the clone; records verifiedAt, the stage unchanged.
 * {@link VerifyObserver} reads, {@link VerifyPlanner} decides, {@link VerifyPlane} applies.
 */
@Parameters(commandNames = "verify") // its help line is in the command table, stage/Step
final class VerifyCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  VerifyCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    VerifySettings verify = ctx.config().verify();
    if (!verify.configured()) {
      throw ctx.config()
          .missing(
              ConfigKeys.VERIFY_HOST,
              "a scratch MySQL/MariaDB server to restore the dumps into"
                  + " (never the clone, the source or the promoted clone)");
    }
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> {
          EchoFleet fleet = ctx.fleet();
          return VerifyPlanner.decide(
              fleet,
              global.instance(),
              ctx.now(),
              ctx.config(),
              new VerifyObserver(PlaneWiring.of(ctx), fleet));
        },
        decision -> new VerifyPlane(PlaneWiring.of(ctx), decision.target()),
        (decision, changes) -> {});
  }
}

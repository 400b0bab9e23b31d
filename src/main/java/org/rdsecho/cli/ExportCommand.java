package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.concurrent.atomic.AtomicReference;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.plane.DataPlane;
import org.rdsecho.plane.DumpObserver;
import org.rdsecho.plane.DumpSettings;
import org.rdsecho.plane.PlaneContext;
import org.rdsecho.stage.Decision;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.Step;
import org.rdsecho.stage.Targets;
import org.rdsecho.stage.TransitionPlanner;

/** {@code export}: dumps the clone's databases to compressed SQL files, then marks exported. */
@Parameters(commandNames = "export") // its help line is in the command table, stage/Step
final class ExportCommand implements EchoCommand {
  static final DumpKind KIND = DumpKind.RAW;

  @ParametersDelegate final GlobalOptions global;

  ExportCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "export";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    if (ctx.config().export().effectiveDir() == null) {
      throw ctx.config()
          .missing(
              ConfigKeys.EXPORT_DIR,
              "the directory the dumps go to, e.g. /srv/dumps/{name}/{date}");
    }
    PlaneContext plane = PlaneWiring.of(ctx);
    DumpSettings.checkKeys(plane);
    // the settings the decision was planned with are the ones its writes are applied with
    AtomicReference<DumpSettings> planned = new AtomicReference<>();
    return new StageRunner(ctx, name())
        .run(
            () -> {
              Targets.Selection target =
                  TransitionPlanner.target(ctx.fleet(), Step.EXPORT, global.instance());
              if (!target.found()) {
                return target.stop();
              }
              DumpSettings settings = DumpSettings.of(plane, target.instance(), KIND);
              planned.set(settings);
              // observe, then decide: the planner sees only what was read
              return TransitionPlanner.decide(
                  ctx.fleet(),
                  Step.EXPORT,
                  target.instance(),
                  ctx.now(),
                  DumpPlanner.plan(settings.request(), DumpObserver.observe(settings)));
            },
            (Decision decision) -> new DataPlane(planned.get()),
            (decision, changes) -> {});
  }
}

package org.rdsecho.cli;

import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.plane.DataPlane;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import org.rdsecho.config.ConfigKeys;
import java.util.List;
import org.rdsecho.stage.DumpSelection;
import org.rdsecho.stage.Step;
import org.rdsecho.stage.TransitionPlanner;

/** {@code export}: dumps the clone's databases to compressed SQL files, then marks exported. */
@Parameters(commandNames = "export") // its help line is in the command table, stage/Step
final class ExportCommand implements EchoCommand {
  static final String KIND = DumpPlanner.RAW;

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
    String dir = ctx.config().export().effectiveDir();
    if (dir == null) {
      throw ctx.config().missing(ConfigKeys.EXPORT_DIR, "the directory the dumps go to, e.g. /srv/dumps/{name}/{date}");
    }
    DataPlane.checkKeys(PlaneWiring.of(ctx));
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> TransitionPlanner.decide(ctx.fleet(), Step.EXPORT, global.instance(), ctx.now(), instance -> {
              DataPlane plane = new DataPlane(PlaneWiring.of(ctx), instance, KIND);
              var export = ctx.config().export();
              // with export.tables, the databases follow the tables listed
              List<String> wanted = export.tables().isEmpty() ? export.databases() : List.copyOf(export.tables().keySet());
              return plane.planDumps(dir, export.keep(), plane.databases(wanted),
                  new DumpSelection(export.tables(), export.dataOnly(), export.where()));
            }),
        decision -> new DataPlane(PlaneWiring.of(ctx), decision.target(), KIND),
        (decision, changes) -> {});
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.concurrent.atomic.AtomicReference;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.SanitizeSettings;
import org.rdsecho.plane.DataPlane;
import org.rdsecho.plane.DumpObserver;
import org.rdsecho.plane.DumpSettings;
import org.rdsecho.plane.PlaneContext;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpObservation;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.SanitizePlanner;
import org.rdsecho.stage.Step;
import org.rdsecho.stage.Targets;
import org.rdsecho.stage.TransitionPlanner;

/**
 * {@code sanitize}: runs the scrub scripts on the clone (once: a tag records that they ran), checks
 * that nothing sensitive is left, and exports the scrubbed copy.
 */
@Parameters(commandNames = "sanitize") // its help line is in the command table, stage/Step
final class SanitizeCommand implements EchoCommand {
  static final DumpKind KIND = DumpKind.SANITIZED;

  @ParametersDelegate final GlobalOptions global;

  @Parameter(
      names = "--rerun-scripts",
      description =
          "Run the sanitize scripts again after a failed or interrupted run (say they are safe to repeat)")
  boolean rerunScripts;

  SanitizeCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "sanitize";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    SanitizeSettings s = ctx.config().sanitize();
    if (!s.configured()) {
      throw ctx.config()
          .missing(
              ConfigKeys.SANITIZE_SCRIPTS,
              "the SQL files that scrub personal data, comma-separated");
    }
    if (s.dir() == null) {
      throw ctx.config()
          .missing(
              ConfigKeys.SANITIZE_DIR, "the directory for scrubbed dumps, apart from the raw ones");
    }
    if (s.dir().equals(ctx.config().export().dir())) {
      // one manifest per directory: the scrubbed set would replace the raw one's, and keep would
      // mix them
      throw new ConfigException(
          ConfigKeys.SANITIZE_DIR
              + " is the same as "
              + ConfigKeys.EXPORT_DIR
              + " ("
              + s.dir()
              + "): give the scrubbed dumps a directory of their own, e.g. /srv/dumps-sanitized/{name}/{date}");
    }
    s.scripts()
        .forEach(
            f ->
                Preflight.readable(
                    ctx, ConfigKeys.SANITIZE_SCRIPTS, f, "readable SQL files, comma-separated"));
    if (s.checks() != null) {
      Preflight.readable(
          ctx, ConfigKeys.SANITIZE_CHECKS, s.checks(), "a readable SQL file of SELECT statements");
    }
    PlaneContext plane = PlaneWiring.of(ctx);
    DumpSettings.checkKeys(plane);
    // the settings the decision was planned with are the ones its writes are applied with
    AtomicReference<DumpSettings> planned = new AtomicReference<>();
    return new StageRunner(ctx, name())
        .run(
            () -> {
              Targets.Selection target =
                  TransitionPlanner.target(ctx.fleet(), Step.SANITIZE, global.instance());
              if (!target.found()) {
                return target.stop();
              }
              EchoInstance instance = target.instance();
              DumpSettings settings = DumpSettings.of(plane, instance, KIND);
              planned.set(settings);
              // observe, then decide: the planner sees only what was read
              DumpObservation seen = DumpObserver.observe(settings);
              if (!SanitizePlanner.runsScripts(instance, ctx.tags(), rerunScripts)) {
                ctx.console()
                    .progress(
                        "the sanitize scripts already ran on "
                            + instance.id()
                            + "; not running them again");
              }
              var work =
                  SanitizePlanner.plan(
                      instance,
                      ctx.tags(),
                      s.scripts(),
                      s.checks(),
                      rerunScripts,
                      ctx.now(),
                      settings.request(),
                      seen);
              return TransitionPlanner.decide(
                  ctx.fleet(), Step.SANITIZE, instance, ctx.now(), work);
            },
            decision -> new DataPlane(planned.get()),
            (decision, changes) -> {});
  }
}

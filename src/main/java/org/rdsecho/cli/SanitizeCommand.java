package org.rdsecho.cli;

import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.plane.DataPlane;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig.SanitizeSettings;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Step;
import org.rdsecho.stage.TransitionPlanner;

/**
 * {@code sanitize}: runs the scrub scripts on the clone (once: a tag records that they ran),
 * checks that nothing sensitive is left, and exports the scrubbed copy.
 */
@Parameters(commandNames = "sanitize") // its help line is in the command table, stage/Step
final class SanitizeCommand implements EchoCommand {
  static final String STARTED = "sanitizeStartedAt";
  static final String RAN = "sanitizeScriptsRanAt";
  static final String KIND = DumpPlanner.SANITIZED;

  @ParametersDelegate final GlobalOptions global;

  @Parameter(
      names = "--rerun-scripts",
      description = "Run the sanitize scripts again after a failed or interrupted run (say they are safe to repeat)")
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
      throw ctx.config().missing(ConfigKeys.SANITIZE_SCRIPTS, "the SQL files that scrub personal data, comma-separated");
    }
    if (s.dir() == null) {
      throw ctx.config().missing(ConfigKeys.SANITIZE_DIR, "the directory for scrubbed dumps, apart from the raw ones");
    }
    if (s.dir().equals(ctx.config().export().dir())) {
      // one manifest per directory: the scrubbed set would replace the raw one's, and keep would mix them
      throw new ConfigException(ConfigKeys.SANITIZE_DIR + " is the same as " + ConfigKeys.EXPORT_DIR + " (" + s.dir()
          + "): give the scrubbed dumps a directory of their own, e.g. /srv/dumps-sanitized/{name}/{date}");
    }
    s.scripts().forEach(f -> Preflight.readable(ctx, ConfigKeys.SANITIZE_SCRIPTS, f,
        "readable SQL files, comma-separated"));
    if (s.checks() != null) {
      Preflight.readable(ctx, ConfigKeys.SANITIZE_CHECKS, s.checks(), "a readable SQL file of SELECT statements");
    }
    DataPlane.checkKeys(PlaneWiring.of(ctx));
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> TransitionPlanner.decide(ctx.fleet(), Step.SANITIZE, global.instance(), ctx.now(),
            instance -> plan(ctx, instance, s)),
        decision -> new DataPlane(PlaneWiring.of(ctx), decision.target(), KIND),
        (decision, changes) -> {});
  }

  /**
   * The writes of a sanitize: the scripts once per clone between two bookkeeping tags (again only
   * with --rerun-scripts), the checks, then the scrubbed dump set.
   */
  private List<Action> plan(Context ctx, EchoInstance instance, SanitizeSettings s) {
    EchoTags tags = ctx.tags();
    DataPlane plane = new DataPlane(PlaneWiring.of(ctx), instance, KIND);
    List<String> databases = plane.databases(s.databases());
    List<Action> actions = new ArrayList<>();
    boolean ran = instance.tag(tags.key(RAN)).isPresent();
    if (!ran || rerunScripts) {
      instance.tag(tags.key(STARTED)).filter(started -> !rerunScripts).ifPresent(started -> {
        throw new EchoException(Outcome.REFUSED,
            "the sanitize scripts on " + instance.id() + " failed or were interrupted (started " + started + ") and"
                + " may have run in part, so rds-echo does not run them again by itself. If they are safe to run"
                + " twice, run 'rds-echo sanitize --rerun-scripts'; if not, give this clone up with 'rds-echo forget"
                + " --instance " + instance.id() + "' and restore a new one with 'rds-echo new'");
      });
      // once the scripts run, the clone no longer matches its raw dump: the raw set's digest and a verify of
      // it mean nothing more, and go first, so our tags stay within their count (§15) at every write
      List<String> stale = java.util.stream.Stream.of(tags.manifestDigest(ExportCommand.KIND), tags.verifiedAt())
          .filter(k -> instance.tag(k).isPresent()).toList();
      if (!stale.isEmpty()) {
        actions.add(CloudAction.Tag.of(instance, Map.of(), stale));
      }
      actions.add(CloudAction.Tag.add(instance, Map.of(tags.key(STARTED), EchoTags.time(ctx.now()))));
      for (String database : databases) {
        for (String script : s.scripts()) {
          actions.add(new DataAction.RunScript(database, script));
        }
      }
      // the start mark has done its work once the scripts finished: one tag fewer (§15 "Tags fit")
      actions.add(CloudAction.Tag.of(instance, Map.of(tags.key(RAN), EchoTags.time(ctx.now())), List.of(tags.key(STARTED))));
    } else {
      ctx.console().progress("the sanitize scripts already ran on " + instance.id() + "; not running them again");
    }
    if (s.checks() != null) {
      for (String database : databases) {
        actions.add(new DataAction.RunChecks(database, s.checks()));
      }
    }
    actions.addAll(plane.planDumps(s.dir(), s.keep(), databases));
    return actions;
  }
}

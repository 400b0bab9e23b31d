package org.rdsecho.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig.SanitizeSettings;
import org.rdsecho.dump.SqlStatements;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.Decision;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.Outcome;
import org.rdsecho.stage.Printable;
import org.rdsecho.stage.Stage;
import org.rdsecho.stage.TransitionPlanner;

/**
 * {@code sanitize}: runs the scrub scripts on the clone (once: a tag records that they ran),
 * checks that nothing sensitive is left, and exports the scrubbed copy.
 */
@Parameters(
    commandNames = "sanitize",
    commandDescription = "Run the sanitize scripts and checks on the clone, export the scrubbed dump (stage sanitized)")
final class SanitizeCommand implements EchoCommand {
  static final String STARTED = "sanitizeStartedAt";
  static final String RAN = "sanitizeScriptsRanAt";

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
    List<Path> scripts = s.scripts().stream().map(f -> readable(ctx, ConfigKeys.SANITIZE_SCRIPTS, f)).toList();
    Path checks = s.checks() == null ? null : readable(ctx, ConfigKeys.SANITIZE_CHECKS, s.checks());
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> TransitionPlanner.decide(ctx.fleet(), name(), EnumSet.of(Stage.REBOOTED, Stage.EXPORTED),
            Stage.SANITIZED, global.instance(), ctx.now()),
        decision -> work(ctx, decision, scripts, checks),
        (decision, changes) -> {});
  }

  private static Path readable(Context ctx, String key, String file) {
    Path path = ctx.env().workDir().resolve(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      String what = Files.isDirectory(path) ? "a directory" : Files.exists(path) ? "not a readable regular file"
          : "missing";
      throw new ConfigException(key + " names " + file + ", which is " + what + " (looked at " + path + "): give"
          + " readable SQL files, comma-separated; nothing was run");
    }
    return path;
  }

  private Map<String, Object> work(Context ctx, Decision decision, List<Path> scripts, Path checks) {
    EchoInstance instance = decision.target();
    EchoTags tags = ctx.tags();
    DataPlane plane = new DataPlane(ctx, instance);
    List<String> databases = plane.databases(ctx.config().sanitize().databases());
    if (instance.tag(tags.key(RAN)).isEmpty() || rerunScripts) {
      instance.tag(tags.key(STARTED)).filter(started -> !rerunScripts).ifPresent(started -> {
        throw new EchoException(Outcome.REFUSED,
            "the sanitize scripts on " + instance.id() + " failed or were interrupted (started " + started + ") and"
                + " may have run in part, so rds-echo does not run them again by itself. If they are safe to run"
                + " twice, run 'rds-echo sanitize --rerun-scripts'; if not, give this clone up with 'rds-echo forget"
                + " --instance " + instance.id() + "' and restore a new one with 'rds-echo new'");
      });
      ctx.console().wrote("tag " + instance.id() + " with " + tags.key(STARTED));
      ctx.executor().apply(Action.Tag.add(instance, Map.of(tags.key(STARTED), EchoTags.time(ctx.now()))));
      for (String database : databases) {
        for (Path script : scripts) {
          ctx.console().progress("running " + script.getFileName() + " on " + Printable.quote(database));
          try {
            plane.sql.runScript(database, script);
          } catch (EchoException e) {
            throw new EchoException(e.outcome(), e.getMessage().replace(" — fix the SQL and run the command again", "")
                + " — fix the script, then run 'rds-echo sanitize --rerun-scripts' if the scripts are safe to run"
                + " twice, or 'rds-echo forget --instance " + instance.id() + "' and 'rds-echo new' if not", e);
          }
        }
      }
      ctx.console().wrote("tag " + instance.id() + " with " + tags.key(RAN));
      ctx.executor().apply(Action.Tag.add(instance, Map.of(tags.key(RAN), EchoTags.time(ctx.now()))));
    } else {
      ctx.console().progress("the sanitize scripts already ran on " + instance.id() + "; not running them again");
    }
    if (checks != null) {
      check(plane, databases, checks);
    }
    return plane.export("sanitized", ctx.config().sanitize().dir(), ctx.config().sanitize().keep(), databases);
  }

  /** Every check query must return no rows; failures name the query and the count, never values. */
  private static void check(DataPlane plane, List<String> databases, Path checks) {
    List<SqlStatements.Statement> queries;
    try {
      queries = SqlStatements.split(Files.readString(checks));
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + checks + ": " + e.getMessage());
    }
    List<String> failures = new ArrayList<>();
    for (String database : databases) {
      for (SqlStatements.Statement q : queries) {
        long rows = plane.sql.countRows(database, q.sql());
        if (rows > 0) {
          failures.add(database + ": " + checks.getFileName() + " line " + q.line() + " returned " + rows
              + " row(s): " + q.sql().replaceAll("\\s+", " "));
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new EchoException(Outcome.FAILED,
          "sanitize checks failed, so no scrubbed dump was written and the clone stays unsanitized:\n  "
              + String.join("\n  ", failures) + "\nfix the scripts and run 'rds-echo sanitize --rerun-scripts' if"
              + " they are safe to run twice (or 'rds-echo forget' this clone and 'rds-echo new'), or fix the checks and"
              + " run 'rds-echo sanitize'");
    }
  }
}

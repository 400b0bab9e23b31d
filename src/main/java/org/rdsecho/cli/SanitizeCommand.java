package org.rdsecho.cli;

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
    if (instance.tag(tags.key(RAN)).isEmpty()) {
      instance.tag(tags.key(STARTED)).ifPresent(started -> {
        throw new EchoException(Outcome.FAILED,
            "the sanitize scripts on " + instance.id() + " were interrupted (started " + started + ") and may have"
                + " run in part; rds-echo does not run them twice. Retire this clone ('rds-echo retire --instance "
                + instance.id() + " --yes') and start again with 'rds-echo new', or, if the scripts are safe to"
                + " repeat, remove the tag " + tags.key(STARTED) + " from it and run sanitize again");
      });
      ctx.executor().apply(Action.Tag.add(instance, Map.of(tags.key(STARTED), EchoTags.time(ctx.now()))));
      for (String database : databases) {
        for (Path script : scripts) {
          ctx.console().progress("running " + script.getFileName() + " on " + database);
          plane.sql.runScript(database, script);
        }
      }
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
              + String.join("\n  ", failures) + "\nfix the scripts (they ran once already: retire the clone and"
              + " restore a new one) or the checks");
    }
  }
}

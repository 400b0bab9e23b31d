package org.rdsecho.plane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.dump.SqlStatements;
import org.rdsecho.stage.DataAction;

/** Applies sanitize's scripts and checks on the clone, with messages that say what to do next. */
final class SqlScripts {
  private final PlaneContext ctx;
  private final SqlClient sql;
  private final String instanceId;

  SqlScripts(PlaneContext ctx, SqlClient sql, String instanceId) {
    this.ctx = ctx;
    this.sql = sql;
    this.instanceId = instanceId;
  }

  void run(DataAction.RunScript r) {
    Path script = ctx.workDir().resolve(r.script());
    ctx.progress()
        .accept("running " + script.getFileName() + " on " + Printable.quote(r.database()));
    try {
      sql.runScript(r.database(), script);
    } catch (EchoException e) {
      throw new EchoException(
          e.outcome(),
          e.getMessage().replace(" — fix the SQL and run the command again", "")
              + " — fix the script, then run 'rds-echo sanitize --rerun-scripts' if the scripts are safe to run"
              + " twice, or 'rds-echo forget --instance "
              + instanceId
              + "' and 'rds-echo new' if not",
          e);
    }
  }

  /** Every check query must return no rows; failures name the query and the count, never values. */
  void check(DataAction.RunChecks c) {
    Path checks = ctx.workDir().resolve(c.checks());
    List<SqlStatements.Statement> queries;
    try {
      queries = SqlStatements.split(Files.readString(checks));
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + checks + ": " + e.getMessage());
    }
    List<String> failures = new ArrayList<>();
    for (SqlStatements.Statement q : queries) {
      long rows = sql.countRows(c.database(), q.sql());
      if (rows > 0) {
        failures.add(
            c.database()
                + ": "
                + checks.getFileName()
                + " line "
                + q.line()
                + " returned "
                + rows
                + " row(s): "
                + q.sql().replaceAll("\\s+", " "));
      }
    }
    if (!failures.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "sanitize checks failed, so no scrubbed dump was written and the clone stays unsanitized:\n  "
              + String.join("\n  ", failures)
              + "\nfix the scripts and run 'rds-echo sanitize --rerun-scripts' if"
              + " they are safe to run twice (or 'rds-echo forget' this clone and 'rds-echo new'), or fix the checks and"
              + " run 'rds-echo sanitize'");
    }
  }
}

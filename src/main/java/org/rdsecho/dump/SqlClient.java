package org.rdsecho.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Runs SQL through the mysql/mariadb command-line client, so scripts are read exactly as operators
 * test them by hand (DELIMITER blocks included) and errors carry the client's line.
 */
public final class SqlClient {
  private static final Pattern ERROR_AT_LINE =
      Pattern.compile("ERROR (\\d+) \\(([^)]*)\\) at line (\\d+)[^:]*: (.*)");

  private final MysqlTools tools;
  private final ConnectionSpec connection;

  public SqlClient(MysqlTools tools, ConnectionSpec connection) {
    this.tools = tools;
    this.connection = connection;
  }

  /**
   * Rows of a query. Batch mode without {@code --raw} escapes newlines, tabs and backslashes in
   * values, so every row is exactly one line and every field one tab-separated piece, even a row
   * holding an empty string.
   */
  public List<String[]> query(String database, String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    String out =
        run(
            database,
            () -> new ByteArrayInputStream(bytes),
            "query",
            "--batch",
            "--skip-column-names");
    List<String[]> rows = new ArrayList<>();
    String[] lines = out.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      rows.add(lines[i].split("\t", -1));
    }
    return rows;
  }

  /** How many rows a query returns; the values themselves are read and dropped. */
  public long countRows(String database, String sql) {
    return query(database, sql).size();
  }

  /** Runs a script file on a database; an error names the file and the line. */
  public void runScript(String database, Path script) {
    run(database, () -> Files.newInputStream(script), script.toString(), "--batch");
  }

  /** Checks that the server answers with these credentials. */
  public void ping() {
    query(null, "SELECT 1");
  }

  /**
   * Feeds a whole SQL stream from outside to the client on a database, as {@code mysql DB < F}
   * would (a dump restored by verify, rows carried from the promoted clone); an error names {@code
   * what} and the line. The stream is data (§16): the client runs it sandboxed, in binary mode (no
   * client command but {@code DELIMITER} and {@code \C}) and without LOAD DATA LOCAL, so {@code
   * \!}, {@code system}, {@code source}, {@code connect}, {@code tee} or {@code pager} in it stop
   * the load instead of running; a client without a sandbox is refused before it starts.
   */
  void load(String database, InputSupplier input, String what) {
    tools.requireSandbox(what);
    try {
      run(database, input, what, "--batch", "--sandbox", "--binary-mode", "--local-infile=0");
    } catch (EchoException e) {
      String text = String.valueOf(e.getMessage());
      if (text.contains("Not allowed in the sandbox mode")
          || text.contains("Unknown command '\\")) {
        throw new EchoException(
            Outcome.FAILED,
            what
                + " holds a client command ("
                + text
                + "): rds-echo runs no"
                + " client command from a dump, and the dumps it writes hold none, so this one was written or changed by"
                + " someone else",
            e);
      }
      throw e;
    }
  }

  @FunctionalInterface
  public interface InputSupplier {
    InputStream open() throws IOException;
  }

  private String run(String database, InputSupplier input, String what, String... flags) {
    try (OptionFile options = OptionFile.write(connection)) {
      List<String> command = tools.clientCommand(options.argument(), database, List.of(flags));
      Process process = ChildProcesses.start(command, connection.password());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = Streams.drain(process.getErrorStream(), err, 64 * 1024);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread output = Streams.drain(process.getInputStream(), out, Integer.MAX_VALUE);
      Counted fed = feed(input, process.getOutputStream());
      int code = process.waitFor();
      output.join();
      errors.join();
      if (code != 0) {
        throw failure(what, database, err.toString(StandardCharsets.UTF_8).trim());
      }
      if (fed.failure() != null) {
        // exit 0 but not every byte reached the client: part of the SQL never ran
        throw new EchoException(
            Outcome.FAILED,
            what
                + " was not run whole on "
                + where(database)
                + ": "
                + (fed.reading() ? "reading it failed" : "the client stopped reading")
                + " after "
                + fed.bytes()
                + " bytes ("
                + fed.failure().getMessage()
                + "), so it does not count as run; fix that and run the"
                + " command again");
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED, "cannot run " + tools.client() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(Outcome.FAILED, "interrupted while running SQL on " + connection);
    }
  }

  /** How much of the input reached the client, and what stopped it if not all did. */
  private record Counted(long bytes, IOException failure, boolean reading) {}

  private static Counted feed(InputSupplier input, OutputStream stdin) {
    long total = 0;
    try (stdin;
        InputStream in = input.open()) {
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          return new Counted(total, e, true);
        }
        if (n < 0) {
          break;
        }
        stdin.write(buffer, 0, n);
        total += n;
      }
    } catch (IOException e) {
      return new Counted(total, e, false);
    }
    return new Counted(total, null, false);
  }

  private String where(String database) {
    return connection + (database == null ? "" : " database " + Printable.quote(database));
  }

  private EchoException failure(String what, String database, String stderr) {
    Matcher m = ERROR_AT_LINE.matcher(stderr);
    if (m.find()) {
      return new EchoException(
          Outcome.FAILED,
          what
              + " failed at line "
              + m.group(3)
              + " on database "
              + Printable.quote(database)
              + ": ERROR "
              + m.group(1)
              + " ("
              + m.group(2)
              + "): "
              + m.group(4)
              + " — fix the SQL and run the command again");
    }
    return new EchoException(
        Outcome.FAILED,
        what + " failed on " + where(database) + ": " + ConnectionErrors.explain(stderr));
  }
}

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
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;

/**
 * Runs SQL through the mysql/mariadb command-line client, so scripts are read exactly as
 * operators test them by hand (DELIMITER blocks included) and errors carry the client's line.
 */
public final class SqlClient {
  private static final Pattern ERROR_AT_LINE = Pattern.compile("ERROR (\\d+) \\(([^)]*)\\) at line (\\d+)[^:]*: (.*)");

  private final MysqlTools tools;
  private final ConnectionSpec connection;

  public SqlClient(MysqlTools tools, ConnectionSpec connection) {
    this.tools = tools;
    this.connection = connection;
  }

  /** Rows of a query, tab-separated fields as the client's batch mode prints them. */
  public List<String[]> query(String database, String sql) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    String out = run(database, () -> new ByteArrayInputStream(bytes), "query", "--batch", "--skip-column-names", "--raw");
    List<String[]> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  /** How many rows a query returns; the values themselves are read and dropped. */
  public long countRows(String database, String sql) {
    return query(database, sql).size();
  }

  /** Runs a script file on a database; an error names the file and the line. */
  public void runScript(String database, Path script) {
    try (InputStream in = Files.newInputStream(script)) {
      run(database, () -> in, script.toString(), "--batch");
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + script + ": " + e.getMessage());
    }
  }

  /** Checks that the server answers with these credentials. */
  public void ping() {
    query(null, "SELECT 1");
  }

  @FunctionalInterface
  private interface InputSupplier {
    InputStream open() throws IOException;
  }

  private String run(String database, InputSupplier input, String what, String... flags) {
    try (OptionFile options = OptionFile.write(connection)) {
      List<String> command = new ArrayList<>();
      command.add(tools.client().toString());
      command.add(options.argument());
      command.add("--default-character-set=utf8mb4");
      command.addAll(List.of(flags));
      if (database != null) {
        command.add("--database=" + database);
      }
      Process process = new ProcessBuilder(command).start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = Streams.drain(process.getErrorStream(), err, 64 * 1024);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread output = Streams.drain(process.getInputStream(), out, Integer.MAX_VALUE);
      try (OutputStream stdin = process.getOutputStream(); InputStream in = input.open()) {
        in.transferTo(stdin);
      } catch (IOException e) {
        // the client stopped reading: its exit code and stderr say why
      }
      int code = process.waitFor();
      output.join();
      errors.join();
      if (code != 0) {
        throw failure(what, database, err.toString(StandardCharsets.UTF_8).trim());
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot run " + tools.client() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(Outcome.FAILED, "interrupted while running SQL on " + connection);
    }
  }

  private EchoException failure(String what, String database, String stderr) {
    Matcher m = ERROR_AT_LINE.matcher(stderr);
    if (m.find()) {
      return new EchoException(
          Outcome.FAILED,
          what + " failed at line " + m.group(3) + " on database " + database + ": ERROR " + m.group(1)
              + " (" + m.group(2) + "): " + m.group(4) + " — fix the SQL and run the command again");
    }
    return new EchoException(
        Outcome.FAILED,
        what + " failed on " + connection + (database == null ? "" : " database " + database) + ": "
            + ConnectionErrors.explain(stderr));
  }
}

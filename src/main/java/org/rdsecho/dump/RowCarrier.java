package org.rdsecho.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Carries what staging users made from the promoted clone into the new one (§13): the rows of a
 * table whose AUTO_INCREMENT key is at or above the floor (all rows without a floor), dumped with
 * the real dump client ({@code --no-create-info --replace --where}) and loaded with the real
 * client, so a row with the same key is replaced and a rerun converges; and the AUTO_INCREMENT
 * counters of the carried databases raised to at least the floor, so rows made later stay apart
 * from production's.
 */
public final class RowCarrier {
  private final MysqlTools tools;
  private final ConnectionSpec from;
  private final SqlClient fromSql;
  private final SqlClient to;

  public RowCarrier(MysqlTools tools, ConnectionSpec from, ConnectionSpec to) {
    this.tools = tools;
    this.from = from;
    this.fromSql = new SqlClient(tools, from);
    this.to = new SqlClient(tools, to);
  }

  /**
   * Copies the rows of {@code table} whose {@code key} is at least {@code floor} (every row without
   * a floor) from the promoted clone, replacing rows with the same key. Without a key the table is
   * copied whole: the clone's rows of it are deleted and the promoted clone's inserted in one
   * transaction, committed only when the dump client finished well (§16: a rerun converges, where
   * inserting again would add every row a second time).
   *
   * @return how many rows the promoted clone had to carry
   */
  public long carry(String database, String table, String key, Long floor) {
    String where = key == null || floor == null ? null : SqlNames.identifier(key) + " >= " + floor;
    long rows =
        Long.parseLong(
            fromSql.query(
                    null,
                    "SELECT COUNT(*) FROM "
                        + SqlNames.identifier(database)
                        + "."
                        + SqlNames.identifier(table)
                        + (where == null ? "" : " WHERE " + where))
                .get(0)[0]);
    List<String> command = new ArrayList<>(List.of(tools.dump().toString()));
    try (OptionFile options = OptionFile.write(from)) {
      command.add(options.argument());
      // --complete-insert: rows go in by column name, so a column production added or moved since
      // last night never receives another column's values (a missing one fails, naming it)
      command.addAll(
          List.of(
              "--no-create-info",
              "--complete-insert",
              "--skip-triggers",
              "--replace",
              "--single-transaction",
              "--skip-add-locks",
              "--skip-disable-keys",
              "--hex-blob",
              "--default-character-set=utf8mb4",
              "--no-tablespaces",
              "--skip-dump-date"));
      if (!tools.isMysqlDump()) {
        // MariaDB's client: nothing else to turn off
      } else {
        command.add("--set-gtid-purged=OFF");
        command.add("--column-statistics=0");
      }
      if (where != null) {
        command.add("--where=" + where);
      }
      command.addAll(List.of("--", database, table));
      Process dump = ChildProcesses.start(command, from.password());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = Streams.drain(dump.getErrorStream(), err, 16 * 1024);
      dump.getOutputStream().close();
      EchoException loadFailure = null;
      // strict mode for the rows (§16): a value the new clone's column cannot hold fails the load
      // instead of being cut or clamped (StrictLoad)
      SqlClient.InputSupplier input =
          key != null ? () -> new StrictLoad(dump.getInputStream()) : () -> wholeTable(table, dump);
      try {
        to.load(database, input, "the carried rows of " + Printable.quote(database + "." + table));
      } catch (EchoException e) {
        loadFailure = e;
      }
      int code = dump.waitFor();
      errors.join();
      if (code != 0) {
        throw new EchoException(
            Outcome.FAILED,
            "carry could not read "
                + Printable.quote(database + "." + table)
                + " from the promoted clone ("
                + tools.dump().getFileName()
                + " exit "
                + code
                + "): "
                + ConnectionErrors.explain(err.toString(StandardCharsets.UTF_8).trim()));
      }
      if (loadFailure != null) {
        throw loadFailure;
      }
      return rows;
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot run " + tools.dump() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(
          Outcome.FAILED, "interrupted while carrying " + Printable.quote(database + "." + table));
    }
  }

  /**
   * The dump of a whole table wrapped in one transaction that first deletes the clone's rows of it;
   * COMMIT follows only when the dump client exited 0, else reading fails and the client, its input
   * cut short, rolls everything back.
   */
  private static InputStream wholeTable(String table, Process dump) {
    // foreign key checks off (as the dump itself turns them off): the DELETE must not cascade into
    // the rows of other tables that refer to this one
    InputStream begin =
        new ByteArrayInputStream(
            ("SET autocommit = 0;\nSET foreign_key_checks = 0;\nDELETE FROM "
                    + SqlNames.identifier(table)
                    + ";\n")
                .getBytes(StandardCharsets.UTF_8));
    InputStream commit =
        new InputStream() {
          private InputStream end;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (end == null) {
              try {
                if (dump.waitFor() != 0) {
                  throw new IOException("the dump client failed");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
              }
              end = new ByteArrayInputStream("\nCOMMIT;\n".getBytes(StandardCharsets.UTF_8));
            }
            return end.read(b, off, len);
          }
        };
    return new SequenceInputStream(
        java.util.Collections.enumeration(
            List.of(begin, new StrictLoad(dump.getInputStream()), commit)));
  }

  /**
   * Raises a table's AUTO_INCREMENT counter to at least {@code floor} (MySQL never lowers it below
   * its rows).
   */
  public void raiseCounter(String database, String table, long floor) {
    to.query(
        null,
        "ALTER TABLE "
            + SqlNames.identifier(database)
            + "."
            + SqlNames.identifier(table)
            + " AUTO_INCREMENT = "
            + floor);
  }
}

package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;
import org.rdsecho.stage.Printable;

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

  /** The single-column AUTO_INCREMENT key of a table on the new clone, or null when it has none. */
  public String autoIncrementKey(String database, String table) {
    List<String[]> rows = to.query(null, "SELECT HEX(COLUMN_NAME) FROM information_schema.COLUMNS WHERE"
        + " HEX(TABLE_SCHEMA) = '" + hex(database) + "' AND HEX(TABLE_NAME) = '" + hex(table) + "'"
        + " AND EXTRA LIKE '%auto_increment%'");
    if (rows.size() != 1) {
      return null;
    }
    String column = Exporter.unhex(rows.get(0)[0]);
    // the key must be the whole primary key, else "same key" would not identify one row
    List<String[]> primary = to.query(null, "SELECT HEX(COLUMN_NAME) FROM information_schema.KEY_COLUMN_USAGE WHERE"
        + " HEX(TABLE_SCHEMA) = '" + hex(database) + "' AND HEX(TABLE_NAME) = '" + hex(table) + "'"
        + " AND CONSTRAINT_NAME = 'PRIMARY'");
    return primary.size() == 1 && Exporter.unhex(primary.get(0)[0]).equals(column) ? column : null;
  }

  /** Whether the table exists on both clones. */
  public boolean existsOnBoth(String database, String table) {
    String query = "SELECT COUNT(*) FROM information_schema.TABLES WHERE HEX(TABLE_SCHEMA) = '" + hex(database)
        + "' AND HEX(TABLE_NAME) = '" + hex(table) + "'";
    return "1".equals(fromSql.query(null, query).get(0)[0]) && "1".equals(to.query(null, query).get(0)[0]);
  }

  /**
   * Copies the rows of {@code table} whose {@code key} is at least {@code floor} (every row when
   * either is null) from the promoted clone, replacing rows with the same key.
   *
   * @return how many rows the promoted clone had to carry
   */
  public long carry(String database, String table, String key, Long floor) {
    String where = key == null || floor == null ? null : DumpVerifier.identifier(key) + " >= " + floor;
    long rows = Long.parseLong(fromSql.query(null, "SELECT COUNT(*) FROM " + DumpVerifier.identifier(database) + "."
        + DumpVerifier.identifier(table) + (where == null ? "" : " WHERE " + where)).get(0)[0]);
    List<String> command = new ArrayList<>(List.of(tools.dump().toString()));
    try (OptionFile options = OptionFile.write(from)) {
      command.add(options.argument());
      command.addAll(List.of("--no-create-info", "--skip-triggers", "--replace", "--single-transaction",
          "--skip-add-locks", "--skip-disable-keys", "--hex-blob", "--default-character-set=utf8mb4",
          "--no-tablespaces", "--skip-dump-date"));
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
      try {
        to.load(database, dump::getInputStream, "the carried rows of " + Printable.quote(database + "." + table));
      } catch (EchoException e) {
        loadFailure = e;
      }
      int code = dump.waitFor();
      errors.join();
      if (code != 0) {
        throw new EchoException(Outcome.FAILED, "carry could not read " + Printable.quote(database + "." + table)
            + " from the promoted clone (" + tools.dump().getFileName() + " exit " + code + "): "
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
      throw new EchoException(Outcome.FAILED, "interrupted while carrying " + Printable.quote(database + "." + table));
    }
  }

  /** Tables of a database on the new clone whose AUTO_INCREMENT counter is below the floor. */
  public List<String> countersBelow(String database, long floor) {
    return to.query(null, "SELECT HEX(TABLE_NAME) FROM information_schema.TABLES WHERE HEX(TABLE_SCHEMA) = '"
            + hex(database) + "' AND TABLE_TYPE = 'BASE TABLE' AND AUTO_INCREMENT IS NOT NULL AND AUTO_INCREMENT < "
            + floor + " ORDER BY TABLE_NAME").stream()
        .map(r -> Exporter.unhex(r[0]))
        .toList();
  }

  /** Raises a table's AUTO_INCREMENT counter to at least {@code floor} (MySQL never lowers it below its rows). */
  public void raiseCounter(String database, String table, long floor) {
    to.query(null, "ALTER TABLE " + DumpVerifier.identifier(database) + "." + DumpVerifier.identifier(table)
        + " AUTO_INCREMENT = " + floor);
  }

  private static String hex(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}

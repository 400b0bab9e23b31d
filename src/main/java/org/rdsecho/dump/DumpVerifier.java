package org.rdsecho.dump;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Proves a dump by restoring it (§13): the file goes through the real decompressor into the real
 * client ({@code gunzip -c F | mysql}), as a user would restore it, into a scratch database on the
 * verification server; then its tables (row counts and {@code CHECKSUM TABLE}), views, routines,
 * triggers and events are compared with the clone's database, and the scratch database is dropped
 * whatever happened. Scratch databases are named {@code rdsecho_verify_<echo>_<random>}, so a rerun
 * finds and drops the ones a killed run of the same echo left, and no other echo's.
 */
public final class DumpVerifier {
  /** One table's comparison, for {@code -o json} (§8: database, table, rows, match). */
  public record TableCheck(String database, String table, long rows, boolean match) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SqlClient clone;
  private final SqlClient scratchServer;
  private final ConnectionSpec scratchConnection;

  public DumpVerifier(MysqlTools tools, SqlClient clone, ConnectionSpec scratchConnection) {
    this.clone = clone;
    this.scratchConnection = scratchConnection;
    this.scratchServer = new SqlClient(tools, scratchConnection);
  }

  /** The prefix of this echo's scratch databases: {@code rdsecho_verify_<8 hex of the name>_}. */
  public static String scratchPrefix(String echoName) {
    return "rdsecho_verify_"
        + FileDigests.sha256(echoName.getBytes(StandardCharsets.UTF_8)).substring(0, 8)
        + "_";
  }

  /** Scratch databases of this echo left on the verification server by a run that was killed. */
  public static List<String> leftovers(SqlClient scratchServer, String echoName) {
    String prefix = scratchPrefix(echoName);
    return scratchServer
        .query(null, "SELECT HEX(SCHEMA_NAME) FROM information_schema.SCHEMATA")
        .stream()
        .map(r -> SqlNames.unhex(r[0]))
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  public void drop(String scratch) {
    scratchServer.query(null, "DROP DATABASE IF EXISTS " + SqlNames.identifier(scratch));
  }

  /**
   * Restores a dump into a new scratch database and compares it with {@code database} on the clone;
   * the scratch database is dropped afterwards, also when this fails.
   *
   * @param sha256 what the manifest says the file's digest is; a file that differs fails
   * @return the tables compared, all matching
   * @throws EchoException naming the file, the table or the object that does not match
   */
  public List<TableCheck> verify(
      String echoName, String database, DumpSource source, String compression, String sha256) {
    // §16: the file's SHA-256 is checked before a single byte of it reaches the client, on the very
    // channel that is then loaded (a file swapped in the share after the check is not the one read)
    try (FileChannel file = source.checked(sha256)) {
      String scratch =
          scratchPrefix(echoName) + HexFormat.of().formatHex(randomBytes()).substring(0, 12);
      scratchServer.query(null, "CREATE DATABASE " + SqlNames.identifier(scratch));
      try {
        RestorePipeline.load(scratchServer, source, file, compression, scratch, sha256);
        compareObjects(database, scratch, source.label());
        return compareTables(database, scratch, source.label());
      } finally {
        drop(scratch);
      }
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED, "verify failed: cannot read " + source.label() + ": " + e.getMessage());
    }
  }

  /**
   * Tables, views, routines, triggers and events: the same names of the same kinds on both sides.
   */
  private void compareObjects(String database, String scratch, String file) {
    Map<String, SortedSet<String>> expected = objects(clone, database);
    Map<String, SortedSet<String>> restored = objects(scratchServer, scratch);
    List<String> differences = new ArrayList<>();
    for (String kind : List.of("table", "view", "routine", "trigger", "event")) {
      TreeSet<String> missing = new TreeSet<>(expected.getOrDefault(kind, new TreeSet<>()));
      missing.removeAll(restored.getOrDefault(kind, new TreeSet<>()));
      TreeSet<String> extra = new TreeSet<>(restored.getOrDefault(kind, new TreeSet<>()));
      extra.removeAll(expected.getOrDefault(kind, new TreeSet<>()));
      missing.forEach(
          name ->
              differences.add(kind + " " + Printable.quote(name) + " is missing from the dump"));
      extra.forEach(
          name ->
              differences.add(
                  kind + " " + Printable.quote(name) + " is in the dump, not on the clone"));
    }
    requireNone(differences, file, database);
  }

  private static Map<String, SortedSet<String>> objects(SqlClient sql, String database) {
    String schema = "'" + SqlNames.hex(database) + "'";
    String script =
        String.join(
            "\n",
            "SELECT IF(TABLE_TYPE = 'VIEW', 'view', 'table'), HEX(TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE HEX(TABLE_SCHEMA) = "
                + schema
                + ";",
            "SELECT 'routine', HEX(CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME)) FROM information_schema.ROUTINES"
                + " WHERE HEX(ROUTINE_SCHEMA) = "
                + schema
                + ";",
            "SELECT 'trigger', HEX(TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE HEX(TRIGGER_SCHEMA) = "
                + schema
                + ";",
            "SELECT 'event', HEX(EVENT_NAME) FROM information_schema.EVENTS WHERE HEX(EVENT_SCHEMA) = "
                + schema
                + ";");
    Map<String, SortedSet<String>> objects = new TreeMap<>();
    for (String[] row : sql.query(null, script)) {
      objects.computeIfAbsent(row[0], k -> new TreeSet<>()).add(SqlNames.unhex(row[1]));
    }
    return objects;
  }

  /** Each base table's row count and CHECKSUM TABLE, on both sides, in one client run a side. */
  private List<TableCheck> compareTables(String database, String scratch, String file) {
    List<String> tables =
        new ArrayList<>(objects(clone, database).getOrDefault("table", new TreeSet<>()));
    if (tables.isEmpty()) {
      return List.of();
    }
    List<String[]> expected = countsAndChecksums(clone, database, tables);
    List<String[]> restored = countsAndChecksums(scratchServer, scratch, tables);
    List<TableCheck> checks = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      String table = tables.get(i);
      long rows = Long.parseLong(expected.get(i)[0]);
      long got = Long.parseLong(restored.get(i)[0]);
      boolean match = rows == got && expected.get(i)[1].equals(restored.get(i)[1]);
      checks.add(new TableCheck(database, table, rows, match));
      if (rows != got) {
        differences.add(
            "table "
                + Printable.quote(table)
                + " has "
                + rows
                + " row(s) on the clone and "
                + got
                + " restored");
      } else if (!match) {
        differences.add(
            "table "
                + Printable.quote(table)
                + " has the same "
                + rows
                + " row(s) but another checksum"
                + " (CHECKSUM TABLE "
                + expected.get(i)[1]
                + " on the clone, "
                + restored.get(i)[1]
                + " restored)");
      }
    }
    requireNone(differences, file, database);
    return checks;
  }

  /** Fails (1) naming every difference between the restored dump and the clone's database. */
  private static void requireNone(List<String> differences, String file, String database) {
    if (!differences.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "verify failed: "
              + file
              + " restored does not match database "
              + Printable.quote(database)
              + " of the clone: "
              + String.join("; ", differences)
              + "; export again");
    }
  }

  /** Rows of [count, checksum], one per table in order. */
  private static List<String[]> countsAndChecksums(
      SqlClient sql, String database, List<String> tables) {
    StringBuilder script = new StringBuilder();
    for (String table : tables) {
      String name = SqlNames.table(database, table);
      script.append("SELECT COUNT(*) FROM ").append(name).append(";\n");
      script.append("CHECKSUM TABLE ").append(name).append(";\n");
    }
    List<String[]> rows = sql.query(null, script.toString());
    if (rows.size() != tables.size() * 2) {
      throw new EchoException(
          Outcome.FAILED,
          "verify could not read the row counts and checksums of database "
              + Printable.quote(database)
              + " ("
              + rows.size()
              + " result rows for "
              + tables.size()
              + " tables)");
    }
    List<String[]> result = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      String[] checksum = rows.get(2 * i + 1);
      result.add(new String[] {rows.get(2 * i)[0], checksum[checksum.length - 1]});
    }
    return result;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "verification server " + scratchConnection;
  }
}

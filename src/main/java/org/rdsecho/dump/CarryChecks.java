package org.rdsecho.dump;

import java.util.List;
import java.util.Optional;
import org.rdsecho.stage.CarryRules;
import org.rdsecho.stage.CarrySeen;

/**
 * What {@code carry} observes of the two clones before it decides (§16: carry never corrupts), read
 * from information_schema and the rows: what kind of table each carried table is and its engine,
 * its key, the new clone's triggers on it, the range of the keys the promoted clone carries, the
 * new clone's own rows at or above the floor ({@link CarryOwnRows}), unique collisions ({@link
 * CarryCollisions}), and the AUTO_INCREMENT counters the floor raises. It only reads: {@link
 * org.rdsecho.stage.CarryPlanner} decides on what it returns.
 */
public final class CarryChecks {
  private final SqlClient from;
  private final SqlClient to;
  private final CarryCollisions collisions;
  private final CarryOwnRows ownRows;

  /**
   * @param from the promoted clone (the new clone itself on the first night)
   */
  public CarryChecks(MysqlTools tools, ConnectionSpec from, ConnectionSpec to) {
    this.from = new SqlClient(tools, from);
    this.to = new SqlClient(tools, to);
    this.collisions = new CarryCollisions(this.from, this.to);
    this.ownRows = new CarryOwnRows(this.from, this.to);
  }

  /**
   * A carried table's shape on both clones ({@code promoted}: there is a promoted clone to read).
   */
  public CarrySeen.Table table(String database, String table, boolean promoted) {
    Optional<CarrySeen.Shape> here = shape(false, database, table);
    Optional<CarrySeen.Shape> there = promoted ? shape(true, database, table) : here;
    CarrySeen.Key key = primaryKey(database, table);
    List<String> triggers = promoted ? triggers(database, table) : List.of();
    String keyType =
        promoted && key != null ? promotedColumnType(database, table, key.column()) : "";
    return new CarrySeen.Table(here, there, key, triggers, keyType);
  }

  /** See {@link org.rdsecho.stage.CarryPlanner.Observe#uniqueCollision}. */
  public Optional<CarryRules.Collision> uniqueCollision(
      String database, String table, String key, Long floor) {
    return collisions.uniqueCollision(database, table, key, floor);
  }

  /**
   * The table on the promoted clone ({@code promoted}) or on the new clone; empty when it is not
   * there.
   */
  private Optional<CarrySeen.Shape> shape(boolean promoted, String database, String table) {
    List<String[]> rows =
        (promoted ? from : to)
            .query(
                null,
                "SELECT t.TABLE_TYPE, IFNULL(t.ENGINE, ''),"
                    + " IFNULL(e.TRANSACTIONS, '') FROM information_schema.TABLES t LEFT JOIN information_schema.ENGINES e"
                    + " ON e.ENGINE = t.ENGINE WHERE HEX(t.TABLE_SCHEMA) = '"
                    + SqlNames.hex(database)
                    + "' AND HEX(t.TABLE_NAME) = '"
                    + SqlNames.hex(table)
                    + "'");
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CarrySeen.Shape(rows.get(0)[0], rows.get(0)[1], "YES".equals(rows.get(0)[2])));
  }

  /** The new clone's triggers on a table, as {@code name (BEFORE|AFTER INSERT|UPDATE|DELETE)}. */
  private List<String> triggers(String database, String table) {
    return to
        .query(
            null,
            "SELECT HEX(TRIGGER_NAME), ACTION_TIMING, EVENT_MANIPULATION FROM"
                + " information_schema.TRIGGERS WHERE HEX(EVENT_OBJECT_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND"
                + " HEX(EVENT_OBJECT_TABLE) = '"
                + SqlNames.hex(table)
                + "' ORDER BY TRIGGER_NAME")
        .stream()
        .map(r -> SqlNames.unhex(r[0]) + " (" + r[1] + " " + r[2] + ")")
        .toList();
  }

  /**
   * The smallest and largest key the promoted clone carries (at or above the floor; all without
   * one), as text; empty without rows.
   */
  public Optional<CarrySeen.KeyRange> carriedKeyRange(
      String database, String table, String key, Long floor) {
    String k = SqlNames.identifier(key);
    String[] r =
        from.query(
                null,
                "SELECT CAST(MIN("
                    + k
                    + ") AS CHAR), CAST(MAX("
                    + k
                    + ") AS CHAR) FROM "
                    + SqlNames.table(database, table)
                    + (floor == null ? "" : " WHERE " + k + " >= " + floor))
            .get(0);
    return "NULL".equals(r[0]) ? Optional.empty() : Optional.of(new CarrySeen.KeyRange(r[0], r[1]));
  }

  /** The type of a column on the promoted clone (COLUMN_TYPE, e.g. {@code bigint(20) unsigned}). */
  private String promotedColumnType(String database, String table, String column) {
    List<String[]> rows =
        from.query(
            null,
            "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE HEX(TABLE_SCHEMA)"
                + " = '"
                + SqlNames.hex(database)
                + "' AND HEX(TABLE_NAME) = '"
                + SqlNames.hex(table)
                + "' AND HEX(COLUMN_NAME) = '"
                + SqlNames.hex(column)
                + "'");
    return rows.isEmpty() ? "" : rows.get(0)[0];
  }

  /**
   * The single-column primary key of a table on the new clone, or null when it has none (or several
   * columns).
   */
  private CarrySeen.Key primaryKey(String database, String table) {
    List<String[]> rows =
        to.query(
            null,
            "SELECT HEX(c.COLUMN_NAME), c.DATA_TYPE, c.COLUMN_TYPE LIKE '%unsigned%',"
                + " c.EXTRA LIKE '%auto_increment%' FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.COLUMNS c"
                + " ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME"
                + " WHERE HEX(k.TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND HEX(k.TABLE_NAME) = '"
                + SqlNames.hex(table)
                + "'"
                + " AND k.CONSTRAINT_NAME = 'PRIMARY'");
    if (rows.size() != 1) {
      return null;
    }
    String[] r = rows.get(0);
    return new CarrySeen.Key(SqlNames.unhex(r[0]), r[1], "1".equals(r[2]), "1".equals(r[3]));
  }

  /** Every AUTO_INCREMENT column of a database's base tables on the new clone. */
  public List<CarrySeen.Counter> counters(String database) {
    return to
        .query(
            null,
            "SELECT HEX(c.TABLE_NAME), HEX(c.COLUMN_NAME), c.DATA_TYPE, c.COLUMN_TYPE LIKE '%unsigned%'"
                + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA"
                + " AND t.TABLE_NAME = c.TABLE_NAME WHERE HEX(c.TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "'"
                + " AND t.TABLE_TYPE = 'BASE TABLE' AND c.EXTRA LIKE '%auto_increment%' ORDER BY c.TABLE_NAME")
        .stream()
        .map(
            r ->
                new CarrySeen.Counter(
                    SqlNames.unhex(r[0]), SqlNames.unhex(r[1]), r[2], "1".equals(r[3])))
        .toList();
  }

  /**
   * The largest key at or above {@code floor} among the new clone's own rows of a table: rows that
   * are not the same as the promoted clone's row with that key. A row the same as the promoted
   * clone's is what an earlier, interrupted carry wrote (or carrying it changes nothing), so a
   * rerun converges. Reads at most as many of the new clone's rows as the promoted clone has at or
   * above the floor, plus one: if more are there, one of those is production's.
   *
   * @param promoted whether there is a promoted clone (the first night, every row is the clone's
   *     own)
   */
  public Optional<String> largestOwnKey(
      String database, String table, String key, long floor, boolean promoted) {
    return ownRows.largestOwnKey(database, table, key, floor, promoted);
  }

  /** Tables of a database on the new clone whose AUTO_INCREMENT counter is below the floor. */
  public List<String> countersBelow(String database, long floor) {
    return to
        .query(
            null,
            "SELECT HEX(TABLE_NAME) FROM information_schema.TABLES WHERE HEX(TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND TABLE_TYPE = 'BASE TABLE' AND AUTO_INCREMENT IS NOT NULL AND AUTO_INCREMENT < "
                + floor
                + " ORDER BY TABLE_NAME")
        .stream()
        .map(r -> SqlNames.unhex(r[0]))
        .toList();
  }
}

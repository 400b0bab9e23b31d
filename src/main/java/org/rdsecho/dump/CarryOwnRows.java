package org.rdsecho.dump;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the new clone's rows at or above the carry floor are its own (§16: carry never
 * corrupts): a row the same as the promoted clone's row with that key is one an earlier,
 * interrupted carry wrote, so a rerun converges. Rows are compared by a digest of their columns,
 * read in one query a side; the planner ({@code stage.CarryPlanner}) decides on the answer.
 */
final class CarryOwnRows {
  private final SqlClient from;
  private final SqlClient to;

  /**
   * @param from the promoted clone
   * @param to the new clone
   */
  CarryOwnRows(SqlClient from, SqlClient to) {
    this.from = from;
    this.to = to;
  }

  /** See {@link CarryChecks#largestOwnKey}. */
  Optional<String> largestOwnKey(
      String database, String table, String key, long floor, boolean promoted) {
    List<String> columns = columns(to, database, table);
    if (promoted) {
      List<String> theirs = columns(from, database, table);
      columns = columns.stream().filter(theirs::contains).toList();
    }
    Map<String, String> carried = new HashMap<>();
    if (promoted) {
      for (String[] row : from.query(null, keyedRows(database, table, key, columns, floor, null))) {
        carried.put(row[0], row[1]);
      }
    }
    for (String[] row :
        to.query(null, keyedRows(database, table, key, columns, floor, carried.size() + 1L))) {
      if (!row[1].equals(carried.get(row[0]))) {
        return Optional.of(row[0]);
      }
    }
    return Optional.empty();
  }

  /** Each row's key and a digest of its columns (exact bytes, NULL apart), largest key first. */
  private static String keyedRows(
      String database, String table, String key, List<String> columns, long floor, Long limit) {
    String k = SqlNames.identifier(key);
    String digest =
        "MD5(CONCAT_WS('|', "
            + String.join(
                ", ",
                columns.stream()
                    .map(c -> "IFNULL(HEX(CAST(" + SqlNames.identifier(c) + " AS BINARY)), '-')")
                    .toList())
            + "))";
    return "SELECT CAST("
        + k
        + " AS CHAR), "
        + digest
        + " FROM "
        + SqlNames.identifier(database)
        + "."
        + SqlNames.identifier(table)
        + " WHERE "
        + k
        + " >= "
        + floor
        + " ORDER BY "
        + k
        + " DESC"
        + (limit == null ? "" : " LIMIT " + limit);
  }

  private static List<String> columns(SqlClient sql, String database, String table) {
    return sql
        .query(
            null,
            "SELECT HEX(COLUMN_NAME) FROM information_schema.COLUMNS WHERE HEX(TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND HEX(TABLE_NAME) = '"
                + SqlNames.hex(table)
                + "' ORDER BY ORDINAL_POSITION")
        .stream()
        .map(r -> SqlNames.unhex(r[0]))
        .toList();
  }
}

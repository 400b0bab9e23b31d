package org.rdsecho.dump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.stage.CarryRules;

/**
 * Observes whether a carried row would collide with one of the new clone's own rows on a UNIQUE key
 * (§16): loading a row by REPLACE deletes every row it collides with, on any unique key, not just
 * the row with its primary key. Values are compared on the new clone, in its columns' collations,
 * as its unique key does; {@link CarryRules#noUniqueCollision} decides.
 */
final class CarryCollisions {
  /** Staged rows compared per query: keeps each statement small. */
  private static final int BATCH = 200;

  private final SqlClient from;
  private final SqlClient to;

  CarryCollisions(SqlClient from, SqlClient to) {
    this.from = from;
    this.to = to;
  }

  /**
   * The first carried row (key at or above {@code floor}, every row without a floor) whose values
   * of one of the new clone's UNIQUE keys equal those of a new-clone row that carrying does not
   * replace: one below the floor, or (without a floor) one whose key the promoted clone does not
   * have. Values are compared on the new clone, in its columns' collations, as its unique key does.
   */
  Optional<CarryRules.Collision> uniqueCollision(
      String database, String table, String key, Long floor) {
    Map<String, List<String[]>> indexes = new LinkedHashMap<>();
    for (String[] r :
        to.query(
            null,
            "SELECT HEX(INDEX_NAME), HEX(COLUMN_NAME), IFNULL(SUB_PART, '') FROM"
                + " information_schema.STATISTICS WHERE HEX(TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND HEX(TABLE_NAME) = '"
                + SqlNames.hex(table)
                + "' AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      indexes
          .computeIfAbsent(SqlNames.unhex(r[0]), i -> new ArrayList<>())
          .add(new String[] {SqlNames.unhex(r[1]), r[2]});
    }
    Map<String, Boolean> textual = textColumns(from, database, table);
    String k = SqlNames.identifier(key);
    for (Map.Entry<String, List<String[]>> index : indexes.entrySet()) {
      List<String[]> parts = index.getValue();
      if (!parts.stream().allMatch(p -> textual.containsKey(p[0]))) {
        continue; // a column the promoted clone lacks gets its default on every carried row
      }
      StringBuilder select =
          new StringBuilder("SELECT HEX(CAST(" + k + " AS CHAR CHARACTER SET utf8mb4))");
      for (String[] p : parts) {
        String c = SqlNames.identifier(p[0]);
        select
            .append(", IFNULL(HEX(")
            .append(
                textual.get(p[0])
                    ? "CONVERT(" + c + " USING utf8mb4)"
                    : "CAST(" + c + " AS BINARY)")
            .append("), 'NULL')");
      }
      select
          .append(" FROM ")
          .append(SqlNames.table(database, table))
          .append(floor == null ? "" : " WHERE " + k + " >= " + floor);
      // a row with a NULL in the key collides with nothing (UNIQUE allows any number of NULLs)
      List<String[]> staged =
          from.query(null, select.toString()).stream()
              .filter(r -> java.util.Arrays.stream(r).noneMatch("NULL"::equals))
              .toList();
      for (int start = 0; start < staged.size(); start += BATCH) {
        List<String[]> batch = staged.subList(start, Math.min(staged.size(), start + BATCH));
        StringBuilder where = new StringBuilder();
        // which staged row matched: the first whose values equal the own row's, compared there too
        StringBuilder which = new StringBuilder("CASE");
        for (int i = 0; i < batch.size(); i++) {
          String match = matches(k, batch.get(i), parts, textual);
          where.append(i == 0 ? "" : " OR ").append("(").append(match).append(")");
          which.append(" WHEN ").append(match).append(" THEN ").append(i);
        }
        which.append(" END");
        List<String[]> own =
            to.query(
                null,
                "SELECT HEX(CAST("
                    + k
                    + " AS CHAR CHARACTER SET utf8mb4)), "
                    + which
                    + " FROM "
                    + SqlNames.table(database, table)
                    + " WHERE ("
                    + where
                    + ")"
                    + (floor == null ? "" : " AND " + k + " < " + floor)
                    + " ORDER BY "
                    + k);
        for (String[] o : own) {
          // without a floor, an own row whose key the promoted clone has is replaced by that row
          // anyway
          if (floor == null
              && !from.query(
                      null,
                      "SELECT 1 FROM "
                          + SqlNames.table(database, table)
                          + " WHERE "
                          + k
                          + " = "
                          + text(o[0]))
                  .isEmpty()) {
            continue;
          }
          String[] row = batch.get(Integer.parseInt(o[1]));
          List<String> values = new ArrayList<>();
          for (int c = 0; c < parts.size(); c++) {
            values.add(new String(HexFormat.of().parseHex(row[c + 1]), StandardCharsets.UTF_8));
          }
          return Optional.of(
              new CarryRules.Collision(
                  index.getKey(),
                  parts.stream().map(p -> p[0]).toList(),
                  String.join(", ", values),
                  unhexText(row[0]),
                  unhexText(o[0])));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The condition that a row of the new clone is another row than {@code staged} with the same
   * unique values.
   */
  private static String matches(
      String k, String[] staged, List<String[]> parts, Map<String, Boolean> textual) {
    StringBuilder match = new StringBuilder(k + " <> " + text(staged[0]));
    for (int c = 0; c < parts.size(); c++) {
      String column = SqlNames.identifier(parts.get(c)[0]);
      // text in the new clone's collation (coercible literal); other types as their exact bytes
      String literal =
          textual.get(parts.get(c)[0]) ? text(staged[c + 1]) : "_binary X'" + staged[c + 1] + "'";
      String sub = parts.get(c)[1];
      match
          .append(" AND ")
          .append(
              sub.isEmpty()
                  ? column + " = " + literal
                  : "LEFT(" + column + ", " + sub + ") = LEFT(" + literal + ", " + sub + ")");
    }
    return match.toString();
  }

  /** Each column of a table on a server, and whether it holds text in a character set. */
  private static Map<String, Boolean> textColumns(SqlClient sql, String database, String table) {
    Map<String, Boolean> columns = new LinkedHashMap<>();
    for (String[] r :
        sql.query(
            null,
            "SELECT HEX(COLUMN_NAME), CHARACTER_SET_NAME IS NOT NULL FROM"
                + " information_schema.COLUMNS WHERE HEX(TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "' AND HEX(TABLE_NAME) = '"
                + SqlNames.hex(table)
                + "'")) {
      columns.put(SqlNames.unhex(r[0]), "1".equals(r[1]));
    }
    return columns;
  }

  /**
   * A utf8mb4 string literal of hex digits: coercible, so the column's own collation decides
   * equality.
   */
  private static String text(String hexDigits) {
    return "_utf8mb4 X'" + hexDigits + "'";
  }

  private static String unhexText(String hexDigits) {
    return new String(HexFormat.of().parseHex(hexDigits), StandardCharsets.UTF_8);
  }
}

package org.rdsecho.stage;

import java.util.List;
import java.util.Map;

/**
 * What of each database a dump holds: every table with its definitions (the default), or, for
 * recovering rows, only some tables, only their rows, only the rows a condition selects.
 *
 * @param tables database to the tables to dump; a database not listed is dumped whole
 * @param dataOnly rows only: no CREATE/DROP, no triggers, routines or events (as {@code mysqldump
 *     -t})
 * @param where a condition applied to every dumped table, or null
 */
public record DumpSelection(Map<String, List<String>> tables, boolean dataOnly, String where) {
  public static final DumpSelection WHOLE = new DumpSelection(Map.of(), false, null);

  public DumpSelection {
    tables = Map.copyOf(tables);
  }

  public List<String> tablesOf(String database) {
    return tables.getOrDefault(database, List.of());
  }

  public boolean whole() {
    return tables.isEmpty() && !dataOnly && where == null;
  }
}

package org.rdsecho.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code carry} copies from the promoted clone into the new one (§13).
 *
 * @param tables database to its tables, in the order given
 * @param floor the AUTO_INCREMENT value from which rows are staging-made; null carries all rows
 */
public record CarrySettings(
    Map<String, List<String>> tables, String fromHost, Integer fromPort, Long floor) {
  public CarrySettings {
    tables =
        tables == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  public boolean configured() {
    return !tables.isEmpty() || floor != null;
  }

  /** The rdsecho.carry.* keys. */
  static CarrySettings read(ConfigReader r) {
    return new CarrySettings(
        r.tables(ConfigKeys.CARRY_TABLES),
        r.string(ConfigKeys.CARRY_FROM_HOST),
        r.integer(ConfigKeys.CARRY_FROM_PORT, 1, 65535),
        r.longValue(ConfigKeys.CARRY_FLOOR, 1L, Long.MAX_VALUE / 2));
  }
}

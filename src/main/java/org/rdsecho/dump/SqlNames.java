package org.rdsecho.dump;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How names reach SQL and come back, whatever bytes they hold: quoted identifiers, and names
 * compared in information_schema as hex ({@code HEX(TABLE_NAME) = '...'}) and read back as hex, so
 * no name is ever spliced into a string literal or mangled by the client's output.
 */
final class SqlNames {
  private SqlNames() {}

  /** A MySQL identifier, quoted with backticks (doubled inside), whatever it holds. */
  static String identifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A table's qualified name, both parts quoted. */
  static String table(String database, String table) {
    return identifier(database) + "." + identifier(table);
  }

  /** A name's UTF-8 bytes as upper-case hex, as {@code HEX()} writes them. */
  static String hex(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A name read back from {@code HEX()}. */
  static String unhex(String hex) {
    return new String(HexFormat.of().parseHex(hex.trim()), StandardCharsets.UTF_8);
  }
}

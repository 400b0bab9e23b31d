package org.rdsecho.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code mysql} client (Oracle's or MariaDB's) would take for a client command in SQL text:
 * a backslash outside a quoted string or name. Oracle's client has no sandbox line and stops at
 * MariaDB's ({@code Unknown command '\-'}), even inside a comment; neither client is safe to feed a
 * dump that has one. Scans as the clients do: quotes {@code '}, {@code "} and backticks, with
 * backslash escapes inside the first two, and comments ({@code -- }, {@code #} to the end of the
 * line, where the clients read no command; {@code /* *}{@code /}, where they still do).
 */
public final class ClientCommands {
  private ClientCommands() {}

  /** Each client command found, as "line N: \x", empty for SQL both clients load as data. */
  public static List<String> in(String sql) {
    List<String> found = new ArrayList<>();
    char quote = 0;
    boolean blockComment = false;
    int line = 1;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++; // an escaped character inside a string
          line += i < sql.length() && sql.charAt(i) == '\n' ? 1 : 0;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\\') {
        // also inside /* */: Oracle's client stops at MariaDB's sandbox line, a comment
        found.add("line " + line + ": \\" + (i + 1 < sql.length() ? sql.charAt(i + 1) : ""));
      } else if (blockComment) {
        blockComment = !sql.startsWith("*/", i);
      } else if (sql.startsWith("/*", i)
          && !sql.startsWith("/*!", i)
          && !sql.startsWith("/*M!", i)) {
        // a comment; /*! and /*M! are versioned code, read as SQL
        blockComment = true;
        i++;
      } else if (c == '#' || sql.startsWith("-- ", i) || sql.startsWith("--\n", i)) {
        // a line comment (the dump's header names databases unquoted): quotes there open nothing
        int end = sql.indexOf('\n', i);
        i = (end < 0 ? sql.length() : end) - 1;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      }
    }
    return found;
  }
}

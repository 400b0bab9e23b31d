package org.rdsecho.dump;

import java.util.ArrayList;
import java.util.List;

/** Splits a file of SQL statements on semicolons outside quotes and comments. */
public final class SqlStatements {
  private SqlStatements() {}

  /** A statement and the line it starts on. */
  public record Statement(String sql, int line) {}

  public static List<Statement> split(String text) {
    List<Statement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (quote != 0) {
        current.append(c);
        if (c == '\\' && quote != '`' && next != 0) {
          current.append(next);
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '-' && next == '-') || c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        i--;
        continue;
      } else if (c == '/' && next == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
        i = end - 1;
        continue;
      } else if (c == ';') {
        add(statements, current, startLine);
        startLine = -1;
        continue;
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        if (startLine < 0 && !Character.isWhitespace(c)) {
          startLine = line;
        }
        current.append(c);
      }
      if (c == '\n') {
        line++;
      }
    }
    add(statements, current, startLine);
    return statements;
  }

  private static void add(List<Statement> statements, StringBuilder current, int line) {
    String sql = current.toString().strip();
    if (!sql.isEmpty()) {
      statements.add(new Statement(sql, line));
    }
    current.setLength(0);
  }
}

package org.rdsecho.core;

/**
 * Quotes text that came from outside (a tag value, a database name) for a one-line message: a
 * tampered value must not start a new log line, move the cursor or hide what follows.
 */
public final class Printable {
  private Printable() {}

  /** The text in single quotes, control and format characters as {@code \\uXXXX}. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    text.codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              boolean hidden =
                  Character.isISOControl(c)
                      || type == Character.FORMAT
                      || type == Character.LINE_SEPARATOR
                      || type == Character.PARAGRAPH_SEPARATOR;
              if (hidden) {
                out.append(String.format("\\u%04X", c));
              } else if (c == '\\' || c == '\'') {
                out.append('\\').appendCodePoint(c);
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('\'').toString();
  }
}

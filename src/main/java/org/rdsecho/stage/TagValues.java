package org.rdsecho.stage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How values are spelled in tags, each with its reading back: times, free text made legal, and the
 * given-up record. Tags can be edited by hand, so reading never throws.
 */
public final class TagValues {
  /** The longest tag value RDS accepts. */
  public static final int MAX_VALUE = 256;

  private TagValues() {}

  public static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * A time as {@link #time} writes it, read back; empty for a value that is not one (tags can be
   * edited by hand, so a bad value is never an exception).
   */
  public static Optional<Instant> parseTime(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Makes free text (an operator's name, say) a legal tag value: RDS allows letters, digits, white
   * space and {@code _.:/=+-@}, at most 256 characters.
   */
  public static String value(String text) {
    StringBuilder clean = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              boolean ok =
                  Character.isLetterOrDigit(c)
                      || Character.isWhitespace(c)
                      || "_.:/=+-@".indexOf(c) >= 0;
              clean.appendCodePoint(ok ? c : '_');
            });
    String s = clean.toString().trim();
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
  }

  /**
   * The record {@code newest} first, then {@code older}, each once, cut to the newest entries that
   * fit in one tag value: a long list of snapshot ids loses its oldest, which new would not choose
   * anyway (it takes the newest snapshot).
   */
  public static String givenUpValue(List<String> newest, List<String> older) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String id : concat(newest, older)) {
      String clean = value(id).replaceAll("\\s+", "_");
      if (!clean.isEmpty()) {
        ids.add(clean);
      }
    }
    StringBuilder joined = new StringBuilder();
    for (String id : ids) {
      if (joined.length() + (joined.length() == 0 ? 0 : 1) + id.length() > MAX_VALUE) {
        break;
      }
      joined.append(joined.length() == 0 ? "" : " ").append(id);
    }
    return joined.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

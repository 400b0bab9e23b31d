package org.rdsecho.cli;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code 90s}, {@code 45m}, {@code 2h}, {@code 1h30m} or ISO-8601 {@code PT45M}. */
public final class DurationConverter implements IStringConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** Longer waits are surely a typo, and far beyond anything an AWS step takes. */
  static final Duration MAX = Duration.ofDays(30);

  @Override
  public Duration convert(String value) {
    Duration d;
    try {
      d = parse(value);
    } catch (ArithmeticException | NumberFormatException e) {
      throw tooLong(value);
    }
    if (d.compareTo(MAX) > 0) {
      throw tooLong(value);
    }
    return d;
  }

  private static ParameterException tooLong(String value) {
    return new ParameterException(
        "--timeout " + value + " is longer than 30 days (720h): give a shorter one");
  }

  private static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("pt")) {
      try {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher m = SIMPLE.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw invalid(value);
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    return d;
  }

  private static ParameterException invalid(String value) {
    return new ParameterException(
        "--timeout takes a duration such as 90s, 45m, 2h or 1h30m, not '" + value + "'");
  }
}

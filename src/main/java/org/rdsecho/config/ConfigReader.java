package org.rdsecho.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed accessors that name the key, its value and its origin when a value is malformed. */
final class ConfigReader {
  private final RawConfig raw;

  ConfigReader(RawConfig raw) {
    this.raw = raw;
  }

  RawConfig raw() {
    return raw;
  }

  void rejectUnknownKeys() {
    for (String key : raw.values().keySet().stream().sorted().toList()) {
      if (key.startsWith(ConfigKeys.PREFIX) && !ConfigKeys.ALL.contains(key)) {
        throw new ConfigException(
            "unknown configuration key "
                + key
                + " (from "
                + raw.originOf(key)
                + "): did you mean "
                + ConfigKeys.closest(key).orElse("?")
                + "? See rdsecho.properties.sample for every key");
      }
    }
  }

  String string(String key) {
    return raw.get(key).orElse(null);
  }

  ConfigException malformed(String key, String value, String expected) {
    return new ConfigException(
        key
            + "='"
            + EchoConfig.masked(key, value)
            + "' (from "
            + raw.originOf(key)
            + ") is not valid: expected "
            + expected);
  }

  boolean bool(String key, boolean fallback) {
    Boolean value = boolOrNull(key);
    return value == null ? fallback : value;
  }

  Boolean boolOrNull(String key) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty()) {
      return null;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw malformed(key, value.get(), "true or false");
    };
  }

  Integer integerOr(String key, int min, int max, String expected) {
    try {
      return integer(key, min, max);
    } catch (ConfigException e) {
      throw malformed(key, raw.get(key).orElse(""), expected);
    }
  }

  Integer integer(String key, int min, int max) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty()) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
    }
  }

  Long longValue(String key, long min, long max) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty()) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value.get().replace("_", ""));
      if (parsed < min || parsed > max) {
        throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
    }
  }

  String oneOf(String key, String fallback, String... allowed) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return Arrays.stream(allowed)
        .filter(a -> a.equalsIgnoreCase(value.get()))
        .findFirst()
        .map(a -> a.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> malformed(key, value.get(), "one of " + String.join(", ", allowed)));
  }

  List<String> list(String key) {
    return raw.get(key)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** An ISO-8601 UTC instant, or null for {@code latest} (and when absent). */
  java.time.Instant instantOrLatest(String key) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty() || value.get().equalsIgnoreCase("latest")) {
      return null;
    }
    try {
      return java.time.Instant.parse(value.get());
    } catch (java.time.format.DateTimeParseException e) {
      throw malformed(
          key, value.get(), "an ISO-8601 UTC time such as 2026-11-21T10:13:00Z, or latest");
    }
  }

  /** {@code 90s}, {@code 45m}, {@code 20h}, {@code 2d} (a whole number and a unit). */
  Duration duration(String key, Duration fallback) {
    Optional<String> value = raw.get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get().trim().equals("0")) {
      return Duration
          .ZERO; // "none" needs no unit (rdsecho.retire.after=0, as the contract writes it)
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(value.get().trim());
    if (!m.matches()) {
      throw malformed(key, value.get(), "a duration such as 90s, 45m, 20h or 2d (or 0)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** {@code db.table,db.table}: the tables of each database, in the order given. */
  Map<String, List<String>> tables(String key) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String entry : list(key)) {
      int dot = entry.indexOf('.');
      if (dot <= 0 || dot == entry.length() - 1) {
        throw malformed(
            key,
            raw.get(key).orElse(""),
            "comma-separated database.table names, e.g." + " billing.invoices,billing.payments");
      }
      tables
          .computeIfAbsent(entry.substring(0, dot), d -> new java.util.ArrayList<>())
          .add(entry.substring(dot + 1));
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    tables.forEach((d, t) -> copy.put(d, List.copyOf(t)));
    return copy;
  }

  /** {@code key=value,key=value}, the 0.1.x format. */
  Map<String, String> tags(String key) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String pair : list(key)) {
      int eq = pair.indexOf('=');
      String tagKey = eq < 0 ? pair : pair.substring(0, eq).trim();
      String tagValue = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (eq <= 0 || tagKey.length() > 128 || tagValue.length() > 256) {
        throw malformed(
            key,
            raw.get(key).orElse(""),
            "comma-separated key=value pairs (keys up to 128"
                + " characters, values up to 256), e.g. team=qa,env=dev");
      }
      if (tagKey.startsWith("aws:") || tagKey.startsWith("rdsecho:")) {
        throw malformed(
            key,
            raw.get(key).orElse(""),
            "tag keys that do not start with 'aws:' or 'rdsecho:'"
                + " (those prefixes are reserved)");
      }
      tags.put(tagKey, tagValue);
    }
    return Map.copyOf(tags);
  }
}

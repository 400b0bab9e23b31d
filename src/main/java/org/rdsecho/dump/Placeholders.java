package org.rdsecho.dump;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Expands {@code {name}}, {@code {instance}} and {@code {date}} (UTC) in destination paths. */
public final class Placeholders {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Placeholders() {}

  public static String expand(String template, String name, String instance, Instant now) {
    return template.replace("{name}", name).replace("{instance}", instance).replace("{date}", DATE.format(now));
  }
}

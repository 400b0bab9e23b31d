package org.rdsecho.dump;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Expands {@code {name}}, {@code {instance}} and {@code {date}} (UTC) in destination paths. */
public final class Placeholders {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Placeholders() {}

  public static String expand(String template, String name, String instance, Instant now) {
    return template
        .replace("{name}", name)
        .replace("{instance}", instance)
        .replace("{date}", DATE.format(now));
  }

  /**
   * The leading directories of {@code template} before the first one holding a placeholder: the
   * operator's own path, which may hold links; every directory below it is filled in and created by
   * rds-echo and is never a link. Empty when the first directory already holds one.
   */
  public static String fixedRoot(String template) {
    int brace = template.indexOf('{');
    String fixed = brace < 0 ? template : template.substring(0, brace);
    int slash = fixed.lastIndexOf('/');
    if (brace < 0) {
      return fixed;
    }
    return slash < 0 ? "" : slash == 0 ? "/" : fixed.substring(0, slash);
  }
}

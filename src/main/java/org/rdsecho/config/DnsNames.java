package org.rdsecho.config;

import java.util.Locale;

/** DNS names as Route53 spells them: lowercase, absolute (with the trailing dot). */
public final class DnsNames {
  private DnsNames() {}

  public static String absolute(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /** Whether two names are the same host, whatever their case or trailing dot. */
  public static boolean same(String a, String b) {
    return a != null && b != null && absolute(a).equals(absolute(b));
  }
}

package org.rdsecho.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** DNS names as Route53 spells them: lowercase, absolute (with the trailing dot). */
public final class DnsNames {
  /**
   * Labels of letters, digits, '-' and '_', an optional leading "*." and trailing dot. Route53 also
   * takes escape codes ({@code \055} for '-'), which name the same record as the plain spelling
   * while a comparison of the two strings says they differ; so a CNAME name is written as it reads.
   */
  private static final Pattern HOST =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");

  private DnsNames() {}

  /** The configured name as Route53 spells it, or a refusal naming the key when it is no host. */
  static String checked(String key, String name) {
    String trimmed = name.trim();
    if (!HOST.matcher(trimmed).matches() || absolute(trimmed).length() > 254) {
      throw new ConfigException(
          key
              + " is not a DNS name rds-echo can compare safely: use labels of letters, digits, '-'"
              + " and '_' separated by dots (at most 63 characters each, 253 in all), written as"
              + " the name reads, without Route53's escape codes such as \\055");
    }
    return absolute(trimmed);
  }

  public static String absolute(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /** Whether two names are the same host, whatever their case or trailing dot. */
  public static boolean same(String a, String b) {
    return a != null && b != null && absolute(a).equals(absolute(b));
  }
}

package org.rdsecho.config;

import java.time.Duration;
import java.util.Map;

/**
 * The DNS switch.
 *
 * @param remindEvery how often a confirmation still awaited is announced again under -q (§17)
 */
public record PromoteSettings(
    String cname,
    long ttl,
    Map<String, String> tags,
    String hostedZoneId,
    boolean requireConfirmation,
    Duration remindEvery) {
  public static final Duration DEFAULT_REMIND_EVERY = Duration.ofHours(24);

  public PromoteSettings(
      String cname,
      long ttl,
      Map<String, String> tags,
      String hostedZoneId,
      boolean requireConfirmation) {
    this(cname, ttl, tags, hostedZoneId, requireConfirmation, DEFAULT_REMIND_EVERY);
  }

  /** rdsecho.promote.ttl, read before the rest. */
  static Integer ttl(ConfigReader r) {
    return r.integer(ConfigKeys.PROMOTE_TTL, 0, 2_147_483_647);
  }

  /** The rdsecho.promote.* keys, with the ttl and tags read (and checked) first. */
  static PromoteSettings read(ConfigReader r, Integer ttl, Map<String, String> tags) {
    String cname = r.string(ConfigKeys.PROMOTE_CNAME);
    return new PromoteSettings(
        cname == null ? null : DnsNames.checked(ConfigKeys.PROMOTE_CNAME, cname),
        ttl == null ? 300 : ttl,
        tags,
        r.string(ConfigKeys.PROMOTE_ZONE),
        r.bool(ConfigKeys.PROMOTE_REQUIRE_CONFIRMATION, false),
        r.duration(ConfigKeys.PROMOTE_REMIND_EVERY, DEFAULT_REMIND_EVERY));
  }
}

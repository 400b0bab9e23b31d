package org.rdsecho.stage;

import java.util.List;

/**
 * What Route53 says about the CNAME's name: its zone, where its plain CNAME points (null when there
 * is none) and the other record sets that hold the name. A CNAME cannot share its name with any
 * other record, so while {@code sharing} is not empty Route53 refuses every write of the CNAME.
 * Looked up only when a decision needs it, so a nightly no-op costs no Route53 call.
 *
 * @param sharing each other record set at the name, described by its type ("A", "AAAA alias",
 *     "CNAME with a routing policy"); never its values, which are not rds-echo's to print
 */
public record DnsView(String zoneId, String currentTarget, List<String> sharing) {
  public DnsView {
    sharing = List.copyOf(sharing);
  }

  /** A name that holds at most the plain CNAME. */
  public DnsView(String zoneId, String currentTarget) {
    this(zoneId, currentTarget, List.of());
  }

  /** The same records, the CNAME pointing at {@code target} (as planned writes would leave it). */
  public DnsView pointedAt(String target) {
    return new DnsView(zoneId, target, sharing);
  }
}

package org.rdsecho.stage;

import java.util.List;
import java.util.Optional;

/**
 * What Route53 says about the CNAME's name: its zone, where its plain CNAME points (null when there
 * is none) and the other record sets that hold the name. A CNAME cannot share its name with any
 * other record, so while {@code sharing} is not empty Route53 refuses every write of the CNAME.
 * Looked up only when a decision needs it, so a nightly no-op costs no Route53 call.
 *
 * @param sharing each other record set at the name, described by its type ("A", "AAAA alias",
 *     "CNAME with a routing policy"); never its values, which are not rds-echo's to print
 * @param routed the targets of the CNAMEs with a routing policy at the name (weighted, failover,
 *     latency...): rds-echo never writes them, but the name still sends clients there
 */
public record DnsView(
    String zoneId, String currentTarget, List<String> sharing, List<String> routed) {
  public DnsView {
    sharing = List.copyOf(sharing);
    routed = List.copyOf(routed);
  }

  /** A name that holds at most the plain CNAME and records no CNAME points from. */
  public DnsView(String zoneId, String currentTarget, List<String> sharing) {
    this(zoneId, currentTarget, sharing, List.of());
  }

  /** A name that holds at most the plain CNAME. */
  public DnsView(String zoneId, String currentTarget) {
    this(zoneId, currentTarget, List.of());
  }

  /**
   * Every host the name may send clients to: the plain CNAME's target and each routed one. A clone
   * any of them may name is never given up or deleted ({@link EchoInstance#mayBeNamedBy}).
   */
  public List<String> targets() {
    List<String> all = new java.util.ArrayList<>();
    if (currentTarget != null) {
      all.add(currentTarget);
    }
    all.addAll(routed);
    return List.copyOf(all);
  }

  /**
   * The refusal to write the CNAME while another record holds its name, or empty when nothing does.
   * Route53 would refuse the write after a person had approved it, so it is refused first (§17);
   * {@code --take-over} does not help, since rds-echo never removes a record it did not write.
   */
  public Optional<Decision> sharedNameRefusal(
      String command, String cname, EchoInstance instance, Stage stage) {
    if (sharing.isEmpty()) {
      return Optional.empty();
    }
    String records = String.join(", ", sharing) + (sharing.size() == 1 ? " record" : " records");
    return Optional.of(
        Decision.refuse(
            "cname-not-ours",
            "refusing to "
                + command
                + ": "
                + cname
                + " also holds "
                + (sharing.size() == 1 ? article(sharing.get(0)) : "")
                + records
                + " in zone "
                + zoneId
                + ", and Route53 lets no CNAME share its name with another record; "
                + (sharing.contains("SOA")
                    ? "this is the zone's own name (its NS and SOA records cannot be removed), where"
                        + " no CNAME can be: set rdsecho.promote.cname to a name below it, then"
                        + " run 'rds-echo "
                    : "rds-echo does not remove records it did not write (not with --take-over"
                        + " either): delete "
                        + (sharing.size() == 1 ? "that record" : "those records")
                        + " by hand, or set rdsecho.promote.cname to a name that is free, then run"
                        + " 'rds-echo ")
                + command
                + "' again",
            instance,
            stage));
  }

  /** "an " before a type read letter by letter from a vowel sound (an A, an MX), else "a ". */
  private static String article(String type) {
    return "AEFHILMNORSX".indexOf(type.charAt(0)) >= 0 ? "an " : "a ";
  }

  /** The same records, the CNAME pointing at {@code target} (as planned writes would leave it). */
  public DnsView pointedAt(String target) {
    return new DnsView(zoneId, target, sharing, routed);
  }
}

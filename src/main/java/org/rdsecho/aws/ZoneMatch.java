package org.rdsecho.aws;

import java.util.Comparator;
import java.util.List;
import org.rdsecho.config.DnsNames;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/** Picks the hosted zone a CNAME belongs to by whole labels, never by string suffix. */
final class ZoneMatch {
  private ZoneMatch() {}

  static Route53Records.Zone longestSuffix(String cname, List<Route53Records.Zone> zones) {
    String name = DnsNames.absolute(cname);
    List<Route53Records.Zone> matching =
        zones.stream().filter(z -> name.equals(z.name()) || name.endsWith("." + z.name())).toList();
    if (matching.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "no Route53 hosted zone holds "
              + name
              + " (zones seen: "
              + zones.stream().map(Route53Records.Zone::name).sorted().toList()
              + "): create the zone, fix rdsecho.promote.cname, or set rdsecho.promote.hostedZoneId");
    }
    int longest = matching.stream().mapToInt(z -> z.name().length()).max().orElseThrow();
    List<Route53Records.Zone> best =
        matching.stream()
            .filter(z -> z.name().length() == longest)
            .sorted(Comparator.comparing(Route53Records.Zone::id))
            .toList();
    if (best.size() > 1) {
      throw new EchoException(
          Outcome.USAGE,
          "more than one hosted zone is named "
              + best.get(0).name()
              + " ("
              + best.stream().map(z -> z.id() + (z.isPrivate() ? " private" : " public")).toList()
              + "): set rdsecho.promote.hostedZoneId to the one to change");
    }
    return best.get(0);
  }
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.DnsNames;

/** What {@code promote} does when the newest clone is promoted already: repair drift, if any. */
final class PromotionRepair {
  private PromotionRepair() {}

  /**
   * Promotion is already done, but DNS or the tags may have drifted: the CNAME edited by hand, or
   * two clones tagged promoted (an older tool, a hand edit, a crash). The record decides which one
   * is promoted: the one it points at stays so, else the newest, and the CNAME is pointed back at
   * it before the others are forgotten, so no crash leaves the CNAME on a forgotten clone.
   */
  static Decision decide(PromotePlanner.Inputs in, Decision stop) {
    EchoFleet fleet = in.fleet();
    List<EchoInstance> promoted = fleet.promoted();
    if (in.settings().cname() == null || promoted.isEmpty()) {
      return stop;
    }
    DnsView dns = in.dns().get();
    EchoInstance keeper =
        promoted.stream()
            .filter(p -> p.isNamedBy(dns.currentTarget()))
            .findFirst()
            .orElse(promoted.get(0));
    List<Action> actions = new ArrayList<>();
    String note = "";
    if (!DnsNames.same(dns.currentTarget(), keeper.endpoint())) {
      if (keeper.endpoint() == null || !keeper.isAvailable()) {
        return Targets.notReady(keeper, Stage.PROMOTED, "promote");
      }
      CnameTarget current = CnameTarget.of(fleet, dns.currentTarget());
      if (current.needsTakeOver() && !in.takeOver()) {
        return current.refusal("promote", in.settings().cname(), keeper, Stage.PROMOTED);
      }
      Optional<Decision> shared =
          dns.sharedNameRefusal("promote", in.settings().cname(), keeper, Stage.PROMOTED);
      if (shared.isPresent()) {
        return shared.get();
      }
      actions.add(
          new CloudAction.PointCname(
              dns.zoneId(), in.settings().cname(), keeper.endpoint(), in.settings().ttl()));
      note =
          "; "
              + in.settings().cname()
              + " pointed at "
              + (dns.currentTarget() == null ? "nothing" : dns.currentTarget())
              + ", so it is pointed back at "
              + keeper.endpoint();
    }
    List<String> forgotten = new ArrayList<>();
    for (EchoInstance other : promoted) {
      if (!other.id().equals(keeper.id())) {
        actions.add(CloudAction.Tag.add(other, fleet.tags().forgetPromoted(other, in.now())));
        forgotten.add(other.id());
      }
    }
    if (actions.isEmpty()) {
      return stop;
    }
    if (!forgotten.isEmpty()) {
      note +=
          "; "
              + String.join(", ", forgotten)
              + " also said promoted and "
              + (forgotten.size() == 1 ? "is" : "are")
              + " now forgotten";
    }
    return Decision.act(
        "repaired promotion of " + keeper.id() + note,
        keeper,
        Stage.PROMOTED,
        Stage.PROMOTED,
        actions);
  }
}

package org.rdsecho.cli;

import java.util.List;
import java.util.function.Supplier;
import org.rdsecho.stage.DnsView;

/** Lazy Route53 lookups of the configured CNAME, shared by promote, retire and status. */
final class Dns {
  private Dns() {}

  static Supplier<DnsView> view(Context ctx) {
    return Memo.of(
        () -> {
          String cname = ctx.requireCnameForDns();
          String zone = ctx.records().zoneFor(cname, ctx.config().promote().hostedZoneId());
          DnsView seen = ctx.records().atName(zone, cname);
          return seen.pointedAt(ctx.plannedTarget(seen.currentTarget()));
        });
  }

  /**
   * Every host the CNAME's name sends clients to ({@link DnsView#targets}: the plain CNAME's target
   * and those of CNAMEs with a routing policy), or none when no CNAME is configured (nothing to
   * protect then). Retire, forget and new keep any clone one of them may name.
   */
  static Supplier<List<String>> targets(Context ctx) {
    if (ctx.config().promote().cname() == null) {
      return List::of;
    }
    Supplier<DnsView> view = view(ctx);
    return () -> view.get().targets();
  }
}

package org.rdsecho.cli;

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

  /** The CNAME's target, or null when no CNAME is configured (nothing to protect then). */
  static Supplier<String> currentTarget(Context ctx) {
    if (ctx.config().promote().cname() == null) {
      return () -> null;
    }
    Supplier<DnsView> view = view(ctx);
    return () -> view.get().currentTarget();
  }
}

package org.rdsecho.stage;

import java.util.Locale;
import java.util.Optional;
import org.rdsecho.config.DnsNames;

/**
 * Whose name the CNAME points at now, which decides whether rds-echo may move it: a missing record,
 * a name that is not an RDS endpoint (a first promotion) or one of this name's clones are ours to
 * move; the source's endpoint or any other RDS endpoint needs {@code --take-over}.
 *
 * <p>Which clone a name names is {@link EchoInstance#naming}'s one rule: any endpoint RDS reports
 * for it. A name that only looks like one of ours (its first label) is taken for what it is, an RDS
 * endpoint that is not ours or a name outside RDS; retire still keeps the clone it resembles.
 *
 * @param target the record's current target, or null when there is no record
 * @param owner the instance whose endpoint the target is, when the listing has one
 * @param resembles this name's clone whose identifier the target's first label is, though the
 *     target is none of its endpoints; null when none
 */
public record CnameTarget(Kind kind, String target, EchoInstance owner, EchoInstance resembles) {

  /** What the current target is. */
  public enum Kind {
    NONE,
    OURS,
    NOT_RDS,
    SOURCE,
    OTHER_RDS
  }

  public static CnameTarget of(EchoFleet fleet, String target) {
    if (target == null) {
      return new CnameTarget(Kind.NONE, null, null, null);
    }
    Optional<EchoInstance> any = fleet.anyWithEndpoint(target);
    if (any.isPresent() && fleet.isSource(any.get())) {
      return new CnameTarget(Kind.SOURCE, target, any.get(), null);
    }
    Optional<EchoInstance> ours = fleet.ownerOf(target);
    if (ours.isPresent()) {
      return new CnameTarget(Kind.OURS, target, ours.get(), null);
    }
    EchoInstance resembles = fleet.resembledBy(target).orElse(null);
    if (any.isPresent() || looksLikeRds(target)) {
      return new CnameTarget(Kind.OTHER_RDS, target, any.orElse(null), resembles);
    }
    return new CnameTarget(Kind.NOT_RDS, target, null, resembles);
  }

  /** RDS endpoints of instances, clusters and proxies, in every partition. */
  static boolean looksLikeRds(String name) {
    String host = DnsNames.absolute(name).toLowerCase(Locale.ROOT);
    return host.endsWith(".rds.amazonaws.com.")
        || host.endsWith(".rds.amazonaws.com.cn.")
        || (host.contains(".rds.") && host.contains(".amazonaws."));
  }

  public boolean needsTakeOver() {
    return kind == Kind.SOURCE || kind == Kind.OTHER_RDS;
  }

  /**
   * Why a clone of ours is kept though the CNAME is not on it ("; its first label is X's
   * identifier, so retire keeps X"), or "" when the target resembles none.
   */
  public String resemblance() {
    return resembles == null
        ? ""
        : "; its first label is "
            + resembles.id()
            + "'s identifier, so retire keeps "
            + resembles.id()
            + " while the CNAME points there";
  }

  /** The refusal when the CNAME points somewhere rds-echo may not move it from. */
  public Decision refusal(String command, String cname, EchoInstance instance, Stage stage) {
    String whose =
        switch (kind) {
          case SOURCE -> "the endpoint of the source instance " + owner.id();
          default ->
              owner == null
                  ? "an RDS endpoint that is not one of this name's clones"
                  : "the endpoint of " + owner.id() + ", which is not one of this name's clones";
        };
    if (resembles != null) {
      whose +=
          " (its first label is "
              + resembles.id()
              + "'s identifier, but RDS reports no such endpoint for "
              + resembles.id()
              + ")";
    }
    return Decision.refuse(
        "cname-not-ours",
        "refusing to "
            + command
            + ": "
            + cname
            + " points at "
            + target
            + ", "
            + whose
            + ", and rds-echo moves the CNAME only from a missing record, a non-RDS name or one of its own"
            + " clones; if taking it over is intended, run 'rds-echo "
            + command
            + " --take-over'",
        instance,
        stage);
  }
}

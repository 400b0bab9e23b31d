package org.rdsecho.stage;

import java.util.List;
import java.util.Locale;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * rdsecho.snapshot.identifier: the one snapshot the operator named, restored even if given up
 * before.
 */
public record NamedSource(String identifier) implements SnapshotSource {

  @Override
  public Decision decide(NewRound round) {
    SnapshotInfo snapshot =
        round
            .seen()
            .named()
            .orElseThrow(
                () ->
                    new EchoException(
                        Outcome.FAILED,
                        "snapshot "
                            + identifier
                            + " ("
                            + ConfigKeys.SNAPSHOT_IDENTIFIER
                            + ") not found in this account and region: check the id and --region"));
    Ownership.Role role = round.ownership().of(snapshot).role();
    if (role.ours()) {
      // never a source of our own making (§15), even when pinned: restoring it again would copy
      // or re-restore what rds-echo already made from the snapshot it came from
      throw new EchoException(
          Outcome.FAILED,
          "snapshot "
              + identifier
              + " ("
              + ConfigKeys.SNAPSHOT_IDENTIFIER
              + ") was made by rds-echo ("
              + describe(role)
              + "); it never restores a snapshot of its own making: name"
              + " the snapshot it was made from, or another one");
    }
    return round.restore(SnapshotChoice.newestAvailable(List.of(snapshot), identifier));
  }

  @Override
  public Reads reads() {
    return new Reads(null, null, identifier, null);
  }

  private static String describe(Ownership.Role role) {
    return switch (role) {
      case COPY ->
          "a copy made with rdsecho.snapshot.copyKmsKeyId, new.kmsKeyId or new.storageEncrypted";
      case FRESH -> "a fresh snapshot of snapshot.type=fresh";
      case FINAL -> "the final snapshot of a retired clone";
      default -> role.name().toLowerCase(Locale.ROOT);
    };
  }
}

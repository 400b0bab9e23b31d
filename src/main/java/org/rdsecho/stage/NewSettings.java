package org.rdsecho.stage;

import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.config.SnapshotSettings;

/**
 * What {@code new} is configured to do.
 *
 * @param replaceUnpromoted rdsecho.new.replaceUnpromoted: forget older clones before promotion
 *     (never the CNAME's target) instead of refusing
 * @param aurora clones are Aurora clusters with a writer (§12)
 * @param pinned the operator chose what is restored (snapshot.identifier, or a fixed
 *     snapshot.restoreTime): then a given-up record does not stop it (§15)
 */
public record NewSettings(
    SnapshotSource source,
    RestoreSettings restore,
    boolean replaceUnpromoted,
    boolean aurora,
    boolean pinned) {

  public static NewSettings of(EchoConfig config) {
    SnapshotSettings s = config.snapshot();
    return new NewSettings(
        SnapshotSource.of(s),
        config.restore(),
        config.replaceUnpromoted(),
        s.aurora(),
        s.identifier() != null || s.restoreTime() != null);
  }

  /** Whether the observer lists this account's manual snapshots (our own, given-up records). */
  public boolean readsOwnSnapshots() {
    return !pinned || source instanceof FreshSource || source instanceof KeyedCopySource;
  }
}

package org.rdsecho.stage;

import org.rdsecho.config.SnapshotType;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * snapshot.type=latest, automated, manual or shared: the newest available snapshot of the source
 * that rds-echo did not make (never its copies, which keep the source's id and a newer time, its
 * fresh snapshots or anything copied from ours by someone; §15).
 */
public record LatestSource(String source, SnapshotType type, boolean aurora, String sourceKey)
    implements SnapshotSource {

  @Override
  public Decision decide(NewRound round) {
    NewObservation seen = round.seen();
    if (seen.listed().isEmpty() && seen.sourceMissing()) {
      throw new EchoException(
          Outcome.FAILED,
          "source "
              + (aurora ? "cluster " : "instance ")
              + source
              + " ("
              + sourceKey
              + ") not found and has no snapshots in this account and region: check the id and"
              + " --region / rdsecho.region");
    }
    String label = source + (type == SnapshotType.ANY ? "" : " (" + type.apiValue() + ")");
    return round.restore(
        SnapshotChoice.newestAvailable(round.ownership().candidates(seen.listed()), label));
  }

  @Override
  public Reads reads() {
    return new Reads(source, type, null, null);
  }
}

package org.rdsecho.stage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/** Chooses the snapshot {@code new} restores: the newest available one. */
public final class SnapshotChoice {
  private SnapshotChoice() {}

  /**
   * @param candidates the source's snapshots of the configured type
   * @param source for messages: the source instance or the pinned snapshot id
   * @throws EchoException NOT_READY when the only candidates are still being created, FAILED when
   *     there is none at all
   */
  public static SnapshotInfo newestAvailable(List<SnapshotInfo> candidates, String source) {
    Optional<SnapshotInfo> newest =
        candidates.stream()
            .filter(SnapshotInfo::isAvailable)
            .filter(s -> s.createdAt() != null)
            .max(Comparator.comparing(SnapshotInfo::createdAt).thenComparing(SnapshotInfo::id));
    if (newest.isPresent()) {
      return newest.get();
    }
    Optional<SnapshotInfo> creating =
        candidates.stream().filter(SnapshotInfo::isBeingCreated).findFirst();
    if (creating.isPresent()) {
      throw new EchoException(
          Outcome.NOT_READY,
          "snapshot "
              + creating.get().id()
              + " of "
              + source
              + " is still being created: run 'rds-echo new' again later, or with --wait");
    }
    if (!candidates.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "no available snapshot of "
              + source
              + ": the snapshots found are "
              + candidates.stream().map(s -> s.id() + " (" + s.status() + ")").toList()
              + " — wait for one to become available or set rdsecho.snapshot.identifier");
    }
    throw new EchoException(
        Outcome.FAILED,
        "no snapshot of "
            + source
            + " found: check rdsecho.snapshot.dbInstanceIdentifier and"
            + " rdsecho.snapshot.type, and that backups or manual snapshots exist in this region");
  }
}

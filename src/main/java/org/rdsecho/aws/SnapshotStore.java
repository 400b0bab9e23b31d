package org.rdsecho.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.stage.SnapshotInfo;

/**
 * The snapshots of the echo's source kind: DB snapshots of an instance, or DB cluster snapshots of
 * an Aurora cluster. The same rules (choose, take fresh, copy shared, prune our own) hold for both.
 */
public interface SnapshotStore {
  /** The source's snapshots of the given type, every page. */
  List<SnapshotInfo> of(String source, SnapshotType type);

  /**
   * Every manual snapshot in the account and region, with its tags, for finding and pruning ours.
   */
  List<SnapshotInfo> manual();

  Optional<SnapshotInfo> find(String snapshotId);

  /** Takes a manual snapshot with tags; one that exists already is left (a rerun). */
  void create(String source, String snapshotId, Map<String, String> tags);

  /**
   * Copies a (shared) snapshot into this account with a key of its own; an existing copy is left.
   */
  void copy(String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags);

  /** Deletes a snapshot; one already gone counts as deleted (a rerun after a crash). */
  void delete(String snapshotId);
}

package org.rdsecho.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.rdsecho.aws.SnapshotStore;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.PlannedState;
import org.rdsecho.stage.SnapshotInfo;

/**
 * The snapshot store as the writes planned so far would leave it ({@link PlannedState}): a view for
 * the planners, never a way to write (the executor writes through the store itself).
 */
final class PlannedSnapshots implements SnapshotStore {
  private final SnapshotStore store;
  private final PlannedState planned;
  private final Function<String, Optional<EchoInstance>> clones;

  PlannedSnapshots(
      SnapshotStore store, PlannedState planned, Function<String, Optional<EchoInstance>> clones) {
    this.store = store;
    this.planned = planned;
    this.clones = clones;
  }

  @Override
  public List<SnapshotInfo> of(String source, SnapshotType type) {
    return planned.snapshots(
        store.of(source, type), s -> source.equals(s.sourceInstanceId()), clones);
  }

  @Override
  public List<SnapshotInfo> manual() {
    return planned.snapshots(store.manual(), s -> true, clones);
  }

  @Override
  public Optional<SnapshotInfo> find(String snapshotId) {
    return planned.snapshot(snapshotId, store.find(snapshotId), clones);
  }

  @Override
  public void create(String source, String snapshotId, Map<String, String> tags) {
    throw new UnsupportedOperationException(
        "a view for planning: the executor writes through the store");
  }

  @Override
  public void copy(
      String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags) {
    throw new UnsupportedOperationException(
        "a view for planning: the executor writes through the store");
  }

  @Override
  public void delete(String snapshotId) {
    throw new UnsupportedOperationException(
        "a view for planning: the executor writes through the store");
  }
}

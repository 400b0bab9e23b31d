package org.rdsecho.stage;

import java.util.Map;
import java.util.TreeMap;
import org.rdsecho.config.RestoreSettings;

/**
 * A write to an Aurora cluster (§12): its restore, its writer instance, its settings, its deletion.
 */
public sealed interface ClusterAction extends CloudAction {

  /**
   * Restores an Aurora cluster (§12) tagged from birth: from a cluster snapshot, or from the source
   * cluster as it was at a point in time, or as a copy-on-write clone of it at that time.
   */
  record RestoreCluster(
      String clusterId, ClusterSource source, RestoreSettings settings, Map<String, String> tags)
      implements ClusterAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.restoreCluster(this);
    }

    public RestoreCluster {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return source.describe()
          + " into new cluster "
          + clusterId
          + RestoreSettingsText.with(settings, RestoreSettingsText.CLUSTER)
          + ", tags copied to its snapshots, tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Where a new cluster comes from. */
  sealed interface ClusterSource {
    String describe();
  }

  /** A DB cluster snapshot. */
  record FromClusterSnapshot(String snapshotId) implements ClusterSource {
    @Override
    public String describe() {
      return "restore cluster snapshot " + snapshotId;
    }
  }

  /** The source cluster at a time: a full copy, or a copy-on-write clone sharing its storage. */
  record FromClusterAt(String sourceClusterId, java.time.Instant time, boolean copyOnWrite)
      implements ClusterSource {
    @Override
    public String describe() {
      return (copyOnWrite
              ? "clone (copy-on-write) the source cluster "
              : "restore the source cluster ")
          + sourceClusterId
          + " as it was at "
          + TagValues.time(time);
    }
  }

  /**
   * Creates the writer instance of a new cluster, tagged from birth; its engine is the cluster's.
   */
  record CreateWriter(
      String instanceId, String clusterId, RestoreSettings settings, Map<String, String> tags)
      implements ClusterAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.createWriter(this);
    }

    public CreateWriter {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "create writer instance "
          + instanceId
          + " in cluster "
          + clusterId
          + " with "
          + RestoreSettingsText.given(settings, RestoreSettingsText.WRITER)
          + ", tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Applies the cluster's share of the changed {@code rdsecho.mod.*} settings (Aurora, §12). */
  record ModifyCluster(String clusterId, ModifyChanges changes) implements ClusterAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.modifyCluster(this);
    }

    @Override
    public String describe() {
      return "modify cluster " + clusterId + ": " + changes.describe();
    }
  }

  /**
   * Deletes a cluster whose instances are deleted or being deleted, with a final cluster snapshot
   * unless null.
   */
  record DeleteCluster(String clusterId, String finalSnapshotId) implements ClusterAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.deleteCluster(this);
    }

    @Override
    public String describe() {
      return "delete cluster "
          + clusterId
          + (finalSnapshotId == null
              ? " without a final snapshot"
              : " with final cluster snapshot " + finalSnapshotId);
    }
  }
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One planned write applied to a {@link PlannedState}: one change per kind of action, so the
 * compiler names a new kind of action here.
 */
final class PlannedWrite implements CloudAction.Visitor<Void> {
  private final PlannedState state;

  PlannedWrite(PlannedState state) {
    this.state = state;
  }

  @Override
  public Void restore(CloudAction.Restore a) {
    return create(a.instanceId(), a.tags(), EchoInstance.Kind.INSTANCE);
  }

  @Override
  public Void restoreToPointInTime(CloudAction.RestoreToPointInTime a) {
    return create(a.instanceId(), a.tags(), EchoInstance.Kind.INSTANCE);
  }

  @Override
  public Void restoreCluster(ClusterAction.RestoreCluster a) {
    return create(a.clusterId(), a.tags(), EchoInstance.Kind.CLUSTER);
  }

  @Override
  public Void createWriter(ClusterAction.CreateWriter a) {
    return null; // the cluster (the state) is "creating" already; its writer is no clone of its own
  }

  @Override
  public Void modify(CloudAction.Modify a) {
    state.status.put(a.instanceId(), "modifying");
    state
        .settings
        .computeIfAbsent(a.instanceId(), k -> new ArrayList<>())
        .add(s -> PlannedSettings.modified(s, a.changes()));
    return null;
  }

  @Override
  public Void modifyCluster(ClusterAction.ModifyCluster a) {
    state.status.put(a.clusterId(), "modifying");
    state
        .settings
        .computeIfAbsent(a.clusterId(), k -> new ArrayList<>())
        .add(s -> PlannedSettings.modified(s, a.changes()));
    return null;
  }

  @Override
  public Void reboot(CloudAction.Reboot a) {
    state.status.put(a.instanceId(), "rebooting");
    state
        .settings
        .computeIfAbsent(a.instanceId(), k -> new ArrayList<>())
        .add(PlannedSettings::rebooted);
    return null;
  }

  @Override
  public Void tag(CloudAction.Tag t) {
    Map<String, String> add = state.added.computeIfAbsent(t.instanceId(), k -> new HashMap<>());
    Set<String> untagged = state.removed.computeIfAbsent(t.instanceId(), k -> new HashSet<>());
    untagged.removeAll(t.add().keySet());
    add.putAll(t.add());
    untagged.addAll(t.remove());
    t.remove().forEach(add::remove);
    return null;
  }

  @Override
  public Void delete(CloudAction.Delete d) {
    return deleting(d.instanceId(), d.finalSnapshotId());
  }

  @Override
  public Void deleteCluster(ClusterAction.DeleteCluster d) {
    return deleting(d.clusterId(), d.finalSnapshotId());
  }

  @Override
  public Void pointCname(CloudAction.PointCname p) {
    state.cnameTarget = p.target();
    state.cnameMoved = true;
    return null;
  }

  @Override
  public Void createSnapshot(CloudAction.CreateSnapshot c) {
    state.snapshotsMade.put(
        c.snapshotId(),
        new SnapshotInfo(
            c.snapshotId(), c.sourceInstanceId(), "manual", "creating", null, c.tags()));
    state.snapshotsDeleted.remove(c.snapshotId());
    return null;
  }

  @Override
  public Void copySnapshot(CloudAction.CopySnapshot c) {
    state.snapshotsMade.put(
        c.copyId(), new SnapshotInfo(c.copyId(), null, "manual", "creating", null, c.tags()));
    state.snapshotsDeleted.remove(c.copyId());
    return null;
  }

  @Override
  public Void deleteSnapshot(CloudAction.DeleteSnapshot d) {
    state.snapshotsDeleted.add(d.snapshotId());
    return null;
  }

  private Void create(String id, Map<String, String> tags, EchoInstance.Kind kind) {
    state.created.put(
        id, new EchoInstance(id, null, "creating", null, null, null, tags, null, kind, List.of()));
    return null;
  }

  private Void deleting(String id, String finalSnapshotId) {
    state.status.put(id, "deleting");
    if (finalSnapshotId != null) {
      state.finalSnapshots.put(finalSnapshotId, id);
      state.snapshotsDeleted.remove(finalSnapshotId);
    }
    return null;
  }
}

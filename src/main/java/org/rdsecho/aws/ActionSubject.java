package org.rdsecho.aws;

import java.util.Optional;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.ClusterAction;

/**
 * The instance or cluster an action writes, for the executor's last guard (never write the source):
 * a visitor, so a new kind of action does not compile until it says what it writes. Snapshot and
 * DNS writes name no instance: a snapshot of the source reads it, and its copies and deletions
 * touch snapshots only.
 */
final class ActionSubject implements CloudAction.Visitor<Optional<String>> {
  private static final ActionSubject INSTANCE = new ActionSubject();

  private ActionSubject() {}

  static Optional<String> of(CloudAction action) {
    return action.accept(INSTANCE);
  }

  @Override
  public Optional<String> restore(CloudAction.Restore r) {
    return Optional.of(r.instanceId());
  }

  @Override
  public Optional<String> restoreToPointInTime(CloudAction.RestoreToPointInTime p) {
    return Optional.of(p.instanceId());
  }

  @Override
  public Optional<String> modify(CloudAction.Modify m) {
    return Optional.of(m.instanceId());
  }

  @Override
  public Optional<String> reboot(CloudAction.Reboot r) {
    return Optional.of(r.instanceId());
  }

  @Override
  public Optional<String> tag(CloudAction.Tag t) {
    return Optional.of(t.instanceId());
  }

  @Override
  public Optional<String> delete(CloudAction.Delete d) {
    return Optional.of(d.instanceId());
  }

  @Override
  public Optional<String> pointCname(CloudAction.PointCname p) {
    return Optional.empty();
  }

  @Override
  public Optional<String> createSnapshot(CloudAction.CreateSnapshot c) {
    return Optional.empty();
  }

  @Override
  public Optional<String> copySnapshot(CloudAction.CopySnapshot c) {
    return Optional.empty();
  }

  @Override
  public Optional<String> deleteSnapshot(CloudAction.DeleteSnapshot d) {
    return Optional.empty();
  }

  @Override
  public Optional<String> restoreCluster(ClusterAction.RestoreCluster r) {
    return Optional.of(r.clusterId());
  }

  @Override
  public Optional<String> createWriter(ClusterAction.CreateWriter w) {
    return Optional.of(w.clusterId());
  }

  @Override
  public Optional<String> modifyCluster(ClusterAction.ModifyCluster m) {
    return Optional.of(m.clusterId());
  }

  @Override
  public Optional<String> deleteCluster(ClusterAction.DeleteCluster d) {
    return Optional.of(d.clusterId());
  }
}

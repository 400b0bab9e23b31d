package org.rdsecho.stage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rdsecho.config.RestoreSettings;

/**
 * A write to AWS: an instance, cluster, snapshot or DNS record. The executor in {@code aws} applies
 * each through its {@link Visitor}, one AWS write per action.
 */
// Over 250 lines on purpose: the catalogue of AWS writes, read as one list (issue 20).
public sealed interface CloudAction extends Action
    permits CloudAction.Restore,
        CloudAction.RestoreToPointInTime,
        CloudAction.Modify,
        CloudAction.Reboot,
        CloudAction.Tag,
        CloudAction.Delete,
        CloudAction.PointCname,
        CloudAction.CreateSnapshot,
        CloudAction.CopySnapshot,
        CloudAction.DeleteSnapshot,
        ClusterAction {

  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of action, so whoever applies them is told by the compiler of a new one.
   */
  interface Visitor<R> {
    R restore(CloudAction.Restore action);

    R restoreToPointInTime(CloudAction.RestoreToPointInTime action);

    R modify(CloudAction.Modify action);

    R reboot(CloudAction.Reboot action);

    R tag(CloudAction.Tag action);

    R delete(CloudAction.Delete action);

    R pointCname(CloudAction.PointCname action);

    R createSnapshot(CloudAction.CreateSnapshot action);

    R copySnapshot(CloudAction.CopySnapshot action);

    R deleteSnapshot(CloudAction.DeleteSnapshot action);

    R restoreCluster(ClusterAction.RestoreCluster action);

    R createWriter(ClusterAction.CreateWriter action);

    R modifyCluster(ClusterAction.ModifyCluster action);

    R deleteCluster(ClusterAction.DeleteCluster action);
  }

  /** Restores a snapshot into a new instance that carries its tags from birth. */
  record Restore(
      String instanceId, String snapshotId, RestoreSettings settings, Map<String, String> tags)
      implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.restore(this);
    }

    public Restore {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "restore snapshot "
          + snapshotId
          + " into new instance "
          + instanceId
          + RestoreSettingsText.with(settings, RestoreSettingsText.INSTANCE)
          + ", tags copied to its snapshots, tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Restores the source as it was at a point in time into a new instance tagged from birth. */
  record RestoreToPointInTime(
      String instanceId,
      String sourceInstanceId,
      java.time.Instant time,
      RestoreSettings settings,
      Map<String, String> tags)
      implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.restoreToPointInTime(this);
    }

    public RestoreToPointInTime {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "restore the source "
          + sourceInstanceId
          + " as it was at "
          + TagValues.time(time)
          + " into new instance "
          + instanceId
          + RestoreSettingsText.with(settings, RestoreSettingsText.INSTANCE)
          + ", tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Applies the changed {@code rdsecho.mod.*} settings. */
  record Modify(String instanceId, ModifyChanges changes) implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.modify(this);
    }

    @Override
    public String describe() {
      return "modify " + instanceId + ": " + changes.describe();
    }
  }

  /** Reboots so pending settings take effect. */
  record Reboot(String instanceId) implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.reboot(this);
    }

    @Override
    public String describe() {
      return "reboot " + instanceId;
    }
  }

  /**
   * Adds (or overwrites) tags and removes others. On a cluster the same tags go to its instances
   * first and to the cluster, which holds the state, last (§4, §12).
   */
  record Tag(
      String instanceId,
      String arn,
      Map<String, String> add,
      List<String> remove,
      List<String> memberArns)
      implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.tag(this);
    }

    public Tag {
      add = Map.copyOf(add);
      remove = List.copyOf(remove);
      memberArns = memberArns == null ? List.of() : List.copyOf(memberArns);
    }

    public Tag(String instanceId, String arn, Map<String, String> add, List<String> remove) {
      this(instanceId, arn, add, remove, List.of());
    }

    /** The files whose digests this tag's values still wait for ({@link PendingDigest}). */
    public List<String> pendingFiles() {
      return PendingDigest.files(add);
    }

    /**
     * This tag with every pending digest filled in by {@code sha256} (file to hex digest).
     *
     * @throws IllegalStateException for a file {@code sha256} does not know: never tagged unfilled
     */
    public Tag resolve(java.util.function.Function<String, String> sha256) {
      return new Tag(instanceId, arn, PendingDigest.fill(add, sha256), remove, memberArns);
    }

    /** This tag with the values of {@code keys} it sets replaced by {@code value}. */
    public Tag restamped(java.util.Set<String> keys, String value) {
      Map<String, String> stamped = new java.util.LinkedHashMap<>(add);
      stamped.replaceAll((k, v) -> keys.contains(k) ? value : v);
      return new Tag(instanceId, arn, stamped, remove, memberArns);
    }

    public static Tag add(EchoInstance instance, Map<String, String> tags) {
      return of(instance, tags, List.of());
    }

    public static Tag of(EchoInstance instance, Map<String, String> add, List<String> remove) {
      return new Tag(
          instance.id(),
          instance.arn(),
          add,
          remove,
          instance.members().stream()
              .map(EchoInstance.Member::arn)
              .filter(java.util.Objects::nonNull)
              .toList());
    }

    @Override
    public String describe() {
      String text =
          "tag "
              + instanceId
              + (memberArns.isEmpty() ? "" : " and its " + memberArns.size() + " instance(s)")
              + " with "
              + new TreeMap<>(add);
      return remove.isEmpty() ? text : text + ", untag " + remove;
    }
  }

  /** Deletes an instance, with a final snapshot unless {@code finalSnapshotId} is null. */
  record Delete(String instanceId, String finalSnapshotId) implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.delete(this);
    }

    @Override
    public String describe() {
      return "delete "
          + instanceId
          + (finalSnapshotId == null
              ? " without a final snapshot"
              : " with final snapshot " + finalSnapshotId);
    }
  }

  /** Creates or changes the CNAME record. */
  record PointCname(String zoneId, String cname, String target, long ttl) implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.pointCname(this);
    }

    @Override
    public String describe() {
      return "point CNAME " + cname + " at " + target + " (TTL " + ttl + "s, zone " + zoneId + ")";
    }
  }

  /** Takes a manual snapshot of the source (snapshot.type=fresh), tagged as rds-echo's own. */
  record CreateSnapshot(String sourceInstanceId, String snapshotId, Map<String, String> tags)
      implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.createSnapshot(this);
    }

    public CreateSnapshot {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "take snapshot "
          + snapshotId
          + " of the source "
          + sourceInstanceId
          + ", tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Copies a snapshot (shared from another account) into this account with a key of its own. */
  record CopySnapshot(
      String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags)
      implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.copySnapshot(this);
    }

    public CopySnapshot {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "copy snapshot "
          + sourceSnapshot
          + " into this account as "
          + copyId
          + " with KMS key "
          + kmsKeyId
          + ", tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Deletes a snapshot rds-echo made (a final snapshot beyond the ones kept). */
  record DeleteSnapshot(String snapshotId) implements CloudAction {
    @Override
    public <R> R accept(CloudAction.Visitor<R> visitor) {
      return visitor.deleteSnapshot(this);
    }

    @Override
    public String describe() {
      return "delete snapshot " + snapshotId;
    }
  }
}

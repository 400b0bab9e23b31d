package org.rdsecho.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where to restore from.
 *
 * @param restoreTime with pointInTime: an instant, or null for {@code latest}
 * @param sourceClusterId the Aurora source cluster (§12); then the source is a cluster and {@code
 *     sourceInstanceId} is null
 * @param copyOnWrite new.restoreType=copy-on-write: clone the live source cluster
 */
public record SnapshotSettings(
    String sourceInstanceId,
    SnapshotType type,
    String identifier,
    Duration maxAge,
    Integer keep,
    java.time.Instant restoreTime,
    String copyKmsKeyId,
    String sourceClusterId,
    boolean copyOnWrite) {
  public SnapshotSettings(String sourceInstanceId, SnapshotType type, String identifier) {
    this(sourceInstanceId, type, identifier, Duration.ofHours(20), 2, null, null, null, false);
  }

  /** Whether the source, and so every clone, is an Aurora cluster. */
  public boolean aurora() {
    return sourceClusterId != null;
  }

  /** The source instance or cluster. */
  public String source() {
    return aurora() ? sourceClusterId : sourceInstanceId;
  }

  /** The key that names the source, for messages. */
  public String sourceKey() {
    return aurora() ? ConfigKeys.SNAPSHOT_CLUSTER : ConfigKeys.SNAPSHOT_SOURCE;
  }

  /** Whether rds-echo makes snapshots of its own (fresh ones, copies), which retire prunes. */
  public boolean makesSnapshots() {
    return type == SnapshotType.FRESH || copyKmsKeyId != null;
  }

  /** rdsecho.snapshot.restoreTime, which pointInTime requires. */
  static Instant restoreTime(ConfigReader r, SnapshotType type) {
    Instant restoreTime = r.instantOrLatest(ConfigKeys.SNAPSHOT_RESTORE_TIME);
    if (type == SnapshotType.POINT_IN_TIME
        && r.raw().get(ConfigKeys.SNAPSHOT_RESTORE_TIME).isEmpty()) {
      throw new ConfigException(
          ConfigKeys.SNAPSHOT_RESTORE_TIME
              + " is not set (looked in "
              + r.raw().searched()
              + "): with rdsecho.snapshot.type=pointInTime, set it to an ISO-8601 UTC time such as"
              + " 2026-11-21T10:13:00Z, or latest");
    }
    return restoreTime;
  }

  /** rdsecho.new.restoreType: whether the clone is a copy-on-write clone of the live cluster. */
  static boolean copyOnWrite(ConfigReader r) {
    return r.oneOf(ConfigKeys.NEW_RESTORE_TYPE, "snapshot", "snapshot", "copy-on-write")
        .equals("copy-on-write");
  }

  /** The rest of the rdsecho.snapshot.* keys, beside the type, time and kind read first. */
  static SnapshotSettings read(
      ConfigReader r, SnapshotType type, Instant restoreTime, boolean copyOnWrite) {
    return new SnapshotSettings(
        r.string(ConfigKeys.SNAPSHOT_SOURCE),
        type,
        r.string(ConfigKeys.SNAPSHOT_IDENTIFIER),
        r.duration(ConfigKeys.SNAPSHOT_MAX_AGE, Duration.ofHours(20)),
        Optional.ofNullable(r.integer(ConfigKeys.SNAPSHOT_KEEP, 1, 1000)).orElse(2),
        restoreTime,
        copyKey(r),
        r.string(ConfigKeys.SNAPSHOT_CLUSTER),
        copyOnWrite);
  }

  /**
   * The key a snapshot is copied with before it is restored. RDS restores an instance with its
   * snapshot's encryption and takes no key in the restore itself, so new.kmsKeyId and
   * new.storageEncrypted=true are honoured by restoring a copy made with that key (the account's
   * default RDS key for storageEncrypted alone); snapshot.copyKmsKeyId wins when set.
   */
  private static String copyKey(ConfigReader r) {
    String copy = r.string(ConfigKeys.SNAPSHOT_COPY_KMS_KEY);
    if (copy != null) {
      return copy;
    }
    String key = r.string(ConfigKeys.NEW_KMS_KEY_ID);
    if (key != null) {
      return key;
    }
    return Boolean.TRUE.equals(r.boolOrNull(ConfigKeys.NEW_STORAGE_ENCRYPTED))
        ? "alias/aws/rds"
        : null;
  }
}

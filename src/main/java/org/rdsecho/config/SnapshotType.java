package org.rdsecho.config;

import java.util.Locale;

/** Which snapshots of the source count as candidates. */
public enum SnapshotType {
  ANY,
  AUTOMATED,
  MANUAL,
  /**
   * new first takes a manual snapshot of the source (unless one of ours is younger than maxAge).
   */
  FRESH,
  /** new restores the source as it was at snapshot.restoreTime. */
  POINT_IN_TIME,
  /** snapshots of the source shared with this account by another one. */
  SHARED;

  public String apiValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** rdsecho.snapshot.type, {@code any} when absent. */
  static SnapshotType read(ConfigReader r) {
    String snapshotType =
        r.oneOf(
            ConfigKeys.SNAPSHOT_TYPE,
            "any",
            "any",
            "automated",
            "manual",
            "fresh",
            "pointInTime",
            "shared");
    return snapshotType.equals("pointintime")
        ? POINT_IN_TIME
        : valueOf(snapshotType.toUpperCase(Locale.ROOT));
  }
}

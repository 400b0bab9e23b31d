package org.rdsecho.config;

import java.time.Duration;
import java.util.Optional;

/**
 * DeleteDBInstance parameters, how many final snapshots of retired clones to keep, and the rollback
 * window (§17).
 *
 * @param keepFinalSnapshots null keeps every one
 * @param after how long a forgotten clone is kept for a rollback before retire deletes it
 * @param whenIdle also keep it while CloudWatch saw database connections in the last 15 minutes
 */
public record RetireSettings(
    boolean skipFinalSnapshot,
    String finalSnapshotIdentifier,
    Integer keepFinalSnapshots,
    Duration after,
    boolean whenIdle) {
  public RetireSettings {
    after = after == null ? Duration.ZERO : after;
  }

  public RetireSettings(
      boolean skipFinalSnapshot, String finalSnapshotIdentifier, Integer keepFinalSnapshots) {
    this(skipFinalSnapshot, finalSnapshotIdentifier, keepFinalSnapshots, Duration.ZERO, false);
  }

  public RetireSettings(boolean skipFinalSnapshot, String finalSnapshotIdentifier) {
    this(skipFinalSnapshot, finalSnapshotIdentifier, 3);
  }

  /** The rdsecho.retire.* keys. */
  static RetireSettings read(ConfigReader r) {
    return new RetireSettings(
        r.bool(ConfigKeys.RETIRE_SKIP_FINAL_SNAPSHOT, false),
        r.string(ConfigKeys.RETIRE_FINAL_SNAPSHOT),
        "all".equalsIgnoreCase(r.string(ConfigKeys.RETIRE_KEEP_FINAL_SNAPSHOTS))
            ? null
            : Optional.ofNullable(
                    r.integerOr(
                        ConfigKeys.RETIRE_KEEP_FINAL_SNAPSHOTS,
                        0,
                        10_000,
                        "a whole number from 0 to 10000, or all"))
                .orElse(3),
        r.duration(ConfigKeys.RETIRE_AFTER, Duration.ZERO),
        r.bool(ConfigKeys.RETIRE_WHEN_IDLE, false));
  }
}

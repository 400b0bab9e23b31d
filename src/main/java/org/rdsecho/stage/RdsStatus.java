package org.rdsecho.stage;

import java.util.Set;

/**
 * What an RDS status means for a step: busy (wait) or failed (RDS does not leave it by itself).
 * Every other status is either available or one a command reports as not ready.
 */
final class RdsStatus {
  private RdsStatus() {}

  /** States in which RDS refuses (or queues) changes and deletion; the step must wait. */
  static final Set<String> BUSY =
      Set.of(
          "creating",
          EchoInstance.WRITER_MISSING_CLUSTER_BUSY,
          "modifying",
          "rebooting",
          "backing-up",
          "starting",
          "stopping",
          "renaming",
          "upgrading",
          "maintenance",
          "resetting-master-credentials",
          "configuring-enhanced-monitoring",
          "configuring-iam-database-auth",
          "configuring-log-exports",
          "converting-to-vpc",
          "moving-to-vpc");

  /**
   * States RDS does not leave by itself: waiting on them would wait forever, so commands fail at
   * once and say how to give the clone up.
   */
  static final Set<String> FAILED =
      Set.of(
          "failed",
          "incompatible-parameters",
          "incompatible-restore",
          "incompatible-network",
          "incompatible-option-group",
          "storage-full",
          "inaccessible-encryption-credentials",
          "restore-error");
}

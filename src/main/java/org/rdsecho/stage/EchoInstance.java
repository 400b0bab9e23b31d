package org.rdsecho.stage;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An RDS instance with its tags, as the stage logic sees it.
 *
 * @param endpoint null until RDS has assigned one
 * @param port null until RDS has assigned one
 * @param createdAt null while the instance is being created
 */
public record EchoInstance(
    String id,
    String arn,
    String status,
    String endpoint,
    Integer port,
    Instant createdAt,
    Map<String, String> tags,
    InstanceSettings settings) {

  /** Newest first; an instance still being created (no time yet) counts as the newest. */
  public static final Comparator<EchoInstance> NEWEST_FIRST =
      Comparator.comparing(
              (EchoInstance i) -> Optional.ofNullable(i.createdAt()).orElse(Instant.MAX))
          .reversed()
          .thenComparing(EchoInstance::id, Comparator.reverseOrder());

  /** States in which RDS refuses (or queues) changes and deletion; the step must wait. */
  private static final Set<String> BUSY =
      Set.of(
          "creating",
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
  private static final Set<String> FAILED =
      Set.of(
          "failed",
          "incompatible-parameters",
          "incompatible-restore",
          "incompatible-network",
          "incompatible-option-group",
          "storage-full",
          "inaccessible-encryption-credentials",
          "restore-error");

  public EchoInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    tags = Map.copyOf(tags);
    settings = settings == null ? InstanceSettings.NONE : settings;
  }

  public boolean isAvailable() {
    return "available".equals(status);
  }

  public boolean isBusy() {
    return BUSY.contains(status);
  }

  public boolean isFailed() {
    return FAILED.contains(status);
  }

  public boolean isDeleting() {
    return "deleting".equals(status);
  }

  public Optional<String> tag(String key) {
    return Optional.ofNullable(tags.get(key));
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A DB snapshot as far as choosing one to restore is concerned.
 *
 * @param createdAt null while RDS has not yet stamped it (a snapshot still being created)
 * @param arn null where unknown; a snapshot shared from another account is copied by its ARN
 */
public record SnapshotInfo(
    String id,
    String sourceInstanceId,
    String type,
    String status,
    Instant createdAt,
    Map<String, String> tags,
    String arn) {

  public SnapshotInfo(
      String id,
      String sourceInstanceId,
      String type,
      String status,
      Instant createdAt,
      Map<String, String> tags) {
    this(id, sourceInstanceId, type, status, createdAt, tags, null);
  }

  public SnapshotInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public SnapshotInfo(
      String id, String sourceInstanceId, String type, String status, Instant createdAt) {
    this(id, sourceInstanceId, type, status, createdAt, Map.of());
  }

  public boolean isAvailable() {
    return "available".equals(status);
  }

  public boolean isBeingCreated() {
    return "creating".equals(status);
  }
}

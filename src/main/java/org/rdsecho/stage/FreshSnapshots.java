package org.rdsecho.stage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshots rds-echo takes of the source with {@code snapshot.type=fresh}, named {@code
 * rdsecho-<name>-<yyyyMMdd-HHmmss>}, and the copies it makes with a key, {@code
 * rdsecho-<name>-copy-<hash>}: both born with the managed and identity tags, which is how {@link
 * Ownership} tells them from the snapshots people and RDS make (never deleted by rds-echo).
 */
public final class FreshSnapshots {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private FreshSnapshots() {}

  public static String prefix(String name) {
    return "rdsecho-" + name + "-";
  }

  public static String idFor(String name, Instant now) {
    return prefix(name) + STAMP.format(now);
  }

  /** The echo's own fresh snapshots among {@code snapshots} (not its copies), newest first. */
  public static List<SnapshotInfo> ours(Ownership ownership, List<SnapshotInfo> snapshots) {
    return ownership.snapshots(snapshots, Ownership.Role.FRESH);
  }

  /** The newest of ours still young enough to count as fresh (available or still being taken). */
  public static Optional<SnapshotInfo> current(
      List<SnapshotInfo> ours, Instant now, Duration maxAge) {
    return ours.stream()
        .filter(s -> s.isAvailable() || s.isBeingCreated())
        .filter(s -> s.createdAt() == null || !s.createdAt().plus(maxAge).isBefore(now))
        .findFirst();
  }

  /**
   * The copy of a shared snapshot: named from the original, so a rerun finds it and never copies
   * twice.
   */
  public static String copyIdFor(String name, String sourceSnapshot) {
    String hash = java.util.HexFormat.of().formatHex(sha256(sourceSnapshot)).substring(0, 12);
    return prefix(name) + "copy-" + hash;
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The write that copies a shared snapshot into this account. */
  public static CloudAction.CopySnapshot copy(
      EchoTags tags, String name, SnapshotInfo shared, String kmsKeyId, Instant now) {
    // RDS copies a snapshot of another account only when it is named by its ARN
    return new CloudAction.CopySnapshot(
        shared.arn() != null ? shared.arn() : shared.id(),
        copyIdFor(name, shared.id()),
        kmsKeyId,
        tags.snapshotBirth(
            copyIdFor(name, shared.id()),
            now,
            Map.of(tags.copiedFrom(), TagValues.value(shared.id()))));
  }

  /** The write that takes a new fresh snapshot. */
  public static CloudAction.CreateSnapshot take(
      EchoTags tags, String name, String source, Instant now) {
    return new CloudAction.CreateSnapshot(
        source, idFor(name, now), tags.snapshotBirth(idFor(name, now), now, Map.of()));
  }
}

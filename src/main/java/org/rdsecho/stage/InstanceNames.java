package org.rdsecho.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Derives a clone's identifier from the echo name and the snapshot alone, so that a retried or
 * concurrent {@code new} for the same snapshot asks RDS for the same identifier and cannot create a
 * second instance. Shape: {@code <name>-<yyyyMMdd-HHmm of the snapshot>-<6 hex of its id>}, at most
 * 61 characters for a 40-character name (RDS allows 63).
 */
public final class InstanceNames {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private InstanceNames() {}

  public static String forSnapshot(String name, SnapshotInfo snapshot) {
    String hash = HexFormat.of().formatHex(sha256(snapshot.id())).substring(0, 6);
    String stamp = snapshot.createdAt() == null ? "" : STAMP.format(snapshot.createdAt()) + "-";
    return name + "-" + stamp + hash;
  }

  /**
   * The identifier a new clone of {@code snapshot} gets: {@link #forSnapshot}, or when an instance
   * (or cluster) of that name still exists, a clone given up and still being deleted say, the first
   * of {@code -2} … {@code -9} after it that is free (§15: a new clone never reuses the identifier
   * of one that still exists). Derived from the snapshot and what exists, so a rerun that finds its
   * clone under such a name adopts it by its snapshot tag. Empty when every one is taken.
   */
  public static java.util.Optional<String> unused(
      String name, SnapshotInfo snapshot, java.util.function.Predicate<String> exists) {
    String base = forSnapshot(name, snapshot);
    for (int n = 1; n <= 9; n++) {
      String id = n == 1 ? base : base + "-" + n;
      if (!exists.test(id)) {
        return java.util.Optional.of(id);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The writer instance of an Aurora clone: the cluster's id (at most 61 characters) and {@code
   * -1}.
   */
  public static String writerOf(String clusterId) {
    return clusterId + "-1";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

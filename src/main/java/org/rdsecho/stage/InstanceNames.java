package org.rdsecho.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Derives a clone's identifier from the echo name and the snapshot alone, so that a retried or
 * concurrent {@code new} for the same snapshot asks RDS for the same identifier and cannot create
 * a second instance. Shape: {@code <name>-<yyyyMMdd-HHmm of the snapshot>-<6 hex of its id>},
 * at most 61 characters for a 40-character name (RDS allows 63).
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

  /** The writer instance of an Aurora clone: the cluster's id (at most 61 characters) and {@code -1}. */
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

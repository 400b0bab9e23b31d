package org.rdsecho.stage;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which dump set of a clone: as restored ({@code export}) or once scrubbed ({@code sanitize}). The
 * wire name is how manifests, S3 object metadata and messages spell it, byte for byte as every
 * earlier version wrote it; {@link #toString()} is the wire name so messages read as before.
 */
public enum DumpKind {
  /** The set of the clone as restored ({@code export}). */
  RAW("raw"),
  /** The set of the clone once scrubbed ({@code sanitize}). */
  SANITIZED("sanitized");

  private final String wireName;

  DumpKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The kind a manifest spells {@code wireName}, or empty for one this version does not know. */
  public static Optional<DumpKind> fromWire(String wireName) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}

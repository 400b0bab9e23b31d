package org.rdsecho.dump;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One export: which databases of which clone go where.
 *
 * @param databases empty for every non-system database
 * @param keep null to keep every earlier dump
 * @param kind {@code raw} or {@code sanitized}: pruning keeps to dump sets of the same kind
 * @param root the part of {@code dir} the operator wrote before any placeholder: followed as the OS
 *     resolves it; every directory below it is rds-echo's own, opened without following links
 *     (null: {@code dir}'s parent)
 */
public record ExportPlan(
    String name,
    String kind,
    String instanceId,
    String snapshotId,
    List<String> databases,
    Path dir,
    Compression compression,
    Integer keep,
    Instant startedAt,
    String s3Uri,
    Path root) {

  /** @param s3Uri where the set is uploaded (§14), recorded in its manifest; null for none */
  public ExportPlan(String name, String kind, String instanceId, String snapshotId, List<String> databases, Path dir,
      Compression compression, Integer keep, Instant startedAt) {
    this(name, kind, instanceId, snapshotId, databases, dir, compression, keep, startedAt, null, null);
  }
}

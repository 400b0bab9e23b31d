package org.rdsecho.dump;

import java.nio.file.Path;
import java.time.Instant;
import org.rdsecho.stage.DumpKind;

/**
 * Where one dump set is written and what its manifest says of it (the decision's actions say what
 * goes in it).
 *
 * @param snapshotId the snapshot the clone was restored from, or null when unknown
 * @param startedAt when the run started writing the set
 * @param s3Uri where the set is uploaded (§14), recorded in its manifest; null for none
 * @param root the part of {@code dir} the operator wrote before any placeholder: followed as the OS
 *     resolves it; every directory below it is rds-echo's own, opened without following links
 *     (null: {@code dir}'s parent)
 */
public record ExportPlan(
    String name,
    DumpKind kind,
    String instanceId,
    String snapshotId,
    Path dir,
    Compression compression,
    Instant startedAt,
    String s3Uri,
    Path root) {}

package org.rdsecho.stage;

import org.rdsecho.config.SnapshotSettings;

/**
 * Where {@code new}'s clone comes from (rdsecho.snapshot.*): one record per kind of source, each
 * deciding its own part (what to restore, or what must be made first) and leaving the rules every
 * clone obeys (one in flight, never twice, never a name that exists) to {@link NewPlanner}. Adding
 * a source is a new record here and in {@code permits}.
 */
public sealed interface SnapshotSource
    permits LatestSource, NamedSource, FreshSource, PointInTimeSource, KeyedCopySource {

  /** What {@code new} does with this source, given what the round observed. */
  Decision decide(NewRound round);

  /** What the observer reads for this source, beyond the fleet and this account's own snapshots. */
  Reads reads();

  /**
   * The reads of one source, each null when not needed.
   *
   * @param listOf the source whose snapshots of {@code type} are candidates
   * @param named the snapshot the configuration names
   * @param windowOf the source whose restorable window is used
   */
  record Reads(
      String listOf, org.rdsecho.config.SnapshotType type, String named, String windowOf) {}

  /** The source the configuration describes. */
  static SnapshotSource of(SnapshotSettings s) {
    if (s.copyOnWrite()) {
      return new PointInTimeSource(s.source(), s.restoreTime(), s.maxAge(), true);
    }
    if (s.identifier() != null) {
      return keyed(new NamedSource(s.identifier()), s);
    }
    return switch (s.type()) {
      case FRESH -> keyed(new FreshSource(s.source(), s.maxAge()), s);
      case POINT_IN_TIME -> new PointInTimeSource(s.source(), s.restoreTime(), s.maxAge(), false);
      default -> keyed(new LatestSource(s.source(), s.type(), s.aurora(), s.sourceKey()), s);
    };
  }

  /** With rdsecho.snapshot.copyKmsKeyId, what the source chooses is copied with that key first. */
  private static SnapshotSource keyed(SnapshotSource chosen, SnapshotSettings s) {
    return s.copyKmsKeyId() == null ? chosen : new KeyedCopySource(chosen, s.copyKmsKeyId());
  }
}

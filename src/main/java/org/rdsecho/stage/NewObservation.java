package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code new} saw before deciding, read once per decision (again for each poll of --wait).
 * Reads a source does not need are empty (see {@link SnapshotSource#reads()}).
 *
 * @param fleet this echo's clones and everything else listed, seen through its ownership
 * @param listed the source's snapshots of the configured type (latest, automated, manual, shared)
 * @param sourceMissing the source has no snapshots listed and does not exist either
 * @param named the snapshot rdsecho.snapshot.identifier names, when found
 * @param manual this account's manual snapshots: our fresh snapshots, copies and final snapshots
 * @param window the source's restorable window, for a point in time
 * @param dumped the complete dump sets that end the pipeline (none with a CNAME), in the order
 *     found
 * @param cnameTargets where the CNAME's name sends clients ({@link DnsView#targets}), or empty
 *     (none configured, or not needed)
 */
public record NewObservation(
    EchoFleet fleet,
    Instant now,
    List<SnapshotInfo> listed,
    boolean sourceMissing,
    Optional<SnapshotInfo> named,
    List<SnapshotInfo> manual,
    Optional<RestoreWindow> window,
    List<Dumped> dumped,
    List<String> cnameTargets) {

  public NewObservation {
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(now, "now");
    listed = List.copyOf(listed);
    manual = List.copyOf(manual);
    dumped = List.copyOf(dumped);
    cnameTargets = cnameTargets == null ? List.of() : List.copyOf(cnameTargets);
  }

  /**
   * A complete dump set: the snapshot (or point-in-time identity) it was dumped from, and where it
   * lies.
   */
  public record Dumped(String snapshot, String dir) {}
}

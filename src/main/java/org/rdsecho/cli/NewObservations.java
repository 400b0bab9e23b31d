package org.rdsecho.cli;

import java.util.List;
import java.util.Optional;
import org.rdsecho.aws.SnapshotStore;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.NewObservation;
import org.rdsecho.stage.NewSettings;
import org.rdsecho.stage.PipelineEnd;
import org.rdsecho.stage.SnapshotInfo;
import org.rdsecho.stage.SnapshotSource;
import org.rdsecho.stage.Stage;

/**
 * Reads what {@code new}'s planner needs, before it decides: AWS through the context, dump sets
 * from disk.
 */
final class NewObservations {
  private NewObservations() {}

  static NewObservation of(Context ctx, NewSettings want) {
    SnapshotSource.Reads reads = want.source().reads();
    SnapshotStore snapshots = ctx.snapshots();
    EchoFleet fleet = ctx.fleet();
    List<SnapshotInfo> listed =
        reads.listOf() == null ? List.of() : snapshots.of(reads.listOf(), reads.type());
    // whether a source without snapshots exists at all is asked only then, for the message
    boolean sourceMissing =
        reads.listOf() != null && listed.isEmpty() && ctx.findClone(reads.listOf()).isEmpty();
    Optional<SnapshotInfo> named =
        reads.named() == null ? Optional.empty() : snapshots.find(reads.named());
    List<SnapshotInfo> manual = want.readsOwnSnapshots() ? snapshots.manual() : List.of();
    var window =
        reads.windowOf() == null
            ? Optional.<org.rdsecho.stage.RestoreWindow>empty()
            : ctx.restoreWindow();
    return new NewObservation(
        fleet,
        ctx.now(),
        listed,
        sourceMissing,
        named,
        manual,
        window,
        dumped(ctx),
        cnameTargets(ctx, want, fleet));
  }

  /**
   * Without DNS, the complete dump sets of the kind the last configured step writes (the command
   * table's rule): a snapshot dumped there is done, and its clone (deleted once dumped) is not
   * restored again.
   */
  private static List<NewObservation.Dumped> dumped(Context ctx) {
    return PipelineEnd.finishedDumps(ctx.config()).stream()
        .flatMap(
            set ->
                DumpSets.completeSets(
                    ctx.env().workDir(), set.dirTemplate(), ctx.name(), set.kind())
                    .stream())
        .map(e -> new NewObservation.Dumped(e.getKey(), e.getValue().toString()))
        .toList();
  }

  /**
   * Where the CNAME's name sends clients, looked up only where a replacement may be planned (older
   * clones in flight).
   */
  private static List<String> cnameTargets(Context ctx, NewSettings want, EchoFleet fleet) {
    boolean inFlight =
        !fleet
            .inStages(
                java.util.EnumSet.copyOf(
                    java.util.Arrays.stream(Stage.values()).filter(Stage::isPrePromotion).toList()))
            .isEmpty();
    return want.replaceUnpromoted() && inFlight ? Dns.targets(ctx).get() : List.of();
  }
}

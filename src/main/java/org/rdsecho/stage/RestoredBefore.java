package org.rdsecho.stage;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.Outcome;

/**
 * Whether {@code new} has restored this snapshot before, so that it is not restored again: a clone
 * of it exists (nothing to do, a refusal when it failed, or the writer of an Aurora restore cut
 * short), it was given up, a 0.1.x clone is fresher, or its dump set is complete.
 */
final class RestoredBefore {
  private RestoredBefore() {}

  /**
   * The decision when the snapshot was restored before, or empty: then a new clone may be made.
   *
   * @param clash the instance under the clone's name, or null (ours: {@link CloneRules} checked)
   */
  static Optional<Decision> decide(
      EchoFleet fleet,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      EchoInstance clash,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp) {
    return clone(fleet, snapshot, settings, clash)
        .or(() -> withoutClone(fleet, snapshot, finishedDumps, givenUp));
  }

  /**
   * The clone of this snapshot, if one exists: nothing to do, a refusal when it failed, or the
   * writer of an Aurora restore cut short.
   */
  private static Optional<Decision> clone(
      EchoFleet fleet, SnapshotInfo snapshot, RestoreSettings settings, EchoInstance clash) {
    EchoTags tags = fleet.tags();
    // the clone under this name is the one of this snapshot unless its snapshot tag says otherwise
    // (a clone of another snapshot, given up and still being deleted): then a new name is chosen
    Optional<EchoInstance> same =
        Optional.ofNullable(clash)
            .filter(i -> tags.snapshotOf(i).map(snapshot.id()::equals).orElse(true))
            .or(
                () ->
                    fleet.managed().stream()
                        .filter(i -> tags.snapshotOf(i).filter(snapshot.id()::equals).isPresent())
                        .findFirst());
    if (same.isEmpty()) {
      return Optional.empty();
    }
    EchoInstance existing = same.get();
    Stage stage = fleet.stageOf(existing);
    if (existing.isFailed() && stage.isPrePromotion()) {
      return Optional.of(
          Decision.stop(
              Outcome.FAILED,
              Targets.broken(existing, "use") + "; nothing was restored",
              existing,
              stage));
    }
    if (existing.isWriterMissing() && stage.isPrePromotion()) {
      // an Aurora restore stopped between the cluster and its writer: create the writer now
      return Optional.of(
          Decision.act(
              "creating the writer instance of "
                  + existing.id()
                  + " (an earlier run restored the"
                  + " cluster and stopped)",
              existing,
              stage,
              stage,
              List.of(NewPlanner.writerOf(existing, settings, tags))));
    }
    String message =
        stage == Stage.PROMOTED
            ? "already up to date: the promoted instance "
                + existing.id()
                + " was restored from "
                + snapshot.id()
            : "nothing to do: "
                + existing.id()
                + " was already restored from "
                + snapshot.id()
                + " (stage "
                + stage
                + ")";
    return Optional.of(Decision.stop(Outcome.DONE, message, existing, stage));
  }

  /**
   * Done without a clone of this snapshot: it was given up, a 0.1.x clone is fresher, or its dump
   * set is complete.
   */
  private static Optional<Decision> withoutClone(
      EchoFleet fleet,
      SnapshotInfo snapshot,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp) {
    Optional<String> recorded = givenUp.get();
    if (recorded.isPresent()) {
      return Optional.of(
          Decision.stop(
              Outcome.DONE,
              "not restoring "
                  + snapshot.id()
                  + ": this echo restored it before into a"
                  + " clone it then gave up (forgotten, rolled back from or retired), as "
                  + recorded.get()
                  + " records;"
                  + " nothing to do until a newer snapshot (to restore it again anyway, set rdsecho.snapshot.identifier="
                  + snapshot.id()
                  + ")",
              null,
              null));
    }
    for (EchoInstance zeroOne : fleet.inStages(EnumSet.allOf(Stage.class))) {
      // 0.1.x clones carry no snapshot tag; one created after this snapshot was taken is at least
      // as fresh as anything this snapshot could give, in whatever stage it is: a forgotten or
      // retired one was given up, and its snapshot is not restored again (§15).
      if (fleet.tags().snapshotOf(zeroOne).isEmpty()
          && zeroOne.createdAt() != null
          && zeroOne.createdAt().isAfter(snapshot.createdAt())) {
        Stage stage = fleet.stageOf(zeroOne);
        return Optional.of(
            Decision.stop(
                Outcome.DONE,
                (stage == Stage.PROMOTED
                        ? "already up to date: the promoted instance "
                        : "nothing to do: ")
                    + zeroOne.id()
                    + " (stage "
                    + stage
                    + ") was created after "
                    + snapshot.id()
                    + " was taken",
                zeroOne,
                stage));
      }
    }
    return finishedDumps
        .get()
        .map(
            dumped ->
                Decision.stop(
                    Outcome.DONE,
                    "already done: the dump set of "
                        + snapshot.id()
                        + " is complete in "
                        + dumped
                        + "; nothing to restore until a newer snapshot",
                    null,
                    null));
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.Outcome;

/**
 * The rules every snapshot source of {@code new} shares before a new clone is made: never adopt a
 * foreign instance of the name, never restore a snapshot again ({@link RestoredBefore}), one clone
 * in flight at a time (or the older ones forgotten), and a name no instance has.
 */
final class CloneRules {
  private static final Set<Stage> PRE_PROMOTION =
      EnumSet.copyOf(Arrays.stream(Stage.values()).filter(Stage::isPrePromotion).toList());

  private CloneRules() {}

  /**
   * What is written once the clone rules allow a new clone: the restore itself, or what must be
   * made first (a fresh snapshot, a copy), after {@code before} (older clones forgotten, which
   * {@code replaced} says in words).
   */
  @FunctionalInterface
  interface Making {
    Decision make(
        String cloneId, Map<String, String> birthTags, List<Action> before, String replaced);
  }

  /**
   * @param making what is written where the rules allow a new clone
   */
  static Decision decide(
      EchoFleet fleet,
      String name,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      boolean replaceUnpromoted,
      Supplier<List<String>> cnameTargets,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp,
      Instant now,
      Making making) {
    String id = InstanceNames.forSnapshot(name, snapshot);
    Optional<EchoInstance> clash = fleet.find(id);
    Optional<String> notOurs = clash.flatMap(fleet::notOurs);
    if (notOurs.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "an instance named "
              + id
              + " exists but "
              + notOurs.get()
              + ": rds-echo will not adopt or touch it; rename or delete it by hand",
          clash.get(),
          null);
    }
    Optional<Decision> done =
        Targets.unknownStages(fleet, "restore a new clone")
            .or(
                () ->
                    RestoredBefore.decide(
                        fleet, snapshot, settings, clash.orElse(null), finishedDumps, givenUp));
    if (done.isPresent()) {
      return done.get();
    }
    Optional<EchoInstance> broken =
        fleet.inStages(PRE_PROMOTION).stream().filter(EchoInstance::isFailed).findFirst();
    if (broken.isPresent()) {
      return Decision.stop(
          Outcome.FAILED,
          Targets.broken(broken.get(), "finish") + "; nothing was restored",
          broken.get(),
          fleet.stageOf(broken.get()));
    }
    Optional<EchoInstance> inFlight = fleet.inStages(PRE_PROMOTION).stream().findFirst();
    List<Action> actions = new ArrayList<>();
    String replaced = "";
    if (inFlight.isPresent() && replaceUnpromoted) {
      List<String> targets = cnameTargets.get();
      List<EchoInstance> older = fleet.inStages(PRE_PROMOTION);
      boolean anyIsTarget = older.stream().anyMatch(i -> i.mayBeNamedByAny(targets).isPresent());
      if (!anyIsTarget) {
        for (EchoInstance old : older) {
          actions.add(CloudAction.Tag.add(old, fleet.tags().transition(Stage.FORGOTTEN, now)));
        }
        replaced =
            "; forgot "
                + String.join(", ", older.stream().map(EchoInstance::id).toList())
                + " (rdsecho.new.replaceUnpromoted=true), which 'rds-echo retire' deletes";
        inFlight = Optional.empty();
      }
    }
    if (inFlight.isPresent()) {
      return refuseInFlight(fleet, snapshot, inFlight.get(), replaceUnpromoted);
    }
    Optional<String> unused =
        InstanceNames.unused(name, snapshot, candidate -> fleet.find(candidate).isPresent());
    if (unused.isEmpty()) {
      return Decision.stop(
          Outcome.REFUSED,
          "not restoring "
              + snapshot.id()
              + ": "
              + id
              + " and "
              + id
              + "-2 … "
              + id
              + "-9 all still exist, and a new clone never takes the name of one that exists: retire or delete them,"
              + " then run 'rds-echo new' again",
          clash.orElse(null),
          null);
    }
    String fresh = unused.get();
    // the older clones are forgotten before the restore: a crash in between leaves nothing in
    // flight, so the rerun simply restores
    return making.make(
        fresh, fleet.tags().birth(fresh, snapshot.id(), now, settings.tags()), actions, replaced);
  }

  /** One clone in flight at a time: {@code older} is finished or given up first. */
  private static Decision refuseInFlight(
      EchoFleet fleet, SnapshotInfo snapshot, EchoInstance older, boolean replaceUnpromoted) {
    Stage stage = fleet.stageOf(older);
    return Decision.stop(
        Outcome.CLONE_IN_FLIGHT,
        "refusing to restore "
            + snapshot.id()
            + ": "
            + older.id()
            + " (stage "
            + stage
            + ", from "
            + fleet.tags().snapshotOf(older).orElse("an unrecorded snapshot")
            + ") is not promoted yet; finish it ("
            + NextSteps.towardsPromotion(stage)
            + ") or give it up with 'rds-echo forget --instance "
            + older.id()
            + "' (then 'rds-echo"
            + " retire' deletes it)"
            + (replaceUnpromoted
                ? "; rdsecho.new.replaceUnpromoted does not apply, as the CNAME points at it"
                : ""),
        older,
        stage);
  }
}

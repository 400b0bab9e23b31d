package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.config.RetireSettings;
import org.rdsecho.core.Outcome;

/**
 * Decides what {@code retire} deletes. The stage tag is written before the delete call, and an
 * instance tagged retired but not being deleted is deleted on the next run, so an interruption
 * between the two writes converges. The parts: {@link RetireOne} ({@code --instance ID}), {@link
 * RetireCandidates} (which clones otherwise), {@link RetireWrites} (the writes for each), {@link
 * FinalSnapshots} (their names, which clones get one), {@link SnapshotPruning} (old snapshots
 * beyond the kept) and {@link RollbackWindow} (holds).
 */
public final class RetirePlanner {
  private RetirePlanner() {}

  /** What retire observed and was told. */
  public record Inputs(
      EchoFleet fleet,
      RetireSettings settings,
      String explicitId,
      Supplier<List<String>> cnameTargets,
      boolean yes,
      boolean interactive,
      Stage finishedAt,
      Supplier<List<SnapshotInfo>> manualSnapshots,
      Set<String> sourceIds,
      String name,
      Integer keepFreshSnapshots,
      Instant now,
      PromotionGates gates,
      RollbackWindow window) {

    /**
     * @param finishedAt with no CNAME configured, the stage at which a clone has passed its last
     *     configured step and is deleted like a forgotten one; null when there is a CNAME
     * @param gates a clone without DNS has finished only once it passed these too (verified,
     *     carried)
     */
    public Inputs {
      gates = gates == null ? PromotionGates.NONE : gates;
      window = window == null ? RollbackWindow.NONE : window;
    }

    public Inputs(
        EchoFleet fleet,
        RetireSettings settings,
        String explicitId,
        Supplier<List<String>> cnameTargets,
        boolean yes,
        boolean interactive,
        Stage finishedAt,
        Supplier<List<SnapshotInfo>> manualSnapshots,
        Set<String> sourceIds,
        String name,
        Integer keepFreshSnapshots,
        Instant now,
        PromotionGates gates) {
      this(
          fleet,
          settings,
          explicitId,
          cnameTargets,
          yes,
          interactive,
          finishedAt,
          manualSnapshots,
          sourceIds,
          name,
          keepFreshSnapshots,
          now,
          gates,
          RollbackWindow.NONE);
    }

    public Inputs(
        EchoFleet fleet,
        RetireSettings settings,
        String explicitId,
        Supplier<List<String>> cnameTargets,
        boolean yes,
        boolean interactive,
        Stage finishedAt,
        Supplier<List<SnapshotInfo>> manualSnapshots,
        Set<String> sourceIds,
        String name,
        Integer keepFreshSnapshots,
        Instant now) {
      this(
          fleet,
          settings,
          explicitId,
          cnameTargets,
          yes,
          interactive,
          finishedAt,
          manualSnapshots,
          sourceIds,
          name,
          keepFreshSnapshots,
          now,
          PromotionGates.NONE,
          RollbackWindow.NONE);
    }
  }

  public static Decision decide(Inputs in) {
    return in.explicitId() != null ? RetireOne.decide(in) : forgotten(in);
  }

  private static Decision forgotten(Inputs in) {
    EchoFleet fleet = in.fleet();
    Optional<Decision> unreadable = Targets.unknownStages(fleet, "retire");
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    RetireCandidates candidates = RetireCandidates.of(in);
    List<EchoInstance> actionable = candidates.actionable();
    List<String> skipped = candidates.skipped();
    List<String> kept = candidates.kept();
    EchoInstance busy = candidates.busy();
    Integer keepFinal = in.settings().keepFinalSnapshots();
    Set<String> withFinal = FinalSnapshots.chosen(actionable, keepFinal);
    int madeNow = FinalSnapshots.madeNow(actionable, withFinal, in.settings());
    List<Action> pruning = SnapshotPruning.beyondKept(in, madeNow);
    if (actionable.isEmpty() && !pruning.isEmpty()) {
      return Decision.act(
          "deleting "
              + pruning.size()
              + " old snapshot(s) of this name beyond the ones kept"
              + " (rdsecho.retire.keepFinalSnapshots, rdsecho.snapshot.keep)"
              + (kept.isEmpty() ? "" : "; " + String.join("; ", kept)),
          null,
          null,
          null,
          pruning);
    }
    if (actionable.isEmpty()) {
      if (!skipped.isEmpty()) {
        return Decision.stop(
            Outcome.REFUSED,
            "refusing to retire "
                + String.join(", ", skipped)
                + ": point the CNAME at the promoted instance first ('rds-echo promote' does; where"
                + " records of another kind hold the name, such as a weighted CNAME, change them by"
                + " hand)",
            null,
            Stage.FORGOTTEN);
      }
      if (busy != null) {
        return Targets.notReady(busy, fleet.stageOf(busy), "retire");
      }
      if (!kept.isEmpty()) {
        return Decision.stop(
            in.window().whileKept(),
            "not retiring yet: "
                + String.join("; ", kept)
                + "; 'rds-echo rollback' goes back to it until then",
            null,
            Stage.FORGOTTEN);
      }
      Optional<EchoInstance> deleting =
          fleet.inStages(EnumSet.of(Stage.RETIRED)).stream()
              .filter(i -> fleet.stageOf(i) == Stage.RETIRED && i.isDeleting())
              .findFirst();
      if (deleting.isPresent()) {
        return Decision.stop(
            Outcome.DONE,
            "nothing to retire: " + deleting.get().id() + " is already being deleted",
            deleting.get(),
            Stage.RETIRED);
      }
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "nothing to retire: no instance is forgotten (an instance becomes forgotten when a newer"
              + " clone is promoted"
              + (in.finishedAt() == null
                  ? ""
                  : ", and without a CNAME a clone is retired" + " once it is " + in.finishedAt())
              + ")",
          null,
          null);
    }
    List<Action> actions = new ArrayList<>(RetireWrites.remember(fleet, actionable));
    for (EchoInstance instance : actionable) {
      actions.addAll(
          RetireWrites.retire(
              fleet,
              instance,
              withFinal.contains(instance.id())
                  ? in.settings()
                  : new RetireSettings(true, in.settings().finalSnapshotIdentifier(), keepFinal),
              in.now()));
    }
    actions.addAll(pruning);
    String ids = String.join(", ", actionable.stream().map(EchoInstance::id).toList());
    List<String> without =
        actionable.stream().map(EchoInstance::id).filter(id -> !withFinal.contains(id)).toList();
    String message =
        "retiring "
            + ids
            + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped))
            + (kept.isEmpty() ? "" : "; " + String.join("; ", kept))
            + (without.isEmpty() || in.settings().skipFinalSnapshot()
                ? ""
                : "; no final snapshot of "
                    + String.join(", ", without)
                    + " (rdsecho.retire.keepFinalSnapshots="
                    + keepFinal
                    + " counts the newer ones made now)")
            + (pruning.isEmpty() ? "" : "; deleting " + pruning.size() + " old final snapshot(s)");
    EchoInstance first = actionable.get(0);
    return Decision.act(message, first, fleet.stageOf(first), Stage.RETIRED, actions);
  }
}

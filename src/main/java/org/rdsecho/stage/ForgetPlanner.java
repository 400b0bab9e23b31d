package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.core.Outcome;

/**
 * Decides what {@code forget} does: gives up a clone that will not be promoted (before promotion,
 * or broken in RDS) by marking it forgotten, so {@code retire} deletes it and the next {@code new}
 * can restore. The promoted clone and whatever the CNAME points at are refused (4): forgetting them
 * would let {@code retire} delete what users are connected to.
 */
public final class ForgetPlanner {
  private ForgetPlanner() {}

  public static Decision decide(
      EchoFleet fleet, String explicitId, Supplier<List<String>> cnameTargets, Instant now) {
    EchoInstance instance;
    if (explicitId != null) {
      Optional<EchoInstance> found = fleet.find(explicitId);
      if (found.isEmpty()) {
        return Decision.stop(
            Outcome.NOTHING_TO_ACT_ON,
            "no instance "
                + explicitId
                + " in this account and region: check --instance (rds-echo status lists ours)",
            null,
            null);
      }
      instance = found.get();
      if (fleet.isSource(instance)) {
        return Decision.stop(
            Outcome.REFUSED, Targets.refuseSource("forget", explicitId), instance, null);
      }
      Optional<String> notOurs = fleet.notOurs(instance);
      if (notOurs.isPresent()) {
        return Decision.stop(
            Outcome.REFUSED,
            "refusing to forget " + explicitId + ": " + notOurs.get(),
            instance,
            null);
      }
      Optional<String> unknown = fleet.unknownStage(instance);
      if (unknown.isPresent()) {
        return Decision.stop(
            Outcome.REFUSED,
            Targets.refuseUnknown("forget", instance, unknown.get(), fleet),
            instance,
            null);
      }
    } else {
      Optional<Decision> unreadable = Targets.unknownStages(fleet, "forget");
      if (unreadable.isPresent()) {
        return unreadable.get();
      }
      Optional<EchoInstance> newest =
          fleet.managed().stream()
              .filter(i -> fleet.unknownStage(i).isEmpty())
              .filter(
                  i ->
                      fleet.stageOf(i).isPrePromotion()
                          || (i.isFailed()
                              && fleet.stageOf(i) != Stage.PROMOTED
                              && !fleet.stageOf(i).isAtOrAfter(Stage.FORGOTTEN)))
              .findFirst();
      if (newest.isEmpty()) {
        return Decision.stop(
            Outcome.NOTHING_TO_ACT_ON,
            "nothing to forget: no clone is before promotion or"
                + " broken (rds-echo status lists them all)",
            null,
            null);
      }
      instance = newest.get();
    }
    Stage stage = fleet.stageOf(instance);
    if (stage.isAtOrAfter(Stage.FORGOTTEN)) {
      return Decision.stop(
          Outcome.DONE,
          "nothing to forget: " + instance.id() + " is already " + stage,
          instance,
          stage);
    }
    if (stage == Stage.PROMOTED) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to forget "
              + instance.id()
              + ": it is the promoted clone;"
              + " promote a newer one (or 'rds-echo rollback' to an older one) and it becomes forgotten by itself",
          instance,
          stage);
    }
    Optional<String> target = instance.mayBeNamedByAny(cnameTargets.get());
    if (target.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to forget "
              + instance.id()
              + ": the CNAME points at it ("
              + target.get()
              + ")"
              + Targets.servedNote(stage),
          instance,
          stage);
    }
    return Decision.act(
        "forgot "
            + instance.id()
            + " (was "
            + stage
            + (instance.isFailed() ? ", RDS " + instance.status() : "")
            + "): 'rds-echo retire' deletes it, and 'rds-echo new' may restore a newer snapshot",
        instance,
        stage,
        Stage.FORGOTTEN,
        List.of(CloudAction.Tag.add(instance, fleet.tags().transition(Stage.FORGOTTEN, now))));
  }
}

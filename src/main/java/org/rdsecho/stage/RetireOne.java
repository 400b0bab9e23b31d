package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.Outcome;

/**
 * {@code retire --instance ID}: the one clone an operator names, for a stuck one say. It is retired
 * only when it is ours, not promoted, not what the CNAME names and not held by the rollback window;
 * before promotion only once the operator confirms.
 */
final class RetireOne {
  private RetireOne() {}

  /** The decision for the clone {@code in.explicitId()} names. */
  static Decision decide(RetirePlanner.Inputs in) {
    EchoFleet fleet = in.fleet();
    String id = in.explicitId();
    Optional<EchoInstance> found = fleet.find(id);
    if (found.isEmpty()) {
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "no instance " + id + " in this account and region: nothing to retire",
          null,
          null);
    }
    EchoInstance instance = found.get();
    if (fleet.isSource(instance)) {
      return Decision.stop(Outcome.REFUSED, Targets.refuseSource("retire", id), instance, null);
    }
    Optional<String> notOurs = fleet.notOurs(instance);
    if (notOurs.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to retire " + id + ": " + notOurs.get() + "; rds-echo will not delete it",
          instance,
          null);
    }
    Optional<String> unknown = fleet.unknownStage(instance);
    if (unknown.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          Targets.refuseUnknown("retire", instance, unknown.get(), fleet),
          instance,
          null);
    }
    Stage stage = fleet.stageOf(instance);
    if (instance.isDeleting()) {
      return Decision.stop(Outcome.DONE, id + " is already being deleted", instance, stage);
    }
    if (stage == Stage.PROMOTED) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to retire " + id + ": it is the promoted instance; promote a newer clone first",
          instance,
          stage);
    }
    Optional<String> naming = instance.mayBeNamedByAny(in.cnameTargets().get());
    if (naming.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to retire "
              + id
              + ": "
              + RetireCandidates.kept(instance, naming.get())
              + " ("
              + naming.get()
              + ")"
              + Targets.servedNote(stage),
          instance,
          stage);
    }
    if (instance.isBusy()) {
      return Targets.notReady(instance, stage, "retire");
    }
    Optional<String> kept =
        stage == Stage.FORGOTTEN
            ? in.window().holds(fleet.tags(), instance, in.now())
            : Optional.empty();
    if (kept.isPresent()) {
      return Decision.stop(
          in.window().whileKept(), "not retiring yet: " + kept.get(), instance, stage);
    }
    List<Action> writes = new ArrayList<>(RetireWrites.remember(fleet, List.of(instance)));
    writes.addAll(RetireWrites.retire(fleet, instance, in.settings(), in.now()));
    Decision decision =
        Decision.act(
            "retiring " + id + FinalSnapshots.note(in.settings(), instance),
            instance,
            stage,
            Stage.RETIRED,
            writes);
    if (stage.isPrePromotion() && !in.yes()) {
      if (!in.interactive()) {
        return decision; // rdsecho.interactive=false bypasses prompts, as in 0.1.x
      }
      return decision.askingOperator();
    }
    return decision;
  }
}

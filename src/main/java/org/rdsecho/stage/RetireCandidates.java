package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Which clones a retire without an instance id deletes (forgotten ones, finished ones without a
 * CNAME, retired ones not yet being deleted), newest first, and the ones it passes over: still
 * served by the CNAME, busy, or held for a rollback.
 *
 * @param skipped clones the CNAME still points at, each with the reason
 * @param kept what the rollback window holds, as it says it
 * @param busy the first candidate RDS is still working on; null when none
 */
record RetireCandidates(
    List<EchoInstance> actionable, List<String> skipped, List<String> kept, EchoInstance busy) {

  static RetireCandidates of(RetirePlanner.Inputs in) {
    EchoFleet fleet = in.fleet();
    List<EchoInstance> actionable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    EchoInstance busy = null;
    for (EchoInstance instance : fleet.inStages(EnumSet.allOf(Stage.class))) {
      Stage stage = fleet.stageOf(instance);
      boolean finished =
          in.finishedAt() != null
              && stage.isPrePromotion()
              && stage.isAtOrAfter(in.finishedAt())
              && in.gates().refusal(fleet.tags(), instance, stage).isEmpty();
      boolean candidate =
          stage == Stage.FORGOTTEN
              || finished
              || (stage == Stage.RETIRED && !instance.isDeleting());
      if (!candidate) {
        continue;
      }
      Optional<String> naming = instance.mayBeNamedByAny(in.cnameTargets().get());
      if (naming.isPresent()) {
        skipped.add(instance.id() + " (" + kept(instance, naming.get()) + ")");
      } else if (instance.isBusy()) {
        busy = busy == null ? instance : busy;
      } else if (stage == Stage.FORGOTTEN
          && in.window().holds(fleet.tags(), instance, in.now()).isPresent()) {
        kept.add(in.window().holds(fleet.tags(), instance, in.now()).get());
      } else {
        actionable.add(instance);
      }
    }
    return new RetireCandidates(actionable, skipped, kept, busy);
  }

  /**
   * Why a clone the CNAME may name is kept: one of its endpoints, or a name that only looks like
   * one (its first label), which nothing here can tell from one that reaches it.
   */
  static String kept(EchoInstance instance, String cnameTarget) {
    return instance.isNamedBy(cnameTarget)
        ? "the CNAME still points at it"
        : "the CNAME still points at it as far as rds-echo can tell (its target's first label is"
            + " its identifier, though RDS reports no such endpoint for it)";
  }
}

package org.rdsecho.stage;

import org.rdsecho.core.Outcome;

import org.rdsecho.core.EchoException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what {@code carry} does (§13): for the newest clone before promotion that has not been
 * carried into, the rows staging users made on the promoted clone (one write a table) and the
 * counters raised to the floor, then the {@code carriedAt} mark. The stage does not change.
 */
public final class CarryPlanner {
  private CarryPlanner() {}

  /** Observes both clones and plans the copies and counters for {@code clone} from {@code promoted}. */
  @FunctionalInterface
  public interface Observe {
    /**
     * @param promoted the promoted clone rows are carried from; empty on the first night
     * @throws EchoException a configuration error or failure found while observing
     */
    List<Action> work(EchoInstance clone, Optional<EchoInstance> promoted);
  }

  public static Decision decide(EchoFleet fleet, String explicitId, Instant now, Observe observe) {
    Targets.Selection selection = Targets.select(fleet, Step.CARRY, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance clone = selection.instance();
    Stage stage = fleet.stageOf(clone);
    Optional<String> carried = clone.tag(fleet.tags().carriedAt());
    if (carried.isPresent()) {
      return Decision.stop(Outcome.DONE, "already carried: what staging made was copied into " + clone.id() + " at "
          + carried.get(), clone, stage);
    }
    if (!clone.isAvailable() || clone.endpoint() == null) {
      return Targets.notReady(clone, stage, "carry");
    }
    Optional<EchoInstance> promoted = fleet.promoted().stream().findFirst();
    if (promoted.isPresent() && (!promoted.get().isAvailable() || promoted.get().endpoint() == null)) {
      return Decision.stop(Outcome.NOT_READY, "the promoted clone " + promoted.get().id() + " is "
          + promoted.get().status() + ": run 'rds-echo carry' again later, or with --wait", clone, stage);
    }
    List<Action> actions = new ArrayList<>(observe.work(clone, promoted));
    long tables = actions.stream().filter(a -> a instanceof DataAction.CarryRows).count();
    actions.add(CloudAction.Tag.add(clone, Map.of(fleet.tags().carriedAt(), EchoTags.time(now))));
    String what = promoted.isEmpty()
        ? "no promoted clone to carry from (the first night): only the AUTO_INCREMENT counters were raised"
        : tables + " table(s) carried from " + promoted.get().id();
    return Decision.act("carried into " + clone.id() + ": " + what, clone, stage, stage, actions);
  }
}

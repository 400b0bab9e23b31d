package org.rdsecho.stage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rdsecho.core.Outcome;

/**
 * What a command decided, before anything is written: one record per kind of outcome, so an invalid
 * decision cannot be made (writes with a refusal, a "done" that writes nothing by mistake, an
 * operator asked about nothing). The factories check their arguments.
 */
public sealed interface Decision permits Decision.Act, Decision.Stop, Decision.AwaitConfirmation {

  Outcome outcome();

  String message();

  /** The instance acted on or reported on; null when there is none. */
  EchoInstance target();

  Stage fromStage();

  Stage toStage();

  /** The writes, in the order they are applied. */
  List<Action> actions();

  /** The writes need an operator's typed confirmation first. */
  boolean askOperator();

  default boolean changes() {
    return !actions().isEmpty();
  }

  /**
   * The clone this decision creates (an instance, or a cluster with or without its writer, which
   * count as one clone), the one answer for a result's instance, {@code new --wait} and the budget.
   */
  default Optional<String> newClone() {
    return created(true);
  }

  /** The snapshot this decision takes or copies (the one {@code new} restores next). */
  default Optional<String> newSnapshot() {
    return created(false);
  }

  private Optional<String> created(boolean clone) {
    return actions().stream()
        .map(Creation::of)
        .flatMap(Optional::stream)
        .filter(c -> c.kind().makesClone() == clone)
        .map(Creation::id)
        .findFirst();
  }

  /** Writes to apply; the command succeeds (0) once they are applied. */
  static Decision act(
      String message, EchoInstance target, Stage from, Stage to, List<Action> actions) {
    return new Act(message, target, from, to, actions, false);
  }

  /** Nothing to write: done already, nothing to act on, refused, failed or not ready. */
  static Decision stop(Outcome outcome, String message, EchoInstance target, Stage stage) {
    return new Stop(outcome, message, target, stage, null);
  }

  /**
   * Refused (4) by a rule, named so that scripts can tell it from a wait for a confirmation (JSON
   * {@code refused}; §17): {@code gate:sanitize}, {@code gate:verify}, {@code gate:carry}, {@code
   * cname-not-ours}.
   */
  static Decision refuse(String rule, String message, EchoInstance target, Stage stage) {
    return new Stop(Outcome.REFUSED, message, target, stage, Objects.requireNonNull(rule, "rule"));
  }

  /** The rule that refused, for a refusal that names one; null otherwise. */
  default String rule() {
    return null;
  }

  /** A promotion waits for a confirmation; the request is recorded once (at most one write). */
  static Decision awaitConfirmation(
      String message, EchoInstance target, Stage stage, List<Action> request) {
    return new AwaitConfirmation(message, target, stage, request);
  }

  /** The same writes, applied only once an operator confirms them at a terminal. */
  default Decision askingOperator() {
    if (!(this instanceof Act act)) {
      throw new IllegalStateException("only writes can be confirmed: " + this);
    }
    return new Act(
        act.message(), act.target(), act.fromStage(), act.toStage(), act.actions(), true);
  }

  /** Writes to apply. */
  record Act(
      String message,
      EchoInstance target,
      Stage fromStage,
      Stage toStage,
      List<Action> actions,
      boolean askOperator)
      implements Decision {
    public Act {
      Objects.requireNonNull(message, "message");
      actions = List.copyOf(actions);
      if (actions.isEmpty()) {
        throw new IllegalArgumentException("a decision to act has writes: " + message);
      }
    }

    @Override
    public Outcome outcome() {
      return Outcome.DONE;
    }
  }

  /** Nothing to write. */
  record Stop(Outcome outcome, String message, EchoInstance target, Stage stage, String rule)
      implements Decision {
    public Stop {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(message, "message");
      if (outcome == Outcome.AWAITING_CONFIRMATION) {
        throw new IllegalArgumentException("a confirmation request is an AwaitConfirmation");
      }
    }

    @Override
    public Stage fromStage() {
      return stage;
    }

    @Override
    public Stage toStage() {
      return stage;
    }

    @Override
    public List<Action> actions() {
      return List.of();
    }

    @Override
    public boolean askOperator() {
      return false;
    }
  }

  /** A promotion waiting for a confirmation, with the request tag to write the first time. */
  record AwaitConfirmation(String message, EchoInstance target, Stage stage, List<Action> actions)
      implements Decision {
    public AwaitConfirmation {
      Objects.requireNonNull(target, "target");
      actions = List.copyOf(actions);
      if (actions.size() > 1 || actions.stream().anyMatch(a -> !(a instanceof CloudAction.Tag))) {
        throw new IllegalArgumentException(
            "a confirmation request writes one tag at most: " + actions);
      }
    }

    @Override
    public Outcome outcome() {
      return Outcome.AWAITING_CONFIRMATION;
    }

    @Override
    public Stage fromStage() {
      return stage;
    }

    @Override
    public Stage toStage() {
      return stage;
    }

    @Override
    public boolean askOperator() {
      return false;
    }
  }
}

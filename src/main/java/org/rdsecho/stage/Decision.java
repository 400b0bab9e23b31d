package org.rdsecho.stage;

import java.util.List;

/**
 * What a command decided, before anything is written: the outcome if the actions succeed, the
 * instance it concerns and the writes in order.
 *
 * @param target the instance acted on or reported on; null when there is none
 * @param askOperator the writes need an operator's typed confirmation first
 */
public record Decision(
    Outcome outcome,
    String message,
    EchoInstance target,
    Stage fromStage,
    Stage toStage,
    List<Action> actions,
    boolean askOperator) {

  public Decision {
    actions = List.copyOf(actions);
  }

  public static Decision act(
      String message, EchoInstance target, Stage from, Stage to, List<Action> actions) {
    return new Decision(Outcome.DONE, message, target, from, to, actions, false);
  }

  /** Nothing to write: done already, nothing to act on, refused or not ready. */
  public static Decision stop(Outcome outcome, String message, EchoInstance target, Stage stage) {
    return new Decision(outcome, message, target, stage, stage, List.of(), false);
  }

  public Decision askingOperator() {
    return new Decision(outcome, message, target, fromStage, toStage, actions, true);
  }

  public boolean changes() {
    return !actions.isEmpty();
  }
}

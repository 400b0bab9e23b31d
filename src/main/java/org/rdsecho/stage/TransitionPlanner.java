package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Decides the data-plane steps ({@code export}, {@code sanitize}): the newest available clone in
 * an accepted stage, and the stage tag written once the work outside AWS has succeeded.
 */
public final class TransitionPlanner {
  private TransitionPlanner() {}

  public static Decision decide(
      EchoFleet fleet, String command, Set<Stage> accepted, Stage to, String explicitId, Instant now) {
    Targets.Selection selection = Targets.select(fleet, command, accepted, to, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance instance = selection.instance();
    Stage from = fleet.stageOf(instance);
    if (!instance.isAvailable() || instance.endpoint() == null) {
      return Targets.notReady(instance, from, command);
    }
    return Decision.act(
        command + " of " + instance.id() + " done; marked " + to,
        instance,
        from,
        to,
        List.of(Action.Tag.add(instance, fleet.tags().transition(to, now))));
  }
}

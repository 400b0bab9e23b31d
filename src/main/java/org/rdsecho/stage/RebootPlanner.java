package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decides what {@code reboot} does: reboot only when something waits for one. */
public final class RebootPlanner {
  private RebootPlanner() {}

  public static Decision decide(EchoFleet fleet, String explicitId, Instant now) {
    Targets.Selection selection = Targets.select(fleet, Step.REBOOT, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance instance = selection.instance();
    Stage from = fleet.stageOf(instance);
    Stage to = Step.REBOOT.leaves();
    if (!instance.isAvailable()) {
      return Targets.notReady(instance, from, Step.REBOOT.command());
    }
    boolean pending = instance.settings().hasPendingReboot();
    List<Action> actions = new ArrayList<>();
    if (pending) {
      // a cluster's settings wait on its writer's reboot (§12)
      actions.add(new CloudAction.Reboot(instance.instanceId()));
    }
    actions.add(CloudAction.Tag.add(instance, fleet.tags().transition(to, now)));
    String message =
        pending
            ? "rebooted "
                + (instance.isCluster() ? "the writer " + instance.instanceId() + " of " : "")
                + instance.id()
                + " so pending settings take effect"
            : "nothing pending on " + instance.id() + ", no reboot needed; marked rebooted";
    return Decision.act(message, instance, from, to, actions);
  }
}

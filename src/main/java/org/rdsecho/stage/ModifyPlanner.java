package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rdsecho.config.ModifySettings;

/** Decides what {@code modify} does: only the settings that differ, then the stage tag. */
public final class ModifyPlanner {
  private ModifyPlanner() {}

  public static Decision decide(
      EchoFleet fleet, ModifySettings wanted, String explicitId, Instant now) {
    Targets.Selection selection = Targets.select(fleet, Step.MODIFY, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance instance = selection.instance();
    Stage from = fleet.stageOf(instance);
    Stage to = Step.MODIFY.leaves();
    if (!instance.isAvailable()) {
      return Targets.notReady(instance, from, Step.MODIFY.command());
    }
    ModifyChanges changes = ModifyChanges.between(wanted, instance.settings());
    List<Action> actions = new ArrayList<>();
    if (instance.isCluster()) {
      // the cluster takes its settings, the writer its parameter group (§12)
      if (!changes.forCluster().isEmpty()) {
        actions.add(new ClusterAction.ModifyCluster(instance.id(), changes.forCluster()));
      }
      if (!changes.forWriter().isEmpty()) {
        actions.add(new CloudAction.Modify(instance.instanceId(), changes.forWriter()));
      }
    } else if (!changes.isEmpty()) {
      actions.add(new CloudAction.Modify(instance.id(), changes));
    }
    actions.add(CloudAction.Tag.add(instance, fleet.tags().transition(to, now)));
    String message =
        changes.isEmpty()
            ? instance.id() + " already has every rdsecho.mod setting; marked modified"
            : "modified " + instance.id() + ": " + changes.describe();
    return Decision.act(message, instance, from, to, actions);
  }
}

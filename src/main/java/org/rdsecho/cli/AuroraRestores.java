package org.rdsecho.cli;

import java.util.ArrayList;
import java.util.List;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.Decision;
import org.rdsecho.stage.InstanceNames;

/**
 * For an Aurora echo (§12), turns the restore that {@code new} decided into its two writes: the
 * cluster (from a cluster snapshot, a point in time, or copy-on-write), then its writer instance.
 * Both carry the tags from birth; a run stopped between them leaves a cluster whose status is
 * "writer-missing", and the next {@code new} creates the writer.
 */
final class AuroraRestores {
  private AuroraRestores() {}

  static Decision of(Decision decision, Context ctx) {
    if (!(decision instanceof Decision.Act act)) {
      return decision;
    }
    boolean copyOnWrite = ctx.config().snapshot().copyOnWrite();
    List<Action> actions = new ArrayList<>();
    for (Action action : decision.actions()) {
      if (action instanceof CloudAction.Restore r) {
        actions.add(new ClusterAction.RestoreCluster(r.instanceId(), new ClusterAction.FromClusterSnapshot(r.snapshotId()),
            r.settings(), r.tags()));
        actions.add(writer(ctx, r.instanceId(), r.settings(), r.tags()));
      } else if (action instanceof CloudAction.RestoreToPointInTime p) {
        actions.add(new ClusterAction.RestoreCluster(p.instanceId(),
            new ClusterAction.FromClusterAt(p.sourceInstanceId(), p.time(), copyOnWrite), p.settings(), p.tags()));
        actions.add(writer(ctx, p.instanceId(), p.settings(), p.tags()));
      } else {
        actions.add(action);
      }
    }
    return new Decision.Act(act.message(), act.target(), act.fromStage(), act.toStage(), actions, act.askOperator());
  }

  /** The writer carries the cluster's tags, but its identity tag names the writer itself (§15). */
  private static ClusterAction.CreateWriter writer(Context ctx, String clusterId,
      org.rdsecho.config.RestoreSettings settings, java.util.Map<String, String> clusterTags) {
    String writer = InstanceNames.writerOf(clusterId);
    return new ClusterAction.CreateWriter(writer, clusterId, settings, ctx.tags().namingItself(clusterTags, writer));
  }
}

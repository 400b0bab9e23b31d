package org.rdsecho.stage;

import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * What one run of a command may create for this echo (§15 "Bounded"): one clone (an instance, or a
 * cluster and its writer), one snapshot of the source and one snapshot copy. The executor asks
 * before every creation it applies, so a planner bug (a loop of restores, copies of copies) stops
 * at the second creation with a failure (1) instead of filling the account. One budget lives as
 * long as the command's context: {@code advance}'s steps and {@code new --wait}'s second round
 * share it.
 *
 * <p>Final snapshots are not counted: RDS makes one per deleted clone, so they are bounded by the
 * clones, and retire deleting two forgotten clones in one run is normal.
 */
public final class RunBudget {
  private String clone;
  private boolean writer;
  private String snapshot;
  private String copy;

  /** Records {@code action} if it creates something; refuses (1) a second creation of its kind. */
  public void spend(Action action) {
    if (action instanceof CloudAction.Restore r) {
      clone(
          r.instanceId(),
          "restore snapshot " + r.snapshotId() + " into new instance " + r.instanceId());
      writer = true;
    } else if (action instanceof CloudAction.RestoreToPointInTime p) {
      clone(
          p.instanceId(),
          "restore "
              + p.sourceInstanceId()
              + " at "
              + EchoTags.time(p.time())
              + " into new instance "
              + p.instanceId());
      writer = true;
    } else if (action instanceof ClusterAction.RestoreCluster c) {
      clone(c.clusterId(), c.source().describe() + " into new cluster " + c.clusterId());
    } else if (action instanceof ClusterAction.CreateWriter w) {
      // the writer completes the cluster restored in this run, or one an earlier run left without
      // it
      if (clone == null) {
        clone = w.clusterId();
      } else if (!clone.equals(w.clusterId()) || writer) {
        throw refused(
            "create writer instance " + w.instanceId() + " in cluster " + w.clusterId(),
            "clone",
            clone);
      }
      writer = true;
    } else if (action instanceof CloudAction.CreateSnapshot c) {
      if (snapshot != null) {
        throw refused(
            "take snapshot " + c.snapshotId() + " of " + c.sourceInstanceId(),
            "snapshot",
            snapshot);
      }
      snapshot = c.snapshotId();
    } else if (action instanceof CloudAction.CopySnapshot c) {
      if (copy != null) {
        throw refused(
            "copy snapshot " + c.sourceSnapshot() + " as " + c.copyId(), "snapshot copy", copy);
      }
      copy = c.copyId();
    }
  }

  private void clone(String id, String what) {
    if (clone != null) {
      throw refused(what, "clone", clone);
    }
    clone = id;
  }

  private static EchoException refused(String what, String kind, String earlier) {
    return new EchoException(
        Outcome.FAILED,
        "refusing to "
            + what
            + ": this run already created a "
            + kind
            + " ("
            + earlier
            + "), and one run creates at most one clone, one snapshot and one snapshot copy; nothing more was"
            + " written. This is a bug in rds-echo: run 'rds-echo status', and report it with the output of this run");
  }
}

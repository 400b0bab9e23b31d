package org.rdsecho.stage;

import java.util.Optional;

/**
 * What one action creates for this echo, said in one place for everyone who asks: the clone a
 * decision makes ({@link Decision#newClone}: the instance a result names, what {@code new --wait}
 * waits for), the snapshot it takes or copies ({@link Decision#newSnapshot}), and what a run's
 * {@link RunBudget} counts (§15 "Bounded").
 *
 * @param id the clone's identifier (for a writer, its cluster's: the writer completes that clone),
 *     or the new snapshot's
 * @param what the creation in the words of a refusal ("restore snapshot s into new instance i")
 */
public record Creation(Kind kind, String id, String what) {

  /** What kind of thing the action creates. */
  public enum Kind {
    /** An instance restored whole: a clone, writer included. */
    INSTANCE,
    /** An Aurora cluster: a clone once its writer exists. */
    CLUSTER,
    /** The writer instance that completes a cluster, restored in this run or an earlier one. */
    WRITER,
    /** A snapshot of the source. */
    SNAPSHOT,
    /** A copy of a snapshot. */
    COPY;

    public boolean makesClone() {
      return this == INSTANCE || this == CLUSTER || this == WRITER;
    }
  }

  /** What {@code action} creates; empty for a write that creates nothing. */
  public static Optional<Creation> of(Action action) {
    if (action instanceof CloudAction.Restore r) {
      return made(
          Kind.INSTANCE,
          r.instanceId(),
          "restore snapshot " + r.snapshotId() + " into new instance " + r.instanceId());
    }
    if (action instanceof CloudAction.RestoreToPointInTime p) {
      return made(
          Kind.INSTANCE,
          p.instanceId(),
          "restore "
              + p.sourceInstanceId()
              + " at "
              + TagValues.time(p.time())
              + " into new instance "
              + p.instanceId());
    }
    if (action instanceof ClusterAction.RestoreCluster c) {
      return made(
          Kind.CLUSTER,
          c.clusterId(),
          c.source().describe() + " into new cluster " + c.clusterId());
    }
    if (action instanceof ClusterAction.CreateWriter w) {
      return made(
          Kind.WRITER,
          w.clusterId(),
          "create writer instance " + w.instanceId() + " in cluster " + w.clusterId());
    }
    if (action instanceof CloudAction.CreateSnapshot c) {
      return made(
          Kind.SNAPSHOT,
          c.snapshotId(),
          "take snapshot " + c.snapshotId() + " of " + c.sourceInstanceId());
    }
    if (action instanceof CloudAction.CopySnapshot c) {
      return made(
          Kind.COPY, c.copyId(), "copy snapshot " + c.sourceSnapshot() + " as " + c.copyId());
    }
    return Optional.empty();
  }

  private static Optional<Creation> made(Kind kind, String id, String what) {
    return Optional.of(new Creation(kind, id, what));
  }
}

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
    Creation.of(action).ifPresent(this::spend);
  }

  private void spend(Creation c) {
    switch (c.kind()) {
      case INSTANCE -> {
        clone(c.id(), c.what());
        writer = true;
      }
      case CLUSTER -> clone(c.id(), c.what());
      case WRITER -> {
        // the writer completes the cluster restored in this run, or one an earlier run left
        // without it
        if (clone == null) {
          clone = c.id();
        } else if (!clone.equals(c.id()) || writer) {
          throw refused(c.what(), "clone", clone);
        }
        writer = true;
      }
      case SNAPSHOT -> {
        if (snapshot != null) {
          throw refused(c.what(), "snapshot", snapshot);
        }
        snapshot = c.id();
      }
      case COPY -> {
        if (copy != null) {
          throw refused(c.what(), "snapshot copy", copy);
        }
        copy = c.id();
      }
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

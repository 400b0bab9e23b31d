package org.rdsecho.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a random history: a command line, a new snapshot, the clock moving, RDS finishing its
 * work, an operator's act, or an AWS fault armed for the next command. Each reads as what happened,
 * so a shrunk failure is a story a person can replay.
 */
sealed interface Step {
  void apply(EchoWorld world);

  /**
   * An rds-echo command line; with {@code rerun} the same line runs again at once (nothing in the
   * cloud having moved), which must converge.
   */
  record Command(
      String name,
      boolean yes,
      boolean waits,
      String timeout,
      boolean quiet,
      boolean dryRun,
      Integer instance,
      boolean rerun)
      implements Step {
    /** A command line as a person types it, e.g. {@code "advance --yes --wait --timeout 1m -q"}. */
    static Command of(String line, boolean rerun) {
      List<String> words = List.of(line.trim().split("\\s+"));
      int t = words.indexOf("--timeout");
      return new Command(
          words.get(0),
          words.contains("--yes"),
          words.contains("--wait"),
          t < 0 ? null : words.get(t + 1),
          words.contains("-q"),
          words.contains("--dry-run"),
          null,
          rerun);
    }

    List<String> args() {
      List<String> args = new ArrayList<>(List.of(name));
      if (name.equals("confirm")) {
        args.addAll(List.of("--by", "operator"));
      }
      if (yes) {
        args.add("--yes");
      }
      if (waits) {
        args.add("--wait");
      }
      if (timeout != null) {
        args.addAll(List.of("--timeout", timeout));
      }
      if (quiet) {
        args.add("-q");
      }
      if (dryRun) {
        args.add("--dry-run");
      }
      if (instance != null) {
        args.addAll(
            List.of("--instance", "#" + instance)); // the world names the instance when it runs
      }
      return args;
    }

    @Override
    public void apply(EchoWorld world) {
      world.command(this);
    }

    @Override
    public String toString() {
      return "rds-echo " + String.join(" ", args()) + (rerun ? " (twice)" : "");
    }
  }

  /**
   * A snapshot of the source appears: automated, made by a person (manual), or shared from another
   * account.
   */
  record NewSnapshot(String kind) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.newSnapshot(kind);
    }

    @Override
    public String toString() {
      return "a new " + kind + " snapshot of production";
    }
  }

  record ClockStep(Duration by) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.advance(by);
    }

    @Override
    public String toString() {
      return "the clock moves " + by.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
  }

  record Settle() implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.h.rds.settle();
    }

    @Override
    public String toString() {
      return "RDS finishes what it was doing";
    }
  }

  /** A person edits the stage tag of one of our clones (null value: removes it). */
  record EditStage(int which, String value) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.editStage(which, value);
    }

    @Override
    public String toString() {
      return "a person sets the stage tag of our clone #" + which + " to " + value;
    }
  }

  /**
   * A person points the CNAME elsewhere by hand: at an instance (ours or not) or at a host of
   * theirs.
   */
  record EditCname(int which) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.editCname(which);
    }

    @Override
    public String toString() {
      return "a person points the CNAME by hand at candidate #" + which;
    }
  }

  /** A person restores one of our snapshots (a final snapshot, a copy) with its tags copied. */
  record PersonRestoresOurSnapshot(int which) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.personRestoresSnapshot(which);
    }

    @Override
    public String toString() {
      return "a person restores our snapshot #" + which + " with its tags copied";
    }
  }

  /**
   * A person makes a point-in-time copy of one of our clones (the promoted one first) with its tags
   * copied.
   */
  record PersonCopiesOurClone(int which) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.personCopiesClone(which);
    }

    @Override
    public String toString() {
      return "a person copies our clone #" + which + " to a point in time with its tags copied";
    }
  }

  /** A person copies one of our snapshots with its tags. */
  record PersonCopiesOurSnapshot(int which) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.personCopiesSnapshot(which);
    }

    @Override
    public String toString() {
      return "a person copies our snapshot #" + which + " with its tags";
    }
  }

  /**
   * RDS gives up on one of our clones (a restore it cannot finish): it stays incompatible-restore.
   */
  record CloneFails(int which) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.cloneFails(which);
    }

    @Override
    public String toString() {
      return "RDS fails our clone #" + which + " (incompatible-restore)";
    }
  }

  /** The n-th RDS call of the next command is throttled. */
  record Throttle(int call) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.h.rds.throttleCall(call);
    }

    @Override
    public String toString() {
      return "AWS throttles the next command's RDS call #" + call;
    }
  }

  /**
   * The response to the next command's n-th write is lost: the write happened, the process dies.
   */
  record LoseResponse(int write) implements Step {
    @Override
    public void apply(EchoWorld world) {
      world.h.budget.crashAfter(write);
    }

    @Override
    public String toString() {
      return "the next command dies right after its AWS write #" + write;
    }
  }
}

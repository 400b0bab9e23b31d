package org.rdsecho.testing;

/**
 * Counts AWS writes across the fake RDS and Route53, and simulates the process dying right after
 * the n-th one: the write has happened, the caller never learns it.
 */
public final class WriteBudget {
  private int writes;
  private int crashAfter = -1;

  /** Thrown after the chosen write, as if the process had been killed there. */
  public static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(int write) {
      super("simulated crash after AWS write #" + write);
    }
  }

  public void crashAfter(int write) {
    this.writes = 0;
    this.crashAfter = write;
  }

  public void disarm() {
    this.crashAfter = -1;
  }

  public int writes() {
    return writes;
  }

  public void resetCount() {
    writes = 0;
  }

  void wrote() {
    writes++;
    if (writes == crashAfter) {
      crashAfter = -1;
      throw new SimulatedCrash(writes);
    }
  }
}

package org.rdsecho.core;

/** How a command ended, and the exit code an operator's script sees for it (contract §7). */
public enum Outcome {
  /** Done, or nothing left to do. */
  DONE(0),
  /** An AWS, export or script failure. */
  FAILED(1),
  /** Bad command line or configuration. */
  USAGE(2),
  /** No echo instance in a stage the command accepts. */
  NOTHING_TO_ACT_ON(3),
  /** A safety rule forbids the step, or an operator must answer first. */
  REFUSED(4),
  /** A promotion waits for an operator's confirmation ({@code rds-echo confirm}). */
  AWAITING_CONFIRMATION(4),
  /** {@code new} refused: an older clone is still before promotion (finish or forget it first). */
  CLONE_IN_FLIGHT(4),
  /** Something is still being created or modified; try again later. */
  NOT_READY(75);

  private final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

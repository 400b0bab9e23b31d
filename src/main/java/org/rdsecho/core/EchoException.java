package org.rdsecho.core;

/**
 * A failure with a message an operator can act on ("what failed: why — what to do"), carrying the
 * outcome that decides the exit code. Thrown anywhere, caught once at the command boundary.
 */
public class EchoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  public EchoException(Outcome outcome, String message) {
    super(message);
    this.outcome = outcome;
  }

  public EchoException(Outcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
  }

  public Outcome outcome() {
    return outcome;
  }
}

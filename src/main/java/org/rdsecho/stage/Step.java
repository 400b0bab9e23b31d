package org.rdsecho.stage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of the stage commands: which stages each accepts, which it leaves an instance in,
 * and what to run next from each stage. Planners, messages and help read it from here.
 */
public enum Step {
  MODIFY("modify", EnumSet.of(Stage.NEW), Stage.MODIFIED),
  REBOOT("reboot", EnumSet.of(Stage.MODIFIED), Stage.REBOOTED),
  EXPORT("export", EnumSet.of(Stage.REBOOTED), Stage.EXPORTED),
  SANITIZE("sanitize", EnumSet.of(Stage.REBOOTED, Stage.EXPORTED), Stage.SANITIZED),
  PROMOTE("promote", EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED), Stage.PROMOTED),
  CONFIRM("confirm", EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED), Stage.PROMOTED),
  /** Records verifiedAt and leaves the stage as it is; moot once the clone is promoted. */
  VERIFY("verify", EnumSet.of(Stage.EXPORTED, Stage.SANITIZED), Stage.PROMOTED),
  /** Records carriedAt and leaves the stage as it is; moot once the clone is promoted. */
  CARRY("carry", EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED), Stage.PROMOTED),
  RETIRE("retire", EnumSet.of(Stage.FORGOTTEN), Stage.RETIRED);

  private final String command;
  private final Set<Stage> accepts;
  private final Stage leaves;

  Step(String command, Set<Stage> accepts, Stage leaves) {
    this.command = command;
    this.accepts = Collections.unmodifiableSet(accepts);
    this.leaves = leaves;
  }

  public String command() {
    return command;
  }

  public Set<Stage> accepts() {
    return accepts;
  }

  /**
   * The stage the step leaves an instance in: at or after it, the step is done. For the steps
   * that record a mark instead (confirm, verify, carry), the stage at which they are moot.
   */
  public Stage leaves() {
    return leaves;
  }

  /** The commands that take a clone in {@code stage} on to promotion, for messages. */
  public static String towardsPromotion(Stage stage) {
    return switch (stage) {
      case NEW -> "rds-echo modify, reboot … promote";
      case MODIFIED -> "rds-echo reboot … promote";
      case REBOOTED, EXPORTED, SANITIZED -> "rds-echo promote";
      default -> "rds-echo advance";
    };
  }

  /** What to run next for an instance in {@code stage}, as a parenthesised hint (or nothing). */
  public static String hint(Stage stage) {
    return switch (stage) {
      case NEW -> " (run 'rds-echo modify' next)";
      case MODIFIED -> " (run 'rds-echo reboot' next)";
      case REBOOTED, EXPORTED, SANITIZED -> " (run 'rds-echo promote' when it is ready)";
      default -> "";
    };
  }
}

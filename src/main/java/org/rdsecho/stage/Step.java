package org.rdsecho.stage;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;

/**
 * The one table of the lifecycle commands: per command the stages it accepts, the stage it leaves a
 * clone in (or that it only records a mark), its place in {@code advance}, when the configuration
 * has it, what to run next from the stages it accepts, and its help line. What {@code advance}
 * runs, when a clone without DNS has finished and which dump set makes a snapshot "already done"
 * ({@link PipelineEnd}), the next-step hints ({@link NextSteps}) and the help derive from it.
 */
// accepts is an unmodifiable view of an EnumSet and Configured holds a predicate with no state: the
// checker knows neither as immutable
@SuppressWarnings("ImmutableEnumChecker")
public enum Step {
  NEW(
      "new",
      EnumSet.noneOf(Stage.class),
      Stage.NEW,
      Effect.MOVES,
      true,
      Configured.ALWAYS,
      null,
      "Restore the newest available snapshot into a new instance (stage new)"),
  MODIFY(
      "modify",
      EnumSet.of(Stage.NEW),
      Stage.MODIFIED,
      Effect.MOVES,
      true,
      Configured.ALWAYS,
      "run 'rds-echo modify' next",
      "Apply the rdsecho.mod.* settings to the newest new instance (stage modified)"),
  REBOOT(
      "reboot",
      EnumSet.of(Stage.MODIFIED),
      Stage.REBOOTED,
      Effect.MOVES,
      true,
      Configured.ALWAYS,
      "run 'rds-echo reboot' next",
      "Reboot the newest modified instance if settings are pending (stage rebooted)"),
  EXPORT(
      "export",
      EnumSet.of(Stage.REBOOTED),
      Stage.EXPORTED,
      Effect.MOVES,
      true,
      new Configured(
          ConfigKeys.EXPORT_DIR + " (or " + ConfigKeys.EXPORT_S3_URI + ")",
          c -> c.export().effectiveDir() != null),
      null,
      "Dump the newest rebooted instance's databases to compressed SQL files (stage exported)"),
  SANITIZE(
      "sanitize",
      EnumSet.of(Stage.REBOOTED, Stage.EXPORTED),
      Stage.SANITIZED,
      Effect.MOVES,
      true,
      new Configured(ConfigKeys.SANITIZE_SCRIPTS, c -> c.sanitize().configured()),
      null,
      "Run the sanitize scripts and checks on the clone, export the scrubbed dump (stage sanitized)"),
  /** Records verifiedAt and leaves the stage as it is; moot once the clone is promoted. */
  VERIFY(
      "verify",
      EnumSet.of(Stage.EXPORTED, Stage.SANITIZED),
      Stage.PROMOTED,
      Effect.MARKS,
      true,
      new Configured(ConfigKeys.VERIFY_HOST, c -> c.verify().configured()),
      null,
      "Restore the newest dumps of the exported or sanitized clone into scratch databases on"
          + " rdsecho.verify.host and compare them with the clone (records verifiedAt)"),
  /** Records carriedAt and leaves the stage as it is; moot once the clone is promoted. */
  CARRY(
      "carry",
      EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED),
      Stage.PROMOTED,
      Effect.MARKS,
      true,
      new Configured(
          ConfigKeys.CARRY_TABLES + " or " + ConfigKeys.CARRY_FLOOR, c -> c.carry().configured()),
      null,
      "Copy the rows staging users made on the promoted clone (rdsecho.carry.tables, keys at or above"
          + " rdsecho.carry.autoIncrementFloor) into the newest clone before promotion (records carriedAt)"),
  PROMOTE(
      "promote",
      EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED),
      Stage.PROMOTED,
      Effect.MOVES,
      true,
      new Configured(ConfigKeys.PROMOTE_CNAME, c -> c.promote().cname() != null),
      "run 'rds-echo promote' when it is ready",
      "Point rdsecho.promote.cname at the newest rebooted/exported/sanitized instance (stage promoted)"),
  RETIRE(
      "retire",
      EnumSet.of(Stage.FORGOTTEN),
      Stage.RETIRED,
      Effect.MOVES,
      true,
      Configured.ALWAYS,
      null,
      "Delete forgotten instances (stage retired); --instance ID for one stuck clone"),
  /**
   * Records who confirmed; the clone stays where it is, and the mark is moot once it is promoted.
   */
  CONFIRM(
      "confirm",
      EnumSet.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED),
      Stage.PROMOTED,
      Effect.MARKS,
      false,
      Configured.ALWAYS,
      null,
      "Record an operator's confirmation of the pending promotion"),
  FORGET(
      "forget",
      EnumSet.of(Stage.NEW, Stage.MODIFIED, Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED),
      Stage.FORGOTTEN,
      Effect.MOVES,
      false,
      Configured.ALWAYS,
      null,
      "Give up the newest clone before promotion (or a broken one, or --instance ID): stage forgotten, so retire"
          + " deletes it"),
  /**
   * The promoted clone becomes forgotten; the newest forgotten one still available is promoted
   * again.
   */
  ROLLBACK(
      "rollback",
      EnumSet.of(Stage.PROMOTED),
      Stage.FORGOTTEN,
      Effect.MOVES,
      false,
      new Configured(ConfigKeys.PROMOTE_CNAME, c -> c.promote().cname() != null),
      null,
      "Point the CNAME back at the previous clone (the newest forgotten one still available); the current one"
          + " becomes forgotten");

  /** What a step does to the stage of the clone it acts on. */
  public enum Effect {
    /** The stage tag moves to {@link #leaves()}. */
    MOVES,
    /** A mark is recorded; the stage stays as it is. */
    MARKS
  }

  /** When a configuration has the step: {@code keys} says which keys, for help and messages. */
  public record Configured(String keys, Predicate<EchoConfig> test) {
    static final Configured ALWAYS = new Configured(null, c -> true);

    public boolean always() {
      return keys == null;
    }
  }

  private final String command;
  private final Set<Stage> accepts;
  private final Stage leaves;
  private final Effect effect;
  private final boolean inAdvance;
  private final Configured configured;
  private final String hint;
  private final String summary;

  Step(
      String command,
      Set<Stage> accepts,
      Stage leaves,
      Effect effect,
      boolean inAdvance,
      Configured configured,
      String hint,
      String summary) {
    this.command = command;
    this.accepts = Collections.unmodifiableSet(accepts);
    this.leaves = leaves;
    this.effect = effect;
    this.inAdvance = inAdvance;
    this.configured = configured;
    this.hint = hint;
    this.summary = summary;
  }

  public String command() {
    return command;
  }

  public Set<Stage> accepts() {
    return accepts;
  }

  /**
   * The stage the step leaves an instance in: at or after it, the step is done. For the steps that
   * record a mark instead (confirm, verify, carry), the stage at which they are moot.
   */
  public Stage leaves() {
    return leaves;
  }

  public Effect effect() {
    return effect;
  }

  /** The one help line of the command. */
  public String summary() {
    return summary;
  }

  /** When a configuration has this step (always, or with the keys it names). */
  public Configured configured() {
    return configured;
  }

  public boolean configuredIn(EchoConfig config) {
    return configured.test().test(config);
  }

  /** The table's row for a command name. */
  public static Optional<Step> of(String command) {
    return Arrays.stream(values()).filter(s -> s.command.equals(command)).findFirst();
  }

  /** The steps {@code advance} runs for this configuration, in its order. */
  public static List<Step> advance(EchoConfig config) {
    return Arrays.stream(values()).filter(s -> s.inAdvance && s.configuredIn(config)).toList();
  }

  /** Every step {@code advance} may run, in order, whatever the configuration. */
  public static List<Step> advanceOrder() {
    return Arrays.stream(values()).filter(s -> s.inAdvance).toList();
  }

  /** The hint for what to run next from a stage this step accepts, or null. */
  String hint() {
    return hint;
  }
}

package org.rdsecho.stage;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;

/**
 * The one table of the lifecycle commands: per command the stages it accepts, the stage it leaves a
 * clone in (or that it only records a mark), its place in {@code advance}, when the configuration
 * has it, what to run next from the stages it accepts, and its help line. What {@code advance}
 * runs, when a clone without DNS has finished ({@code retire}), which dump set makes a snapshot
 * "already done" ({@code new}), the next-step hints and the help derive from it.
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

  /**
   * Where the complete dump set lies that makes a snapshot "already done": a directory and a kind.
   */
  public record FinishedDumps(String dirTemplate, DumpKind kind) {}

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

  /**
   * Without a CNAME, the stage at which a clone has passed its last configured step (the pipeline
   * without DNS, §3), which {@code retire} deletes; null when a CNAME is configured (a clone
   * finishes by being promoted, then replaced).
   */
  public static Stage finishedAt(EchoConfig config) {
    if (PROMOTE.configuredIn(config)) {
      return null;
    }
    return advance(config).stream()
        .filter(s -> s.effect == Effect.MOVES && s.leaves.isPrePromotion())
        .map(Step::leaves)
        .max(Stage::compareTo)
        .orElseThrow();
  }

  /**
   * Without a CNAME, the dump set whose completion makes a snapshot "already done" for {@code new}
   * (§3): the set of the last configured step that writes one (the scrubbed set when sanitize
   * writes one, else the export's); empty with a CNAME or when no step writes a set.
   */
  public static Optional<FinishedDumps> finishedDumps(EchoConfig config) {
    if (PROMOTE.configuredIn(config)) {
      return Optional.empty();
    }
    List<Step> steps = advance(config);
    for (int i = steps.size() - 1; i >= 0; i--) {
      Optional<FinishedDumps> set =
          DUMPS.getOrDefault(steps.get(i), c -> Optional.empty()).apply(config);
      if (set.isPresent()) {
        return set;
      }
    }
    return Optional.empty();
  }

  /** The steps that write a dump set, and where. */
  private static final java.util.Map<Step, Function<EchoConfig, Optional<FinishedDumps>>> DUMPS =
      java.util.Map.of(
          EXPORT,
              c ->
                  Optional.ofNullable(c.export().effectiveDir())
                      .map(d -> new FinishedDumps(d, DumpKind.RAW)),
          SANITIZE,
              c ->
                  Optional.ofNullable(c.sanitize().dir())
                      .map(d -> new FinishedDumps(d, DumpKind.SANITIZED)));

  /** The commands that take a clone in {@code stage} on to promotion, for messages. */
  public static String towardsPromotion(Stage stage) {
    // the steps every configuration has, from the one that accepts the stage on to promote
    List<String> chain = new java.util.ArrayList<>();
    Stage at = stage;
    for (Step s : advanceOrder()) {
      if ((s.configured.always() || s == PROMOTE)
          && s.effect == Effect.MOVES
          && s.accepts.contains(at)) {
        chain.add(s.command);
        at = s.leaves;
      }
    }
    if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(PROMOTE.command)) {
      return "rds-echo advance";
    }
    String last = chain.remove(chain.size() - 1);
    return "rds-echo " + (chain.isEmpty() ? "" : String.join(", ", chain) + " … ") + last;
  }

  /** What to run next for an instance in {@code stage}, as a parenthesised hint (or nothing). */
  public static String hint(Stage stage) {
    return Arrays.stream(values())
        .filter(s -> s.hint != null && s.accepts.contains(stage))
        .findFirst()
        .map(s -> " (" + s.hint + ")")
        .orElse("");
  }
}

package org.rdsecho.cli;

import java.util.List;
import java.util.Map;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Stage;

/**
 * What a command reports: the contract's JSON fields, also rendered as text.
 *
 * @param instance null for commands that do not act on one instance
 * @param actions the writes done, or with {@code --dry-run} the writes that would be done
 * @param extra command-specific fields (the instances for status, the files for export)
 */
public record Result(
    String command,
    String name,
    Outcome outcome,
    boolean changed,
    boolean dryRun,
    String message,
    String instance,
    Stage fromStage,
    Stage toStage,
    List<String> actions,
    Map<String, Object> extra,
    String details,
    Boolean quiet) {

  public Result {
    actions = List.copyOf(actions);
    // null values are allowed: JSON fields that are known to be absent (no CNAME configured)
    extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  public Result(
      String command,
      String name,
      Outcome outcome,
      boolean changed,
      boolean dryRun,
      String message,
      String instance,
      Stage fromStage,
      Stage toStage,
      List<String> actions,
      Map<String, Object> extra) {
    this(
        command, name, outcome, changed, dryRun, message, instance, fromStage, toStage, actions,
        extra, null, null);
  }

  public Result(
      String command,
      String name,
      Outcome outcome,
      boolean changed,
      boolean dryRun,
      String message,
      String instance,
      Stage fromStage,
      Stage toStage,
      List<String> actions,
      Map<String, Object> extra,
      String details) {
    this(
        command, name, outcome, changed, dryRun, message, instance, fromStage, toStage, actions,
        extra, details, null);
  }

  /**
   * Whether {@code -q} prints it, decided by the caller: advance's housekeeping (a retirement in a
   * run that stopped at a promotion waiting for an answer already asked) is no news to mail.
   */
  public Result withRoutine(boolean routine) {
    return new Result(
        command, name, outcome, changed, dryRun, message, instance, fromStage, toStage, actions,
        extra, details, routine);
  }

  /** Text shown before the message in text mode only (a table); JSON carries the same as fields. */
  public Result withDetails(String text) {
    return new Result(
        command, name, outcome, changed, dryRun, message, instance, fromStage, toStage, actions,
        extra, text, quiet);
  }

  public static Result of(String command, String name, Outcome outcome, String message) {
    return of(command, name, outcome, false, message);
  }

  /** A result that changed nothing and names no instance: a failure, a listing, a policy. */
  public static Result of(
      String command, String name, Outcome outcome, boolean dryRun, String message) {
    return new Result(
        command, name, outcome, false, dryRun, message, null, null, null, List.of(), Map.of());
  }

  public Result withMessage(String text) {
    return new Result(
        command, name, outcome, changed, dryRun, text, instance, fromStage, toStage, actions, extra,
        details, quiet);
  }

  /** These fields added to the ones the result has (a field given again takes the new value). */
  public Result withExtra(Map<String, Object> more) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(extra);
    all.putAll(more);
    return new Result(
        command, name, outcome, changed, dryRun, message, instance, fromStage, toStage, actions,
        all, details, quiet);
  }

  /**
   * Nothing a person needs to hear about (contract §11): done, nothing to act on, not ready, or a
   * promotion still waiting for a confirmation that was already requested.
   */
  public boolean routine() {
    if (quiet != null) {
      return quiet;
    }
    return switch (outcome) {
      case DONE, NOTHING_TO_ACT_ON, NOT_READY -> true;
      case AWAITING_CONFIRMATION -> !changed;
      default -> false;
    };
  }

  public int exitCode() {
    return outcome.exitCode();
  }
}

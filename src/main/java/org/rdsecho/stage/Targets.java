package org.rdsecho.stage;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the instance a stage command acts on: the newest in an accepted stage, or the one named
 * by {@code --instance}; otherwise says why there is none, with the exit code the contract asks.
 */
public final class Targets {
  private Targets() {}

  /** Either the instance to act on, or the decision to stop with. */
  public record Selection(EchoInstance instance, Decision stop) {
    public boolean found() {
      return instance != null;
    }
  }

  /**
   * @param command the command's name, for messages
   * @param accepted stages the command acts on
   * @param done the stage the command leaves an instance in: at or after it means "already done"
   * @param explicitId {@code --instance}, or null
   */
  public static Selection select(
      EchoFleet fleet, String command, Set<Stage> accepted, Stage done, String explicitId) {
    if (explicitId != null) {
      return explicit(fleet, command, accepted, done, explicitId);
    }
    Optional<EchoInstance> newest = fleet.newestIn(accepted);
    if (newest.isPresent()) {
      return new Selection(newest.get(), null);
    }
    Optional<EchoInstance> head = fleet.head();
    if (head.isPresent() && fleet.stageOf(head.get()).isAtOrAfter(done)) {
      Stage stage = fleet.stageOf(head.get());
      return stop(
          Outcome.DONE,
          "nothing to " + command + ": the newest instance " + head.get().id() + " is already " + stage,
          head.get(),
          stage);
    }
    String where =
        head.map(h -> "; the newest is " + h.id() + " in stage " + fleet.stageOf(h) + hint(fleet.stageOf(h)))
            .orElse("; run 'rds-echo new' to restore one");
    return stop(
        Outcome.NOTHING_TO_ACT_ON,
        "no instance to " + command + ": none is in stage " + names(accepted) + where,
        head.orElse(null),
        head.map(fleet::stageOf).orElse(null));
  }

  private static Selection explicit(
      EchoFleet fleet, String command, Set<Stage> accepted, Stage done, String id) {
    Optional<EchoInstance> found = fleet.find(id);
    if (found.isEmpty()) {
      return stop(
          Outcome.NOTHING_TO_ACT_ON,
          "no instance " + id + " in this account and region: check --instance (rds-echo status lists ours)",
          null,
          null);
    }
    EchoInstance instance = found.get();
    if (!fleet.tags().isManaged(instance)) {
      return stop(
          Outcome.REFUSED,
          "refusing to " + command + " " + id + ": it has no tag " + fleet.tags().managed()
              + "=true, so it is not managed by this echo name and rds-echo will not touch it",
          instance,
          null);
    }
    Stage stage = fleet.stageOf(instance);
    if (accepted.contains(stage)) {
      return new Selection(instance, null);
    }
    if (stage.isAtOrAfter(done)) {
      return stop(
          Outcome.DONE, "nothing to " + command + ": " + id + " is already " + stage, instance, stage);
    }
    return stop(
        Outcome.NOTHING_TO_ACT_ON,
        "cannot " + command + " " + id + ": it is in stage " + stage + ", and " + command
            + " needs " + names(accepted) + hint(stage),
        instance,
        stage);
  }

  private static Selection stop(Outcome outcome, String message, EchoInstance instance, Stage stage) {
    return new Selection(null, Decision.stop(outcome, message, instance, stage));
  }

  /** What to run next for an instance in {@code stage}. */
  static String hint(Stage stage) {
    return switch (stage) {
      case NEW -> " (run 'rds-echo modify' next)";
      case MODIFIED -> " (run 'rds-echo reboot' next)";
      case REBOOTED, EXPORTED, SANITIZED -> " (run 'rds-echo promote' when it is ready)";
      default -> "";
    };
  }

  static String names(Set<Stage> stages) {
    return stages.stream().sorted().map(Stage::tagValue).collect(Collectors.joining(" or "));
  }

  /** The "not ready" stop for an instance RDS is still working on. */
  public static Decision notReady(EchoInstance instance, Stage stage, String command) {
    return Decision.stop(
        Outcome.NOT_READY,
        instance.id() + " is " + instance.status() + ", not available: run '" + command
            + "' again later, or with --wait",
        instance,
        stage);
  }
}

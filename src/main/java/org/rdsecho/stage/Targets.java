package org.rdsecho.stage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rdsecho.core.Outcome;

/**
 * Picks the instance a stage command acts on: the newest in an accepted stage, or the one named by
 * {@code --instance}; otherwise says why there is none, with the exit code the contract asks.
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
    Optional<Decision> unreadable = unknownStages(fleet, command);
    if (unreadable.isPresent()) {
      return new Selection(null, unreadable.get());
    }
    Optional<EchoInstance> newest = fleet.newestIn(accepted);
    if (newest.isPresent()) {
      return usable(fleet, newest.get(), command);
    }
    Optional<EchoInstance> head = fleet.head();
    if (head.isPresent() && fleet.stageOf(head.get()).isAtOrAfter(done)) {
      Stage stage = fleet.stageOf(head.get());
      return stop(
          Outcome.DONE,
          "nothing to "
              + command
              + ": the newest instance "
              + head.get().id()
              + " is already "
              + stage,
          head.get(),
          stage);
    }
    String where =
        head.map(
                h ->
                    "; the newest is "
                        + h.id()
                        + " in stage "
                        + fleet.stageOf(h)
                        + NextSteps.hint(fleet.stageOf(h)))
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
          "no instance "
              + id
              + " in this account and region: check --instance (rds-echo status lists ours)",
          null,
          null);
    }
    EchoInstance instance = found.get();
    if (fleet.isSource(instance)) {
      return stop(Outcome.REFUSED, refuseSource(command, id), instance, null);
    }
    Optional<String> notOurs = fleet.notOurs(instance);
    if (notOurs.isPresent()) {
      return stop(
          Outcome.REFUSED,
          "refusing to "
              + command
              + " "
              + id
              + ": "
              + notOurs.get()
              + "; rds-echo will not touch it",
          instance,
          null);
    }
    Optional<String> unknown = fleet.unknownStage(instance);
    if (unknown.isPresent()) {
      return stop(
          Outcome.REFUSED, refuseUnknown(command, instance, unknown.get(), fleet), instance, null);
    }
    Stage stage = fleet.stageOf(instance);
    if (accepted.contains(stage)) {
      return usable(fleet, instance, command);
    }
    if (stage.isAtOrAfter(done)) {
      return stop(
          Outcome.DONE,
          "nothing to " + command + ": " + id + " is already " + stage,
          instance,
          stage);
    }
    return stop(
        Outcome.NOTHING_TO_ACT_ON,
        "cannot "
            + command
            + " "
            + id
            + ": it is in stage "
            + stage
            + ", and "
            + command
            + " needs "
            + names(accepted)
            + NextSteps.hint(stage),
        instance,
        stage);
  }

  /** The instance to act on, unless RDS says it is broken beyond waiting. */
  private static Selection usable(EchoFleet fleet, EchoInstance instance, String command) {
    if (instance.isFailed()) {
      return stop(Outcome.FAILED, broken(instance, command), instance, fleet.stageOf(instance));
    }
    return new Selection(instance, null);
  }

  /** A refusal naming every managed instance whose stage tag cannot be read, if there is one. */
  public static Optional<Decision> unknownStages(EchoFleet fleet, String command) {
    List<EchoInstance> unknown = fleet.withUnknownStage();
    if (unknown.isEmpty()) {
      return Optional.empty();
    }
    EchoInstance first = unknown.get(0);
    return Optional.of(
        Decision.stop(
            Outcome.REFUSED,
            refuseUnknown(command, first, fleet.unknownStage(first).orElseThrow(), fleet),
            first,
            null));
  }

  static String refuseUnknown(String command, EchoInstance instance, String why, EchoFleet fleet) {
    return "refusing to "
        + command
        + ": "
        + instance.id()
        + " is managed under this name but "
        + why
        + "; rds-echo acts on no clone whose stage it cannot read. Find out who changed the tag, then set it"
        + " to the stage the clone is really in (aws rds add-tags-to-resource --resource-name "
        + instance.arn()
        + " --tags Key="
        + fleet.tags().stage()
        + ",Value=<stage>) or delete that clone yourself";
  }

  static String refuseSource(String command, String id) {
    return "refusing to "
        + command
        + " "
        + id
        + ": it is the source instance or cluster"
        + " (rdsecho.snapshot.dbInstanceIdentifier or dbClusterIdentifier),"
        + " which rds-echo never modifies, tags, promotes or deletes, whatever its tags say";
  }

  /** The message for a clone in a failed RDS state: it will not recover, here is the way out. */
  public static String broken(EchoInstance instance, String command) {
    return "cannot "
        + command
        + " "
        + instance.id()
        + ": RDS reports it as "
        + instance.status()
        + ", a state it does not leave by itself, so waiting would not help. Give it up with 'rds-echo forget"
        + " --instance "
        + instance.id()
        + "', delete it with 'rds-echo retire', then restore a fresh clone with"
        + " 'rds-echo new'";
  }

  private static Selection stop(
      Outcome outcome, String message, EchoInstance instance, Stage stage) {
    return new Selection(null, Decision.stop(outcome, message, instance, stage));
  }

  /** {@link #select} for one step of the table. */
  public static Selection select(EchoFleet fleet, Step step, String explicitId) {
    return select(fleet, step.command(), step.accepts(), step.leaves(), explicitId);
  }

  static String names(Set<Stage> stages) {
    return stages.stream().sorted().map(Stage::tagValue).collect(Collectors.joining(" or "));
  }

  /** The "not ready" stop for an instance RDS is still working on. */
  public static Decision notReady(EchoInstance instance, Stage stage, String command) {
    if (instance.isWriterMissing()) {
      return Decision.stop(
          Outcome.NOT_READY,
          "the cluster "
              + instance.id()
              + " has no writer instance yet (a run of"
              + " 'rds-echo new' was interrupted): run 'rds-echo new', which creates it, then '"
              + command
              + "'",
          instance,
          stage);
    }
    return Decision.stop(
        Outcome.NOT_READY,
        instance.id()
            + " is "
            + instance.status()
            + ", not available: run '"
            + command
            + "' again later, or with --wait",
        instance,
        stage);
  }

  /**
   * What to do about a clone the CNAME serves that is not tagged promoted: before promotion, a
   * promotion that stopped after moving DNS (a tag write failed) or a hand edit, which {@code
   * promote} settles either way (§15: never a dead end); else the CNAME was pointed at it by hand.
   */
  static String servedNote(Stage stage) {
    return stage.isPrePromotion()
        ? "; 'rds-echo promote' finishes what pointed DNS here (a promotion that stopped after"
            + " moving DNS, or a hand edit) and makes it the promoted clone; then promote a newer"
            + " clone, or 'rds-echo rollback', to stop using this one"
        : "; point it elsewhere with 'rds-echo promote' first";
  }
}

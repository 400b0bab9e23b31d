package org.rdsecho.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.lock.RunLock;
import org.rdsecho.plane.DataActions;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.Decision;

/**
 * The reconciler loop every stage command shares: observe and decide, wait and decide again while
 * not ready (only with {@code --wait}), print instead of writing on {@code --dry-run}, ask the
 * operator when the decision says so, apply the writes in order, then wait for AWS to finish.
 */
final class StageRunner {
  static final Duration POLL = Duration.ofSeconds(20);

  /** What to wait for once the writes are done, with {@code --wait}. */
  @FunctionalInterface
  interface AfterWrites {
    void await(Decision decision, List<String> changeIds);
  }

  private final Context ctx;
  private final String command;

  StageRunner(Context ctx, String command) {
    this.ctx = ctx;
    this.command = command;
  }

  /** The data plane that applies a decision's data-plane actions (export, sanitize). */
  @FunctionalInterface
  interface DataPlanes {
    DataActions open(Decision decision);
  }

  Result run(Supplier<Decision> decide, AfterWrites after) {
    return run(
        decide,
        d -> {
          throw new IllegalStateException(command + " has no data-plane actions");
        },
        after);
  }

  /**
   * Runs the command holding this echo name's run lock, so two runs that write (from cron and a
   * person, or two overlapping cron jobs) never work at once: the later one exits 75.
   */
  @SuppressWarnings("try") // the lock is held for the body, never read
  Result run(Supplier<Decision> decide, DataPlanes data, AfterWrites after) {
    if (ctx.holdsRunLock()) {
      return runLocked(decide, data, after);
    }
    try (RunLock lock = RunLock.acquire(ctx.lockDirectory(), ctx.name(), command, ctx.now())) {
      return runLocked(decide, data, after);
    }
  }

  private Result runLocked(Supplier<Decision> decide, DataPlanes data, AfterWrites after) {
    Decision decision = decideWaitingIfAsked(decide);
    List<String> planned = decision.actions().stream().map(Action::describe).toList();
    if (ctx.options().dryRun()) {
      return dryRun(decision, planned);
    }
    if (decision.askOperator()) {
      Optional<Result> refused = notConfirmed(decision, planned);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    List<String> changeIds = new ArrayList<>();
    Map<String, Object> extra = apply(decision, data, changeIds);
    if (ctx.options().waitForIt() && decision.outcome() == Outcome.DONE && decision.changes()) {
      after.await(decision, changeIds);
    }
    return result(
            decision, decision.outcome(), decision.changes(), false, decision.message(), planned)
        .withExtra(extra);
  }

  /** The writes printed, not made; a next step (advance) is planned on what they would leave. */
  private Result dryRun(Decision decision, List<String> planned) {
    // once done, when the real run would wait for them
    ctx.planned(
        decision.actions(), ctx.options().waitForIt() && decision.outcome() == Outcome.DONE);
    String message =
        decision.changes()
            // the text output's header already says "dry run: nothing was changed", JSON says
            // dryRun
            ? (planned.size() == 1 ? "1 write planned: " : planned.size() + " writes planned: ")
                + decision.message()
            : decision.message();
    return result(decision, decision.outcome(), false, true, message, planned);
  }

  /** The refusal when the operator cannot be asked or does not confirm; empty when confirmed. */
  private Optional<Result> notConfirmed(Decision decision, List<String> planned) {
    Operator operator = new Operator(ctx.env());
    String id = instanceId(decision);
    if (!operator.canBeAsked()) {
      return Optional.of(
          refused(
              decision,
              command
                  + " of "
                  + id
                  + " needs an operator's confirmation and standard input is not a"
                  + " terminal: nothing was changed; rerun with --yes"
                  + (command.equals("promote")
                      ? ", or record one with 'rds-echo confirm --by NAME'"
                      : "")));
    }
    String plan = "Plan:\n" + String.join("\n", planned.stream().map(p -> "  - " + p).toList());
    if (!operator.confirms(plan, id)) {
      return Optional.of(refused(decision, "not confirmed: nothing was changed"));
    }
    return Optional.empty();
  }

  /**
   * One executor for every write, in the decision's order: AWS actions through the adapters,
   * data-plane actions through the data plane. Returns the data plane's result fields.
   */
  private Map<String, Object> apply(Decision decision, DataPlanes data, List<String> changeIds) {
    DataActions plane = null;
    try {
      for (Action next : decision.actions()) {
        Action action = next;
        if (next instanceof CloudAction.Tag t && !t.pendingFiles().isEmpty()) {
          // a digest of a file an earlier action wrote (the manifest), filled in before the tag is
          // written
          DataActions written = plane;
          action = t.resolve(file -> written == null ? null : written.sha256Written(file));
        }
        if (plane != null && action instanceof CloudAction.Tag t) {
          // after scripts and dumps that took minutes, "when" is now, not when the run was planned:
          // a sanitized clone's stagedAt is never earlier than its sanitizeStartedAt
          action =
              t.restamped(
                  java.util.Set.of(ctx.tags().stagedAt(), ctx.tags().sanitizeRan()),
                  org.rdsecho.stage.TagValues.time(ctx.now()));
        }
        ctx.console().wrote(action.describe());
        if (action instanceof DataAction dataAction) {
          plane = plane == null ? data.open(decision) : plane;
          plane.apply(dataAction);
        } else if (action instanceof CloudAction cloudAction) {
          ctx.executor().apply(cloudAction).ifPresent(changeIds::add);
        }
      }
      return plane == null ? Map.of() : plane.resultFields();
    } finally {
      if (plane != null) {
        plane.close();
      }
    }
  }

  private Decision decideWaitingIfAsked(Supplier<Decision> decide) {
    Instant deadline = ctx.deadline();
    while (true) {
      Decision decision;
      String notReady;
      try {
        decision = decide.get();
        if (decision.outcome() != Outcome.NOT_READY || !ctx.options().waitForIt()) {
          return decision;
        }
        notReady = decision.message();
      } catch (EchoException e) {
        if (e.outcome() != Outcome.NOT_READY || !ctx.options().waitForIt()) {
          throw e;
        }
        notReady = e.getMessage();
      }
      pause(deadline, notReady);
    }
  }

  /** Sleeps one poll interval, or gives up (exit 75) once past the deadline. */
  void pause(Instant deadline, String why) {
    Duration left = Duration.between(ctx.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new EchoException(
          Outcome.NOT_READY,
          "gave up waiting after "
              + human(ctx.options().timeout())
              + " (--timeout counts from the command's start): "
              + why);
    }
    ctx.console().progress("waiting: " + why);
    try {
      // never sleep past the deadline, so --wait returns within a poll's AWS call of its timeout
      ctx.env().sleeper().sleep(left.compareTo(POLL) < 0 ? left : POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(
          Outcome.FAILED, "interrupted while waiting: run the command again to resume");
    }
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private Result result(
      Decision d,
      Outcome outcome,
      boolean changed,
      boolean dryRun,
      String message,
      List<String> actions) {
    return new Result(
        command,
        ctx.config().name(),
        outcome,
        changed,
        dryRun,
        message,
        instanceId(d),
        d.fromStage(),
        d.toStage(),
        actions,
        d.rule() == null ? Map.of() : Map.of("refused", d.rule()));
  }

  /** A refusal before any write: nothing changed, nothing planned is reported as done. */
  private Result refused(Decision d, String message) {
    return result(d, Outcome.REFUSED, false, false, message, List.of());
  }

  /** The instance a result names: the one acted on, or the clone the decision creates. */
  static String instanceId(Decision d) {
    return d.target() != null ? d.target().id() : d.newClone().orElse(null);
  }
}

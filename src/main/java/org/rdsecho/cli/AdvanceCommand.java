package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.core.Outcome;
import org.rdsecho.lock.RunLock;
import org.rdsecho.stage.Step;

/**
 * {@code advance}: one command for cron and Jenkins. Runs every configured step in order (new,
 * modify, reboot, export, sanitize, promote, retire) under one run lock, and stops at the first
 * that needs a person (4), is not ready (75) or fails (1, 2). A step with nothing to act on is
 * passed over, so an idle night exits 0. With {@code --wait} each step waits for its AWS work, so
 * one run takes a clone from snapshot to promotion.
 */
@Parameters(
    commandNames = "advance",
    commandDescription =
        "Move the newest clone as far as it can go, stopping where a person is needed; the one"
            + " command for cron and Jenkins")
final class AdvanceCommand implements EchoCommand {
  /** Enough for: finish the older clone, restore the newer snapshot, and see nothing left. */
  private static final int PASSES = 3;

  @ParametersDelegate final GlobalOptions global;

  AdvanceCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "advance";
  }

  /** The steps this configuration has, in the table's order (§3 "Configured steps"). */
  List<EchoCommand> steps(Context ctx) {
    return Step.advance(ctx.config()).stream().map(this::command).toList();
  }

  private EchoCommand command(Step step) {
    return switch (step) {
      case NEW -> new NewCommand(global);
      case MODIFY -> new ModifyCommand(global);
      case REBOOT -> new RebootCommand(global);
      case EXPORT -> new ExportCommand(global);
      case SANITIZE -> new SanitizeCommand(global);
      case VERIFY -> new VerifyCommand(global);
      case CARRY -> new CarryCommand(global);
      case PROMOTE -> new PromoteCommand(global);
      case RETIRE -> new RetireCommand(global);
      case CONFIRM, FORGET, ROLLBACK ->
          throw new IllegalArgumentException(step.command() + " is not run by advance");
    };
  }

  @Override
  @SuppressWarnings("try") // the lock is held for the body, never read
  public Result run(Context ctx) {
    ctx.name();
    ctx.config().requirePurpose(); // before the lock and any AWS call
    Preflight.check(ctx); // before the first AWS write: a typo must not cost a restore
    List<EchoCommand> steps = steps(ctx);
    try (RunLock lock = RunLock.acquire(ctx.lockDirectory(), ctx.name(), name(), ctx.now())) {
      ctx.holdingRunLock(true);
      return runSteps(ctx, steps);
    } finally {
      ctx.holdingRunLock(false);
    }
  }

  /**
   * The steps in order, pass after pass while a pass changes something (finishing an older clone
   * frees new to restore), each on what the earlier ones did (or, in a dry run, would have done).
   */
  private Result runSteps(Context ctx, List<EchoCommand> steps) {
    List<String> said = new ArrayList<>(); // every step's word that matters, in the order said
    String inFlight = null;
    List<String> actions = new ArrayList<>();
    boolean changed = false;
    Result last = null;
    // passes repeat while they change something: finishing an older clone frees new to restore
    for (int pass = 0; pass < PASSES; pass++) {
      boolean passChanged = false;
      for (EchoCommand step : steps) {
        Result r;
        try {
          r = step.run(ctx);
        } catch (org.rdsecho.core.EchoException e) {
          if (actions.isEmpty()) {
            throw e;
          }
          // a step failed after earlier ones wrote: the result still says what they did (a
          // promotion, a retirement), then what failed
          said.add(step.name() + ": " + e.getMessage());
          return summary(ctx, last, said, actions, !ctx.options().dryRun(), e.outcome());
        }
        last = r;
        passChanged |= wrote(r);
        actions.addAll(r.actions());
        if (r.outcome() == Outcome.CLONE_IN_FLIGHT && !wrote(r)) {
          // "an older clone is in flight" is only news when the run ends there; the later steps
          // usually finish that clone (promote it), and the summary must not say the opposite
          inFlight = step.name() + ": " + r.message();
        } else if (wrote(r) || !passesOver(r.outcome())) {
          // a promotion stays in the summary when the next pass's promote waits for a confirmation
          said.add(step.name() + ": " + r.message());
        }
        if (!passesOver(r.outcome()) && r.outcome() != Outcome.CLONE_IN_FLIGHT) {
          Result stopped = summary(ctx, r, said, actions, changed || passChanged, r.outcome());
          return housekeeping(ctx, steps, step, r, stopped, said, actions);
        }
      }
      changed |= passChanged;
      if (!passChanged) {
        break;
      }
    }
    if (said.isEmpty() && inFlight != null) {
      said.add(inFlight);
    }
    return summary(ctx, last, said, actions, changed, Outcome.DONE);
  }

  /**
   * A run that stops at a step waiting for a person or for AWS (or refused by a rule) still gives
   * retire its turn: forgotten clones whose rollback window ended are deleted whatever the newest
   * clone waits for, or they would pile up while a promotion waits for its confirmation. What
   * retire does there is no news for {@code -q}: the run is as quiet as the step that stopped it.
   */
  private Result housekeeping(
      Context ctx,
      List<EchoCommand> steps,
      EchoCommand stoppedAt,
      Result stopping,
      Result stopped,
      List<String> said,
      List<String> actions) {
    EchoCommand retire = steps.get(steps.size() - 1);
    boolean stillWaiting =
        stopping.outcome() == Outcome.AWAITING_CONFIRMATION
            || stopping.outcome() == Outcome.NOT_READY
            || stopping.outcome() == Outcome.REFUSED;
    if (!stillWaiting || !(retire instanceof RetireCommand) || retire == stoppedAt) {
      return stopped;
    }
    Result r;
    try {
      r = retire.run(ctx);
    } catch (org.rdsecho.core.EchoException e) {
      said.add(retire.name() + ": " + e.getMessage());
      return summary(
          ctx, stopping, said, actions, !actions.isEmpty() && !ctx.options().dryRun(), e.outcome());
    }
    if (!wrote(r) && r.outcome() != Outcome.FAILED) {
      return stopped;
    }
    actions.addAll(r.actions());
    said.add(retire.name() + ": " + r.message());
    Outcome outcome = r.outcome() == Outcome.FAILED ? Outcome.FAILED : stopping.outcome();
    Result result =
        summary(ctx, outcome == Outcome.FAILED ? r : stopping, said, actions, true, outcome);
    return outcome == Outcome.FAILED ? result : result.withRoutine(stopped.routine());
  }

  /** Whether a step wrote, or in a dry run would have written. */
  private static boolean wrote(Result r) {
    return r.dryRun() ? !r.actions().isEmpty() : r.changed();
  }

  /** Done or nothing to act on: the next step may still have work. */
  private static boolean passesOver(Outcome outcome) {
    return outcome == Outcome.DONE || outcome == Outcome.NOTHING_TO_ACT_ON;
  }

  /**
   * The run's result: each step that did something or stopped the run, in order, and (in text)
   * every write of the run, so a mail or a log names the promotion, the retirement and each
   * deletion.
   */
  private Result summary(
      Context ctx,
      Result last,
      List<String> said,
      List<String> actions,
      boolean changed,
      Outcome outcome) {
    String message =
        said.isEmpty()
            ? "nothing to do: every step is done or waiting for a new snapshot"
            : String.join("\n", said);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (last.extra().containsKey("refused")) {
      extra.put("refused", last.extra().get("refused"));
    }
    Result result =
        new Result(
            name(),
            ctx.name(),
            outcome,
            changed && !global.dryRun(),
            global.dryRun(),
            message,
            last.instance(),
            last.fromStage(),
            last.toStage(),
            actions,
            extra);
    if (global.dryRun() || actions.isEmpty()) {
      return result; // a dry run's writes are printed under its header already
    }
    return result.withDetails(
        (actions.size() == 1 ? "1 write:" : actions.size() + " writes:")
            + "\n"
            + String.join("\n", actions.stream().map(a -> "  - " + a).toList()));
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.Optional;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Decision;
import org.rdsecho.stage.NewPlanner;
import org.rdsecho.stage.NewSettings;

/**
 * {@code new}: observes (NewObservations), decides (NewPlanner, by the configured snapshot source)
 * and applies (StageRunner). With --wait, a decision that first takes or copies a snapshot is
 * followed, once that snapshot is available, by the next round's restore.
 */
@Parameters(commandNames = "new") // its help line is in the command table, stage/Step
final class NewCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  NewCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "new";
  }

  @Override
  public Result run(Context ctx) {
    ctx.config().requireSnapshotSource();
    ctx.config().requirePurpose();
    Preflight.check(ctx); // before the first AWS write: a typo must not cost a restore
    NewSettings want = NewSettings.of(ctx.config());
    while (true) {
      Round round = new Round();
      StageRunner runner = new StageRunner(ctx, name());
      Result result =
          runner.run(
              () -> NewPlanner.plan(want, NewObservations.of(ctx, want)),
              (decision, changes) -> round.await(ctx, runner, decision));
      if (round.snapshotMade) {
        continue; // the snapshot is there now: the next round restores it (and waits for the clone)
      }
      if (round.cloneMade && result.outcome() == Outcome.DONE && result.instance() != null) {
        // waited: the restore is done, not in progress ("… is available" was said before this line)
        String said = result.message();
        String done =
            said.startsWith("restoring ")
                ? "restored " + said.substring("restoring ".length())
                : said.startsWith("creating ")
                    ? "created " + said.substring("creating ".length())
                    : said;
        return result.withMessage(done + "; " + result.instance() + " is available");
      }
      return result;
    }
  }

  /** What one round's writes made, once --wait has waited for it. */
  private static final class Round {
    boolean snapshotMade;
    boolean cloneMade;

    void await(Context ctx, StageRunner runner, Decision decision) {
      Optional<String> taken = decision.newSnapshot();
      if (taken.isPresent()) {
        Waits.untilSnapshotAvailable(ctx, runner, taken.get());
        snapshotMade = true;
      } else {
        Waits.untilAvailable(ctx, runner, StageRunner.instanceId(decision));
        cloneMade = decision.newClone().isPresent();
      }
    }
  }
}

package org.rdsecho.model;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.model.Setup.Kms;
import org.rdsecho.model.Step.Command;

/**
 * The histories {@link StatefulEchoTest} found breaking a promise (issue 17), shrunk and kept as
 * plain tests: each replays the steps against the in-memory cloud with every invariant of {@link
 * EchoWorld} checked after each command, so each fails as the property did, naming the promise,
 * until the bug is fixed.
 */
class FoundByPropertiesTest {
  @TempDir Path dir;

  private void play(Setup setup, Step... steps) {
    EchoWorld world = new EchoWorld(dir, setup);
    for (Step step : steps) {
      if (!(step instanceof Command)) {
        world.note(step.toString());
      }
      step.apply(world);
    }
  }

  private static Setup setup(String type, Kms kms, boolean cname) {
    return new Setup(type, kms, cname, false, null, null, false, 0, false, false);
  }

  private static Command run(String line) {
    return Command.of(line, false);
  }

  private static Command twice(String line) {
    return Command.of(line, true);
  }

  /**
   * Finding 1: each copy kept the source's instance id and was newer, so it became the next copy's
   * source.
   */
  @Test
  void aCopyMadeWithAKeyIsNeverTheSourceOfTheNextCopy() {
    play(setup("any", Kms.NEW_KEY, true), run("advance --yes --wait --timeout 30m -q"));
  }

  @Test
  void aCopyOfAManualSnapshotIsNotANewManualSnapshot() {
    play(
        setup("manual", Kms.ENCRYPTED, true),
        run("advance --yes -q"),
        new Step.Settle(),
        run("new -q"));
  }

  /**
   * Finding 3: without CNAME or export, advance restored, retired and restored the same snapshot
   * again.
   */
  @Test
  void aPipelineWithNoPurposeNeverRestoresTwiceInOneRun() {
    play(setup("fresh", Kms.ENCRYPTED, false), run("advance --wait -q"));
  }

  /**
   * Finding 5: a person's point-in-time copy of our clone, tags copied, was modified as if ours.
   */
  @Test
  void aPersonsCopyOfOurCloneWithItsTagsIsNeverModified() {
    play(
        setup("shared", Kms.NONE, true),
        new Step.NewSnapshot("shared"),
        run("advance --yes -q"),
        new Step.ClockStep(Duration.ofHours(2)),
        new Step.PersonCopiesOurClone(0),
        new Step.EditStage(0, "rebooted"),
        new Step.Settle(),
        run("advance --yes -q"));
  }

  /** Finding 5: ... nor deleted, when the clone it copied was retired. */
  @Test
  void aPersonsCopyOfARetiredCloneWithItsTagsIsNeverDeleted() {
    play(
        setup("any", Kms.NONE, true),
        run("advance --yes --wait -q"),
        new Step.EditStage(0, "retired"),
        new Step.PersonCopiesOurClone(0),
        run("retire --yes -q"));
  }

  /**
   * Finding 7: forget, then retire, then new restored the same snapshot again, into the same
   * identifier.
   */
  @Test
  void aForgottenAndRetiredSnapshotIsNeverRestoredAgain() {
    play(
        setup("automated", Kms.NONE, true),
        run("new -q"),
        run("forget -q"),
        new Step.Settle(),
        run("advance -q"),
        new Step.Settle(),
        run("advance --yes --wait -q"));
  }

  /**
   * Finding 4: rollback pointed the CNAME at a newer clone that was forgotten before it was ever
   * promoted.
   */
  @Test
  void rollbackNeverGoesToACloneThatWasNeverPromoted() {
    play(
        setup("any", Kms.NONE, true),
        run("advance --yes --wait -q"),
        new Step.NewSnapshot("shared"),
        new Step.ClockStep(Duration.ofMinutes(15)),
        run("advance -q"),
        new Step.Settle(),
        run("forget -q"),
        run("rollback --yes -q"));
  }

  /** Finding 7: each wait of advance --wait started its own --timeout. */
  @Test
  void theTimeoutBoundsTheWholeCommand() {
    play(
        setup("automated", Kms.NONE, true),
        run("advance --yes --wait -q"),
        new Step.NewSnapshot("automated"),
        new Step.ClockStep(Duration.ofDays(1)),
        run("advance --yes --wait --timeout 1m -q"));
  }

  /**
   * A person's point-in-time copy of the clone in flight, tags copied, is not "older in flight" to
   * forget.
   */
  @Test
  void replacingAnUnpromotedCloneNeverForgetsAPersonsCopyOfIt() {
    play(
        new Setup("automated", Kms.NONE, true, true, null, null, true, 0, false, false),
        run("advance --wait -q"),
        new Step.PersonCopiesOurClone(0),
        new Step.NewSnapshot("automated"),
        run("new --yes -q"));
  }

  /**
   * A point in time already restored and given up is not restored again (a new "latest" is the same
   * night).
   */
  @Test
  void aGivenUpPointInTimeIsNeverRestoredAgain() {
    play(
        setup("pointInTime", Kms.NONE, true),
        run("new -q"),
        new Step.Settle(),
        run("forget -q"),
        run("retire -q"),
        new Step.Settle(),
        new Step.ClockStep(Duration.ofMinutes(15)),
        run("new -q"));
  }

  /**
   * Finding 7: keepFinalSnapshots counts the final snapshots one retire makes, however many clones
   * it retires.
   */
  @Test
  void oneRetireOfTwoClonesKeepsOnlyKeepFinalSnapshots() {
    play(
        new Setup("any", Kms.NONE, true, false, null, 1, true, 0, false, false),
        run("advance --yes --wait -q"),
        new Step.NewSnapshot("automated"),
        run("new -q"),
        new Step.Settle(),
        new Step.NewSnapshot("automated"),
        run("new --yes -q"),
        new Step.Settle(),
        run("modify --yes -q"),
        new Step.Settle(),
        run("reboot --yes -q"),
        new Step.Settle(),
        run("promote --yes -q"),
        twice("retire --yes -q"));
  }
}

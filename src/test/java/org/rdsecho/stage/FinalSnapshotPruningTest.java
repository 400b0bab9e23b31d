package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.RetireSettings;

/** {@code rdsecho.retire.keepFinalSnapshots}: only this name's final snapshots, newest N kept. */
class FinalSnapshotPruningTest {
  private static SnapshotInfo snapshot(
      String id, String source, int daysAgo, Map<String, String> tags) {
    return new SnapshotInfo(
        id, source, "manual", "available", NOW.minus(Duration.ofDays(daysAgo)), tags);
  }

  private static final Map<String, String> OURS =
      Map.of(TAGS.managed(), "true", TAGS.stage(), "retired");

  private static List<Action> prune(Integer keep, List<SnapshotInfo> snapshots) {
    return SnapshotPruning.beyondKept(
        new RetirePlanner.Inputs(
            new EchoFleet(TAGS, List.of()),
            new RetireSettings(false, null, keep),
            null,
            List::of,
            true,
            false,
            null,
            () -> snapshots,
            Set.of("production"),
            "development",
            null,
            NOW),
        0);
  }

  @Test
  void keepsTheNewestNOfOursAndNeverTouchesAnythingElse() {
    List<SnapshotInfo> snapshots =
        List.of(
            snapshot("development-1-final-20261120-030000", "development-1", 1, OURS),
            snapshot("development-2-final-20261119-030000", "development-2", 2, OURS),
            snapshot("development-3-final-20261118-030000", "development-3", 3, OURS),
            snapshot("development-4-final", "development-4", 4, OURS),
            snapshot("by-hand", "development-5", 5, Map.of()),
            snapshot(
                "other-echo",
                "s-1",
                6,
                Map.of("rdsecho:staging:managed", "true", "rdsecho:staging:stage", "retired")),
            snapshot("fresh-of-ours", "production", 7, Map.of(TAGS.managed(), "true")),
            snapshot("production-tagged", "production", 8, OURS),
            new SnapshotInfo(
                "development-6-final", "development-6", "manual", "creating", null, OURS));
    // the one still being made counts among the kept (it is the newest) but is never deleted
    assertEquals(
        List.of(
            new CloudAction.DeleteSnapshot("development-2-final-20261119-030000"),
            new CloudAction.DeleteSnapshot("development-3-final-20261118-030000"),
            new CloudAction.DeleteSnapshot("development-4-final")),
        prune(2, snapshots));
    assertEquals(List.of(), prune(null, snapshots), "all keeps every one");
    assertEquals(
        List.of(
            new CloudAction.DeleteSnapshot("development-1-final-20261120-030000"),
            new CloudAction.DeleteSnapshot("development-2-final-20261119-030000"),
            new CloudAction.DeleteSnapshot("development-3-final-20261118-030000"),
            new CloudAction.DeleteSnapshot("development-4-final")),
        prune(0, snapshots));
  }

  /**
   * prop17's shrunk failure: one retire of two forgotten clones with keepFinalSnapshots=1 kept two.
   */
  @Test
  void oneRetireOfTwoClonesMakesOnlyTheFinalSnapshotsItKeeps() {
    EchoInstance newer =
        TestInstances.inStage(
            Stage.FORGOTTEN, "development-b", "rds:snap-2", NOW.minusSeconds(3600));
    EchoInstance older =
        TestInstances.inStage(
            Stage.FORGOTTEN, "development-a", "rds:snap-1", NOW.minusSeconds(90_000));
    SnapshotInfo existing = snapshot("development-0-final", "development-0", 3, OURS);
    Decision d =
        RetirePlanner.decide(
            new RetirePlanner.Inputs(
                new EchoFleet(TAGS, List.of(older, newer)),
                new RetireSettings(false, null, 1),
                null,
                List::of,
                true,
                false,
                null,
                () -> List.of(existing),
                Set.of("production"),
                "development",
                null,
                NOW));
    List<Action> deletes =
        d.actions().stream()
            .filter(a -> a instanceof CloudAction.Delete || a instanceof CloudAction.DeleteSnapshot)
            .toList();
    assertEquals(
        List.of(
            new CloudAction.Delete(
                "development-b",
                FinalSnapshots.id(
                    new RetireSettings(false, null, 1), "development-b", newer.createdAt())),
            new CloudAction.Delete("development-a", null),
            new CloudAction.DeleteSnapshot("development-0-final")),
        deletes);
    org.junit.jupiter.api.Assertions.assertTrue(
        d.message().contains("no final snapshot of development-a"), d.message());
  }
}

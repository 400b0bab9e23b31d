package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig.RetireSettings;

/** {@code rdsecho.retire.keepFinalSnapshots}: only this name's final snapshots, newest N kept. */
class FinalSnapshotPruningTest {
  private static SnapshotInfo snapshot(String id, String source, int daysAgo, Map<String, String> tags) {
    return new SnapshotInfo(id, source, "manual", "available", NOW.minus(Duration.ofDays(daysAgo)), tags);
  }

  private static final Map<String, String> OURS = Map.of(TAGS.managed(), "true", TAGS.stage(), "retired");

  private static List<Action> prune(Integer keep, List<SnapshotInfo> snapshots) {
    return RetirePlanner.pruneFinalSnapshots(new RetirePlanner.Inputs(new EchoFleet(TAGS, List.of()),
        new RetireSettings(false, null, keep), null, () -> null, true, false, null, () -> snapshots,
        Set.of("production"), "development", null, NOW));
  }

  @Test
  void keepsTheNewestNOfOursAndNeverTouchesAnythingElse() {
    List<SnapshotInfo> snapshots = List.of(
        snapshot("development-1-final-20261120-030000", "development-1", 1, OURS),
        snapshot("development-2-final-20261119-030000", "development-2", 2, OURS),
        snapshot("development-3-final-20261118-030000", "development-3", 3, OURS),
        snapshot("development-4-final", "development-4", 4, OURS),
        snapshot("by-hand", "development-5", 5, Map.of()),
        snapshot("other-echo", "s-1", 6, Map.of("rdsecho:staging:managed", "true", "rdsecho:staging:stage", "retired")),
        snapshot("fresh-of-ours", "production", 7, Map.of(TAGS.managed(), "true")),
        snapshot("production-tagged", "production", 8, OURS),
        new SnapshotInfo("development-6-final", "development-6", "manual", "creating", null, OURS));
    // the one still being made counts among the kept (it is the newest) but is never deleted
    assertEquals(List.of(new Action.DeleteSnapshot("development-2-final-20261119-030000"),
        new Action.DeleteSnapshot("development-3-final-20261118-030000"),
        new Action.DeleteSnapshot("development-4-final")), prune(2, snapshots));
    assertEquals(List.of(), prune(null, snapshots), "all keeps every one");
    assertEquals(4, prune(0, snapshots).size());
  }
}

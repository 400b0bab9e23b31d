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
        snapshot("d-1-final", "d-1", 1, OURS),
        snapshot("d-2-final", "d-2", 2, OURS),
        snapshot("d-3-final", "d-3", 3, OURS),
        snapshot("d-4-final", "d-4", 4, OURS),
        snapshot("by-hand", "d-5", 5, Map.of()),
        snapshot("other-echo", "s-1", 6, Map.of("rdsecho:staging:managed", "true", "rdsecho:staging:stage", "retired")),
        snapshot("fresh-of-ours", "production", 7, Map.of(TAGS.managed(), "true")),
        snapshot("production-tagged", "production", 8, OURS),
        new SnapshotInfo("d-6-final", "d-6", "manual", "creating", null, OURS));
    assertEquals(List.of(new Action.DeleteSnapshot("d-3-final"), new Action.DeleteSnapshot("d-4-final")),
        prune(2, snapshots));
    assertEquals(List.of(), prune(null, snapshots), "all keeps every one");
    assertEquals(4, prune(0, snapshots).size());
  }
}

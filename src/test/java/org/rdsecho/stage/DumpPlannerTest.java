package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.stage.DumpPlanner.DumpSet;

/** The writes of a dump set, exactly and in order. */
class DumpPlannerTest {
  private static final Map<String, String> FILES = new LinkedHashMap<>(Map.of("shop", "shop.sql.gz"));

  @Test
  void dumpsThenTheManifestThenTheOlderSetsBeyondKeepThatNobodyHolds() {
    List<DumpSet> existing = List.of(
        new DumpSet("/d/2026-11-20", "2026-11-20T04:00:00Z", false),
        new DumpSet("/d/2026-11-19", "2026-11-19T04:00:00Z", false),
        new DumpSet("/d/2026-11-18", "2026-11-18T04:00:00Z", true),
        new DumpSet("/d/2026-11-17", "2026-11-17T04:00:00Z", false),
        new DumpSet("/d/2026-11-21", "2026-11-21T01:00:00Z", false));
    assertEquals(List.of(
        new Action.Dump("shop", "/d/2026-11-21", "shop.sql.gz"),
        new Action.WriteManifest("/d/2026-11-21", "raw"),
        new Action.RemoveDumpSet("/d/2026-11-19", 2),
        new Action.RemoveDumpSet("/d/2026-11-17", 2)),
        DumpPlanner.actions(FILES, "/d/2026-11-21", "raw", existing, 2),
        "the set being rewritten is never removed, nor one another run holds");
    assertEquals(2, DumpPlanner.actions(FILES, "/d/2026-11-21", "raw", existing, null).size(), "no keep, no pruning");
    assertEquals(2, DumpPlanner.actions(FILES, "/d/x", "raw", List.of(), 1).size());
  }

  @Test
  void theDumpSaysInHowManyStreamsAtMostItsTablesMayBeDumped() {
    List<Action> actions = DumpPlanner.actions(FILES, DumpSelection.WHOLE, 3, "/d/x", "raw", List.of(), null);
    assertEquals(new Action.Dump("shop", "/d/x", "shop.sql.gz", List.of(), false, null, 3), actions.get(0));
    assertEquals("dump database 'shop' (in up to 3 streams) to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        actions.get(0).describe());
    assertEquals("dump database 'shop' to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        DumpPlanner.actions(FILES, DumpSelection.WHOLE, 1, "/d/x", "raw", List.of(), null).get(0).describe());
    DumpSelection oneTable = new DumpSelection(Map.of("shop", List.of("orders")), true, null);
    assertEquals("dump table(s) 'orders' of database 'shop' (rows only) to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        DumpPlanner.actions(FILES, oneTable, 3, "/d/x", "raw", List.of(), null).get(0).describe(),
        "one chosen table, one stream");
  }
}

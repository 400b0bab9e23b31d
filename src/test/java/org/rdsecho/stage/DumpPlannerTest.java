package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DumpPlanner.DumpSet;

/** The writes of a dump set, exactly and in order. */
class DumpPlannerTest {
  /**
   * The writes of a set of database shop into {@code dir}, with {@code existing} sets beside it.
   */
  private static List<Action> actions(
      DumpSelection selection, int streams, String dir, List<DumpSet> existing, Integer keep) {
    DumpRequest request =
        new DumpRequest(
            "dev",
            DumpKind.RAW,
            "dev-b",
            List.of("shop"),
            Set.of("mysql"),
            selection,
            streams,
            ".sql.gz",
            keep);
    return DumpPlanner.plan(
        request,
        new DumpObservation(
            List.of("mysql", "shop"),
            new DirectoryDestination(dir, "rdsecho.export.dir", null, existing),
            List.of()));
  }

  private static List<Action> actions(String dir, List<DumpSet> existing, Integer keep) {
    return actions(DumpSelection.WHOLE, 1, dir, existing, keep);
  }

  @Test
  void dumpsThenTheManifestThenTheOlderSetsBeyondKeepThatNobodyHolds() {
    List<DumpSet> existing =
        List.of(
            new DumpSet("/d/2026-11-20", "2026-11-20T04:00:00Z", false),
            new DumpSet("/d/2026-11-19", "2026-11-19T04:00:00Z", false),
            new DumpSet("/d/2026-11-18", "2026-11-18T04:00:00Z", true),
            new DumpSet("/d/2026-11-17", "2026-11-17T04:00:00Z", false),
            new DumpSet("/d/2026-11-21", "2026-11-21T01:00:00Z", false));
    assertEquals(
        List.of(
            new DataAction.Dump("shop", "/d/2026-11-21", "shop.sql.gz"),
            new DataAction.WriteManifest("/d/2026-11-21", DumpKind.RAW),
            new DataAction.RemoveDumpSet("/d/2026-11-19", 2),
            new DataAction.RemoveDumpSet("/d/2026-11-17", 2)),
        actions("/d/2026-11-21", existing, 2),
        "the set being rewritten is never removed, nor one another run holds");
    assertEquals(2, actions("/d/2026-11-21", existing, null).size(), "no keep, no pruning");
    assertEquals(2, actions("/d/x", List.of(), 1).size());
  }

  @Test
  void theDumpSaysInHowManyStreamsAtMostItsTablesMayBeDumped() {
    List<Action> actions = actions(DumpSelection.WHOLE, 3, "/d/x", List.of(), null);
    assertEquals(
        new DataAction.Dump("shop", "/d/x", "shop.sql.gz", List.of(), false, null, 3),
        actions.get(0));
    assertEquals(
        "dump database 'shop' (in up to 3 streams) to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        actions.get(0).describe());
    assertEquals(
        "dump database 'shop' to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        actions(DumpSelection.WHOLE, 1, "/d/x", List.of(), null).get(0).describe());
    DumpSelection oneTable = new DumpSelection(Map.of("shop", List.of("orders")), true, null);
    assertEquals(
        "dump table(s) 'orders' of database 'shop' (rows only) to /d/x/shop.sql.gz (and shop.sql.gz.sha256)",
        actions(oneTable, 3, "/d/x", List.of(), null).get(0).describe(),
        "one chosen table, one stream");
  }

  private static String refusal(DumpPlanner.Occupant o, DumpKind kind) {
    EchoException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            EchoException.class,
            () -> DumpPlanner.checkApart(List.of(o), "dev", kind, "dev-b", "rdsecho.export.dir"));
    assertEquals(Outcome.REFUSED, e.outcome());
    return e.getMessage();
  }

  @Test
  void aDestinationHoldingAnotherEchosClonesOrKindsSetIsRefusedNamingWhatKeepsThemApart() {
    org.junit.jupiter.api.Assertions.assertTrue(
        refusal(
                new DumpPlanner.Occupant("/d/2026-11-21", true, "qa", DumpKind.RAW, "qa-a"),
                DumpKind.RAW)
            .contains(
                "it holds the complete raw dump set of echo 'qa' (clone qa-a), which is never"
                    + " overwritten: add {name} to rdsecho.export.dir"));
    org.junit.jupiter.api.Assertions.assertTrue(
        refusal(
                new DumpPlanner.Occupant("/d/2026-11-21", true, "dev", DumpKind.RAW, "dev-a"),
                DumpKind.RAW)
            .contains(
                "clone dev-a of this echo, which is never overwritten: add {instance} to"
                    + " rdsecho.export.dir"));
    org.junit.jupiter.api.Assertions.assertTrue(
        refusal(
                new DumpPlanner.Occupant("/d/2026-11-21", true, "dev", DumpKind.SANITIZED, "dev-b"),
                DumpKind.RAW)
            .contains("give the raw and the sanitized sets destinations apart"));
    org.junit.jupiter.api.Assertions.assertTrue(
        refusal(new DumpPlanner.Occupant("/d/x", false, null, null, null), DumpKind.RAW)
            .contains("a manifest.json that rds-echo did not write"));
    // this clone's own set of this kind (a rerun after a crash) is written again
    DumpPlanner.checkApart(
        List.of(new DumpPlanner.Occupant("/d/x", true, "dev", DumpKind.RAW, "dev-b")),
        "dev",
        DumpKind.RAW,
        "dev-b",
        "rdsecho.export.dir");
    DumpPlanner.checkApart(List.of(), "dev", DumpKind.RAW, "dev-b", "rdsecho.export.dir");
  }
}

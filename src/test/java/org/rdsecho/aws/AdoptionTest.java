package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.Ownership;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;

/**
 * A restore whose identifier was taken between the look and the write: adopted only when it is our
 * live clone of the same snapshot (a concurrent new), never a clone given up and being deleted, nor
 * anything that is not ours (§15).
 */
class AdoptionTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  private static final EchoTags TAGS = new EchoTags("development");

  @TempDir Path dir;

  private final List<String> notes = new ArrayList<>();

  private ActionExecutor executor(FakeRds rds) {
    RdsInstances instances = new RdsInstances(rds);
    return new ActionExecutor(
        instances,
        new RdsClusters(rds, instances),
        new RdsSnapshots(rds),
        null,
        new Ownership(TAGS, Set.of("production"), null),
        Map.of(),
        Set.of("production"),
        notes::add,
        new org.rdsecho.stage.RunBudget());
  }

  private CloudAction.Restore restore(String id) {
    EchoConfig config = new Harness(dir).parsedConfig();
    return new CloudAction.Restore(
        id, "rds:snap-2", config.restore(), TAGS.birth(id, "rds:snap-2", NOW, Map.of()));
  }

  private static FakeRds.Instance clone(
      FakeRds rds, String id, String stage, String snapshot, String status) {
    FakeRds.Instance i = rds.addInstance(id, status, NOW.minusSeconds(3600));
    i.tags.putAll(
        Map.of(
            TAGS.managed(),
            "true",
            TAGS.identity(),
            id,
            TAGS.stage(),
            stage,
            TAGS.snapshot(),
            snapshot));
    return i;
  }

  @Test
  void ourLiveCloneOfTheSameSnapshotIsAdopted() {
    FakeRds rds = new FakeRds(() -> NOW, new org.rdsecho.testing.WriteBudget());
    rds.addSnapshot("rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600));
    clone(rds, "development-x", "new", "rds:snap-2", "creating");
    executor(rds).apply(restore("development-x"));
    assertTrue(notes.get(0).contains("adopting it"), notes.toString());
  }

  @Test
  void aCloneGivenUpAndBeingDeletedUnderTheNameIsNeverAdopted() {
    FakeRds rds = new FakeRds(() -> NOW, new org.rdsecho.testing.WriteBudget());
    rds.addSnapshot("rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600));
    clone(rds, "development-x", "retired", "rds:snap-2", "deleting");
    EchoException e =
        assertThrows(EchoException.class, () -> executor(rds).apply(restore("development-x")));
    assertEquals(Outcome.NOT_READY, e.outcome());
    assertTrue(
        e.getMessage().contains("a new clone never takes the name of one that still exists"),
        e.getMessage());
    assertEquals(List.of(), notes);
  }

  @Test
  void anInstanceRestoredFromOursBySomeoneIsNeverAdopted() {
    FakeRds rds = new FakeRds(() -> NOW, new org.rdsecho.testing.WriteBudget());
    rds.addSnapshot("rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600));
    FakeRds.Instance copy = clone(rds, "development-x", "new", "rds:snap-2", "available");
    copy.tags.put(TAGS.identity(), "development-original");
    EchoException e =
        assertThrows(EchoException.class, () -> executor(rds).apply(restore("development-x")));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(e.getMessage().contains("tags copied from development-original"), e.getMessage());
  }
}

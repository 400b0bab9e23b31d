package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.stage.FreshSnapshots;
import org.rdsecho.testing.AwsCall;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PolicyEvaluator;

/**
 * snapshot.type=fresh (issue 10, part): new takes a snapshot of the source first, restores it once
 * available, never takes a second after an interruption, and retire prunes only the snapshots it
 * took, beyond snapshot.keep.
 */
class FreshSnapshotScenarioTest {
  private static final String FIRST = "rdsecho-development-20261121-030000";

  @TempDir Path dir;

  private Harness fresh() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "fresh");
    return h;
  }

  private static long creates(Harness h) {
    return h.rds.writeLog().stream().filter(w -> w.startsWith("CreateDBSnapshot")).count();
  }

  @Test
  void newTakesAFreshSnapshotThenRestoresItOnceAvailable() {
    Harness h = fresh();
    Run dry = h.run("new", "--dry-run");
    assertTrue(
        dry.out().contains("take snapshot " + FIRST + " of the source production, tagged"),
        dry.out());
    Run taken = h.run("new");
    assertEquals(0, taken.exitCode(), taken.out() + taken.err());
    assertEquals("true", h.rds.snapshots().get(FIRST).tags().get("rdsecho:development:managed"));
    Run early = h.run("new");
    assertEquals(75, early.exitCode(), early.out());
    assertTrue(
        early.out().contains("the fresh snapshot " + FIRST + " of production is still being taken"),
        early.out());
    h.rds.settle();
    Run restored = h.run("new");
    assertEquals(0, restored.exitCode(), restored.out());
    String clone = Harness.cloneId(FIRST, Harness.START);
    assertEquals(FIRST, h.rds.instance(clone).restoredFrom);
    h.rds.settle();
    assertEquals(0, h.run("new").exitCode());
    assertEquals(1, creates(h), "one snapshot, one clone");
    assertEquals("available", h.rds.instance("production").status);
  }

  @Test
  void newWithWaitTakesTheSnapshotAndRestoresItInOneRun() {
    Harness h = fresh();
    h.rds.settleAfterDescribes(2);
    Run run = h.run("new", "--wait");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("available", h.rds.instance(Harness.cloneId(FIRST, Harness.START)).status);
    // once waited for, the result says it is done (the progress line said "available" before it)
    assertTrue(run.out().startsWith("restored " + FIRST), run.out());
    assertTrue(
        run.out().strip().endsWith(Harness.cloneId(FIRST, Harness.START) + " is available"),
        run.out());
  }

  @Test
  void withAKeyTheFreshSnapshotIsCopiedWithItAndTheCopyRestoredEachOnceWhateverTheInterruption() {
    Harness reference = null;
    for (int crashAt = 0; crashAt <= 3; crashAt++) {
      Path run = dir.resolve("crash" + crashAt);
      run.toFile().mkdirs();
      Harness h = new Harness(run).usualNight();
      h.config.put("rdsecho.snapshot.type", "fresh");
      h.config.put("rdsecho.new.kmsKeyId", "alias/rds-echo");
      if (crashAt > 0) {
        h.budget.crashAfter(crashAt);
      }
      for (int attempt = 0;
          attempt < 8 && h.rds.instances().values().stream().noneMatch(i -> i.restoredFrom != null);
          attempt++) {
        Run step = h.run("new");
        assertTrue(List.of(0, 1, 75).contains(step.exitCode()), step.out() + step.err());
        h.rds.settle();
        h.clock.advance(Duration.ofMinutes(10)); // the copy is younger than the snapshot it copies
      }
      String copy = FreshSnapshots.copyIdFor("development", FIRST);
      assertEquals(1, creates(h), "one fresh snapshot, crash after write #" + crashAt);
      assertEquals(
          1,
          h.rds.writeLog().stream().filter(w -> w.startsWith("CopyDBSnapshot")).count(),
          "one copy, crash after write #" + crashAt + ": " + h.rds.writeLog());
      assertTrue(
          h.rds.instances().values().stream().anyMatch(i -> copy.equals(i.restoredFrom)),
          "the copy made with the key is restored");
      assertEquals(
          1, h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBInstance")).count());
      reference = h;
    }
    int writes = reference.rds.writeLog().size();
    assertEquals(0, reference.run("new").exitCode());
    assertEquals(
        writes,
        reference.rds.writeLog().size(),
        "a rerun copies and restores nothing: " + reference.rds.writeLog());
  }

  @Test
  void aCrashAfterTakingTheSnapshotNeverTakesASecond() {
    Harness h = fresh();
    h.budget.crashAfter(1);
    assertEquals(1, h.run("new").exitCode());
    h.clock.advance(Duration.ofMinutes(15));
    assertEquals(75, h.run("new").exitCode(), "the snapshot is still being taken");
    h.rds.settle();
    h.clock.advance(Duration.ofMinutes(15));
    assertEquals(0, h.run("new").exitCode());
    assertEquals(1, creates(h));
  }

  @Test
  void aSnapshotOlderThanMaxAgeIsReplacedAndRetirePrunesOnlyOursBeyondKeep() {
    Harness h = fresh();
    h.config.put("rdsecho.snapshot.maxAge", "20h");
    h.config.put("rdsecho.snapshot.keep", "1");
    h.config.put("rdsecho.retire.skipFinalSnapshot", "true");
    h.rds.addSnapshot(
        "manual-by-a-person",
        "production",
        "manual",
        "available",
        Harness.START.minusSeconds(86_400 * 9));
    h.rds.addSnapshot(
        "rdsecho-staging-20261101-030000",
        "production",
        "manual",
        "available",
        Harness.START.minusSeconds(86_400 * 20),
        Map.of("rdsecho:staging:managed", "true"));
    h.rds.settleAfterDescribes(2);
    for (int night = 0; night < 3; night++) {
      assertEquals(0, h.run("new", "--wait").exitCode());
      assertEquals(0, h.run("modify", "--wait").exitCode());
      assertEquals(0, h.run("reboot", "--wait").exitCode());
      assertEquals(0, h.run("promote", "--yes", "--wait").exitCode());
      Run retire = h.run("retire", "--wait");
      assertEquals(0, retire.exitCode(), retire.out());
      h.clock.advance(Duration.ofDays(1));
    }
    assertEquals(
        3, creates(h), "one fresh snapshot a night: the one of yesterday is older than maxAge");
    List<String> ours =
        h.rds.snapshots().keySet().stream()
            .filter(s -> s.startsWith("rdsecho-development-"))
            .toList();
    assertEquals(1, ours.size(), "keep=1: " + ours);
    assertTrue(
        ours.get(0).startsWith("rdsecho-development-20261123-"), "the newest is kept: " + ours);
    assertTrue(h.rds.snapshots().containsKey("manual-by-a-person"));
    assertTrue(h.rds.snapshots().containsKey("rdsecho-staging-20261101-030000"));
    assertTrue(
        h.rds.snapshots().containsKey(Harness.NEW_SNAPSHOT),
        "automated snapshots are never touched");
  }

  @Test
  void theGeneratedPolicyAllowsEveryCallOfFreshNights() throws Exception {
    Harness h = fresh();
    h.config.put("rdsecho.snapshot.keep", "1");
    h.rds.settleAfterDescribes(2);
    for (int night = 0; night < 2; night++) {
      for (String[] command :
          List.of(
              new String[] {"new", "--wait"},
              new String[] {"modify", "--wait"},
              new String[] {"reboot", "--wait"},
              new String[] {"promote", "--yes", "--wait"},
              new String[] {"retire"})) {
        assertTrue(List.of(0, 3).contains(h.run(command).exitCode()), String.join(" ", command));
      }
      h.clock.advance(Duration.ofDays(1));
    }
    Map<String, Object> document =
        new ObjectMapper()
            .readValue(h.run("-o", "json", "iam-policy").out(), new TypeReference<>() {});
    PolicyEvaluator policy = new PolicyEvaluator(document);
    assertTrue(h.rds.calls.stream().anyMatch(c -> c.action().equals("rds:CreateDBSnapshot")));
    assertTrue(h.rds.calls.stream().anyMatch(c -> c.action().equals("rds:DeleteDBSnapshot")));
    for (AwsCall call : h.rds.calls) {
      assertNull(policy.denied(call), call.action() + " on " + call.resources());
    }
  }
}

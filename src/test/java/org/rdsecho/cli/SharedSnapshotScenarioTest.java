package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.stage.FreshSnapshots;
import org.rdsecho.testing.AwsCall;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PolicyEvaluator;

/**
 * snapshot.type=shared with copyKmsKeyId (issue 10, part): the newest snapshot shared from the
 * production account is copied into this account with a key of its own, once, then restored.
 */
class SharedSnapshotScenarioTest {
  private static final String SHARED =
      "arn:aws:rds:us-east-1:999999999999:snapshot:rds:production-2026-11-20-03-00";

  @TempDir Path dir;

  private Harness shared() {
    Harness h = new Harness(dir);
    h.route53.addZone(Harness.ZONE, "example.co.uk.", false);
    h.rds.addSnapshot(
        SHARED, "production", "shared", "available", Harness.START.minus(Duration.ofHours(5)));
    h.config.put("rdsecho.snapshot.type", "shared");
    h.config.put("rdsecho.snapshot.copyKmsKeyId", "alias/rds-echo");
    return h;
  }

  private static long copies(Harness h) {
    return h.rds.writeLog().stream().filter(w -> w.startsWith("CopyDBSnapshot")).count();
  }

  @Test
  void theSharedSnapshotIsCopiedOnceThenTheCopyIsRestored() {
    Harness h = shared();
    String copy = FreshSnapshots.copyIdFor("development", SHARED);
    Run dry = h.run("new", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "copy snapshot "
                    + SHARED
                    + " into this account as "
                    + copy
                    + " with KMS key alias/rds-echo"),
        dry.out());
    h.budget.crashAfter(1);
    assertEquals(1, h.run("new").exitCode(), "interrupted right after the copy started");
    Run early = h.run("new");
    assertEquals(75, early.exitCode(), early.out());
    assertTrue(
        early.out().contains("the copy " + copy + " of " + SHARED + " is still being made"),
        early.out());
    h.rds.settle();
    Run restored = h.run("new");
    assertEquals(0, restored.exitCode(), restored.out() + restored.err());
    assertEquals(1, copies(h), "one copy, whatever the interruption");
    assertTrue(h.rds.instances().values().stream().anyMatch(i -> copy.equals(i.restoredFrom)));
    assertEquals("true", h.rds.snapshots().get(copy).tags().get("rdsecho:development:managed"));
  }

  @Test
  void aKeyThisAccountCannotUseFailsWithTheKeyNamed() {
    Harness h = shared();
    h.config.put("rdsecho.snapshot.copyKmsKeyId", "alias/production-key");
    Run run = h.run("new");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains("KMSKeyNotAccessibleFault")
            && run.err().contains("alias/production-key"),
        run.err());
  }

  @Test
  void theGeneratedPolicyAllowsTheCopyAndTheRestoreOfIt() throws Exception {
    Harness h = shared();
    h.rds.settleAfterDescribes(2);
    assertEquals(0, h.run("new", "--wait").exitCode());
    Map<String, Object> document =
        new ObjectMapper()
            .readValue(h.run("-o", "json", "iam-policy").out(), new TypeReference<>() {});
    PolicyEvaluator policy = new PolicyEvaluator(document);
    assertTrue(h.rds.calls.stream().anyMatch(c -> c.action().equals("rds:CopyDBSnapshot")));
    for (AwsCall call : h.rds.calls) {
      assertNull(policy.denied(call), call.action() + " on " + call.resources());
    }
  }
}

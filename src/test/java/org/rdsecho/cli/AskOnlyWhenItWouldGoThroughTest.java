package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * §17 "Asked only when it would go through": exit 4 is either a person's to give (a confirmation)
 * or a rule's refusal, and JSON tells them apart, so a Jenkins input step asks a person only for
 * the first kind. A promotion that a rule refuses records no request and names its rule.
 */
class AskOnlyWhenItWouldGoThroughTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Harness cloneWaitingForPromotion() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    return h;
  }

  @Test
  void aCnameOnTheSourceIsRefusedByItsRuleWithoutAskingAnybody() throws Exception {
    Harness h = cloneWaitingForPromotion();
    FakeRds.Instance source = h.rds.instance("production");
    h.route53.putCname(Harness.ZONE, Harness.CNAME, source.endpoint());
    for (String command : new String[] {"promote", "advance"}) {
      Run run = h.run("-o", "json", command);
      JsonNode doc = json.readTree(run.out());
      assertEquals(4, run.exitCode(), run.out());
      assertEquals("cname-not-ours", doc.path("refused").asText(), command + ": " + run.out());
      assertTrue(doc.path("awaiting").isMissingNode(), run.out());
      assertTrue(doc.get("message").asText().contains("--take-over"), run.out());
    }
    assertFalse(
        h.rds
            .instance(Harness.newCloneId())
            .tags
            .containsKey("rdsecho:development:promoteRequestedAt"),
        "no request recorded for a promotion that would be refused");

    // once the rule passes (the operator takes the name over), the same clone waits for a person
    Run taken = h.run("-o", "json", "promote", "--take-over");
    JsonNode doc = json.readTree(taken.out());
    assertEquals(4, taken.exitCode());
    assertEquals("confirmation", doc.path("awaiting").asText(), taken.out());
    assertTrue(doc.path("refused").isMissingNode(), taken.out());
  }

  @Test
  void anUnpassedGateIsRefusedByName() throws Exception {
    Harness h = cloneWaitingForPromotion();
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.dir", "clean");
    java.nio.file.Files.writeString(dir.resolve("scrub.sql"), "UPDATE users SET email = NULL;\n");
    Run run = h.run("-o", "json", "promote");
    assertEquals(4, run.exitCode());
    assertEquals("gate:sanitize", json.readTree(run.out()).path("refused").asText(), run.out());
  }

  @Test
  void anAdvanceThatPromotesAndThenWaitsSaysItPromotedAndListsEveryWrite() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.rds.instance(Harness.newCloneId()).tags.put("rdsecho:development:confirmedBy", "alice");
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    String newer = "rds:production-2026-11-21-02-00";
    h.rds.addSnapshot(
        newer, "production", "automated", "available", Harness.START.minusSeconds(3600));
    Run run = h.run("advance");
    assertEquals(75, run.exitCode(), "the next clone is being created: " + run.out() + run.err());
    assertTrue(
        run.out().contains("promote: promoted " + Harness.newCloneId()),
        "the promotion is named: " + run.out());
    assertTrue(run.out().contains("new: restoring " + newer), run.out());
    assertTrue(
        run.out().contains("writes:\n  - point CNAME " + Harness.CNAME),
        "every write listed: " + run.out());
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * {@code status} tells where it looked, whose the CNAME is, pending promotions and final snapshots.
 */
class StatusReportTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void jsonCarriesRegionAccountCnameConfirmationsAndFinalSnapshotsAsFields() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available")
        .tags
        .put("rdsecho:development:promoteRequestedAt", "2026-11-21T02:00:00Z");
    h.rds.addSnapshot(
        "development-x-final-20261101-030000",
        "development-x",
        "manual",
        "available",
        Harness.START.minusSeconds(86_400 * 20),
        java.util.Map.of(
            "rdsecho:development:managed", "true", "rdsecho:development:stage", "retired"));
    JsonNode doc = json.readTree(h.run("-o", "json", "status").out());
    assertEquals("us-east-1", doc.get("region").asText());
    assertEquals("123456789012", doc.get("account").asText());
    assertEquals(Harness.CNAME, doc.get("cname").get("name").asText());
    assertTrue(doc.get("cname").get("managed").asBoolean());
    assertEquals(Harness.oldCloneId(), doc.get("cname").get("instance").asText());
    assertEquals(
        "2026-11-21T02:00:00Z", doc.get("instances").get(0).get("promoteRequestedAt").asText());
    assertEquals("development-x-final-20261101-030000", doc.get("finalSnapshots").get(0).asText());
    assertFalse(
        doc.get("message").asText().contains("INSTANCE"), "no text table inside the JSON message");

    Run text = h.run("status");
    assertTrue(
        text.out().contains("CNAME " + Harness.CNAME + " points at " + Harness.oldCloneId()),
        text.out());
    assertTrue(
        text.out()
            .contains("promotion requested at 2026-11-21T02:00:00Z, waiting for 'rds-echo confirm"),
        text.out());
    assertTrue(text.out().contains("final snapshots of retired clones: 1"), text.out());
    assertTrue(
        text.out()
            .contains(
                "managed under the name development in region us-east-1, account 123456789012"),
        text.out());
  }

  @Test
  void aCnameOnSomeoneElsesDatabaseIsSaidAndTheLegendOnlyShowsWhenSomethingIsMarked() {
    Harness h = new Harness(dir).usualNight();
    h.route53.putCname(Harness.ZONE, Harness.CNAME, h.rds.instance("production").endpoint());
    Run run = h.run("status");
    assertTrue(
        run.out().contains("points at the SOURCE instance production (promote needs --take-over)"),
        run.out());
    assertFalse(
        run.out().contains("points here)"), "nothing is marked, so no legend: " + run.out());
  }

  @Test
  void anEmptyRegionSaysWhereItLooked() {
    Harness h = new Harness(dir);
    Run run = h.run("status");
    assertTrue(
        run.out()
            .contains(
                "no instances are managed under the name development in region us-east-1"
                    + " (check --region if you expected some)"),
        run.out());
  }
}

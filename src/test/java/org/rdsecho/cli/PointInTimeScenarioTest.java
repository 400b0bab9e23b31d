package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.AwsCall;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PolicyEvaluator;

/**
 * snapshot.type=pointInTime (issue 10, part): the clone of the source as it was at a time, with the
 * time as its identity, so reruns create nothing twice; a time outside the window is exit 2.
 */
class PointInTimeScenarioTest {
  private static final Instant BEFORE_THE_INCIDENT = Instant.parse("2026-11-20T10:13:00Z");

  @TempDir Path dir;

  private Harness pointInTime(String restoreTime) {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.snapshot.type", "pointInTime");
    h.config.put("rdsecho.snapshot.restoreTime", restoreTime);
    h.rds.earliestRestorable = Harness.START.minus(Duration.ofDays(7));
    h.rds.latestRestorable = Harness.START.minus(Duration.ofMinutes(5));
    return h;
  }

  private static long restores(Harness h) {
    return h.rds.writeLog().stream()
        .filter(w -> w.startsWith("RestoreDBInstanceToPointInTime"))
        .count();
  }

  @Test
  void newRestoresTheSourceAsItWasAtTheTimeOnceAndSaysSo() {
    Harness h = pointInTime("2026-11-20T10:13:00Z");
    Run dry = h.run("new", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "restore the source production as it was at 2026-11-20T10:13:00Z into new instance"),
        dry.out());
    Run run = h.run("new");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String clone = Harness.cloneId("pit:2026-11-20T10:13:00Z", BEFORE_THE_INCIDENT);
    assertEquals(
        "pit:2026-11-20T10:13:00Z", h.rds.instance(clone).tags.get("rdsecho:development:snapshot"));
    assertEquals("new", h.rds.instance(clone).tags.get("rdsecho:development:stage"));
    assertEquals(0, h.run("new").exitCode(), "a rerun restores nothing");
    h.rds.settle();
    assertEquals(0, h.run("new").exitCode());
    assertEquals(1, restores(h));
    Run status = h.run("status");
    assertTrue(status.out().contains(clone), status.out());
  }

  @Test
  void aTimeOutsideTheRestorableWindowIsAConfigurationErrorNamingTheWindow() {
    Harness h = pointInTime("2026-10-01T00:00:00Z");
    Run run = h.run("new");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains(
                "rdsecho.snapshot.restoreTime=2026-10-01T00:00:00Z is outside the restorable window"
                    + " of production (2026-11-14T03:00:00Z to 2026-11-21T02:55:00Z)"),
        run.err());
    assertEquals(0, restores(h));

    Harness none = pointInTime("not-a-time");
    assertEquals(2, none.run("new").exitCode());
  }

  @Test
  void latestRestoresTheLatestRestorableTimeAndCountsAsCurrentForMaxAge() {
    Harness h = pointInTime("latest");
    h.config.put("rdsecho.snapshot.maxAge", "20h");
    assertEquals(0, h.run("new").exitCode());
    h.clock.advance(Duration.ofMinutes(30));
    h.rds.latestRestorable = h.clock.instant().minus(Duration.ofMinutes(5));
    Run again = h.run("new");
    assertEquals(0, again.exitCode(), again.out());
    assertTrue(again.out().contains("already current"), again.out());
    assertEquals(1, restores(h), "a crash or a rerun within maxAge restores nothing new");
  }

  @Test
  void withoutDnsALatestCloneWhoseDumpsAreDoneIsNotRestoredAgainWithinMaxAge() throws Exception {
    Harness h = pointInTime("latest");
    h.config.remove("rdsecho.promote.cname");
    h.config.put("rdsecho.export.dir", "dumps/{date}");
    java.nio.file.Path set = java.nio.file.Files.createDirectories(dir.resolve("dumps/2026-11-21"));
    java.nio.file.Files.writeString(
        set.resolve("manifest.json"),
        "{\"tool\":\"rds-echo\",\"name\":\"development\","
            + "\"kind\":\"raw\",\"snapshot\":\"pit:2026-11-21T02:30:00Z\",\"databases\":[]}");
    Run run = h.run("new");
    assertEquals(0, run.exitCode(), run.out());
    assertTrue(run.out().contains("already done: the dump set in " + set), run.out());
    assertEquals(0, restores(h));

    h.clock.advance(Duration.ofDays(1));
    h.rds.latestRestorable = h.clock.instant().minus(Duration.ofMinutes(5));
    assertEquals(0, h.run("new").exitCode());
    assertEquals(1, restores(h), "a day later the dump set is older than maxAge: restored again");
  }

  @Test
  void theGeneratedPolicyAllowsThePointInTimeCalls() throws Exception {
    Harness h = pointInTime("2026-11-20T10:13:00Z");
    assertEquals(0, h.run("new").exitCode());
    Map<String, Object> document =
        new ObjectMapper()
            .readValue(h.run("-o", "json", "iam-policy").out(), new TypeReference<>() {});
    PolicyEvaluator policy = new PolicyEvaluator(document);
    assertTrue(
        h.rds.calls.stream()
            .anyMatch(c -> c.action().equals("rds:RestoreDBInstanceToPointInTime")));
    for (AwsCall call : h.rds.calls) {
      assertNull(policy.denied(call), call.action() + " on " + call.resources());
    }
  }
}

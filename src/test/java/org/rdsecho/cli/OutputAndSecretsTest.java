package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Stage;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/** JSON output, exit codes with their messages, and secrets that must never show. */
class OutputAndSecretsTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void resultJsonMatchesTheGoldenDocument() {
    Result result =
        new Result(
            "modify",
            "development",
            Outcome.DONE,
            true,
            false,
            "modified x",
            "development-x",
            Stage.NEW,
            Stage.MODIFIED,
            List.of("modify development-x: backup retention 0 days"),
            java.util.Map.of());
    assertEquals(
        "{\"command\":\"modify\",\"name\":\"development\",\"exitCode\":0,\"changed\":true,"
            + "\"dryRun\":false,\"message\":\"modified x\",\"instance\":\"development-x\",\"fromStage\":\"new\","
            + "\"toStage\":\"modified\",\"actions\":[\"modify development-x: backup retention 0 days\"]}",
        ResultPrinter.json(result));
  }

  @Test
  void statusJsonListsEveryManagedInstanceAndWhichOneTheCnamePointsAt() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.run("new");
    Run run = h.run("status", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = json.readTree(run.out());
    assertEquals("status", doc.get("command").asText());
    assertEquals(0, doc.get("exitCode").asInt());
    assertEquals(false, doc.get("changed").asBoolean());
    JsonNode instances = doc.get("instances");
    assertEquals(2, instances.size(), "only this name's instances");
    JsonNode fresh = instances.get(0);
    assertEquals(Harness.newCloneId(), fresh.get("id").asText());
    assertEquals("new", fresh.get("stage").asText());
    assertEquals("creating", fresh.get("rdsStatus").asText());
    assertTrue(fresh.get("endpoint").isNull());
    assertEquals(Harness.NEW_SNAPSHOT, fresh.get("snapshot").asText());
    assertEquals(false, fresh.get("promoted").asBoolean());
    JsonNode old = instances.get(1);
    assertEquals(true, old.get("promoted").asBoolean());
    assertEquals("2026-11-20T04:00:00Z", old.get("createdAt").asText());
    assertEquals(3306, old.get("port").asInt());
  }

  @Test
  void everyCommandPrintsExactlyOneJsonObjectOnStdoutWhateverTheOutcome() throws Exception {
    Harness h = new Harness(dir).usualNight();
    for (String[] args :
        List.of(
            new String[] {"new", "-o", "json"},
            new String[] {"modify", "-o", "json"},
            new String[] {"promote", "-o", "json", "--yes"},
            new String[] {"retire", "-o", "json"},
            new String[] {"bogus-option", "-o", "json", "--nope"})) {
      Run run = h.run(args);
      JsonNode doc = json.readTree(run.out());
      assertEquals(run.exitCode(), doc.get("exitCode").asInt(), run.out());
      assertTrue(doc.has("message") && doc.has("changed") && doc.has("dryRun"), run.out());
    }
  }

  @Test
  void exitCodesCarryMessagesThatSayWhatToDo() {
    Harness h = new Harness(dir).usualNight();
    Run notReady = h.run("new");
    assertEquals(0, notReady.exitCode());
    Run modify = h.run("modify");
    assertEquals(75, modify.exitCode());
    assertEquals(
        Harness.newCloneId()
            + " is creating, not available: run 'modify' again later, or with --wait\n",
        modify.out());
    Run nothing = h.run("reboot");
    assertEquals(3, nothing.exitCode());
    assertEquals(
        "no instance to reboot: none is in stage modified; the newest is "
            + Harness.newCloneId()
            + " in stage new (run 'rds-echo modify' next)\n",
        nothing.out());
  }

  @Test
  void theMasterPasswordReachesModifyButNeverOutputLogsOrTags() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.mod.masterUserPasswordEnv", "DEV_DB_PASSWORD");
    h.variables.put("DEV_DB_PASSWORD", "hunter2-s3cret");
    h.config.put("rdsecho.log.dir", "logs");
    h.run("new");
    h.rds.settle();
    Run dry = h.run("modify", "--dry-run", "-v", "-o", "json");
    Run real = h.run("modify", "-v");
    assertEquals(0, real.exitCode(), real.err());
    for (Run run : List.of(dry, real)) {
      assertFalse((run.out() + run.err()).contains("hunter2"), run.out() + run.err());
    }
    assertTrue(real.out().contains("master password from $DEV_DB_PASSWORD"), real.out());
    for (FakeRds.Instance i : h.rds.instances().values()) {
      assertFalse(i.tags.toString().contains("hunter2"));
    }
    assertEquals(
        "hunter2-s3cret",
        h.rds.instance(Harness.newCloneId()).masterPassword,
        "it reached ModifyDBInstance");
    String log = Files.readString(dir.resolve("logs/2026-11-21-development.log"));
    assertTrue(log.contains("modify exit 0"), "the log was written: " + log);
    assertFalse(log.contains("hunter2"), log);
  }

  @Test
  void modifyRefusesToStartWhenThePasswordVariableIsMissing() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.mod.masterUserPasswordEnv", "DEV_DB_PASSWORD");
    Run run = h.run("modify");
    assertEquals(2, run.exitCode());
    assertEquals(
        "rdsecho.mod.masterUserPasswordEnv names an environment variable that is not set (its value is not"
            + " shown): export it before running 'rds-echo modify'\n",
        run.err());
    assertEquals(0, h.rds.describeCalls());
  }

  @Test
  void logDirGetsOneFilePerUtcDayAndName() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.log.dir", "logs");
    h.run("new", "--wait");
    Path log = dir.resolve("logs/2026-11-21-development.log");
    assertTrue(Files.exists(log));
    assertTrue(
        Files.readString(log).contains("waiting: " + Harness.newCloneId()), Files.readString(log));
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * The seed pipeline without DNS, from the README's one cron line, for a week (two nights without a
 * new snapshot): every night the clone is restored, dumped, scrubbed, dumped again and deleted,
 * quietly, and a snapshot whose dump set is complete is never restored twice; against a private
 * MariaDB standing in for each night's clone.
 */
class ExportOnlyPipelineIT {
  private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");
  private static PrivateMariaDb db;
  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    db = PrivateMariaDb.start();
  }

  @AfterAll
  static void stopServer() {
    db.close();
  }

  /** What each night's restore gives: production's rows, personal data included. */
  private static void restoreProductionData() {
    db.rootSql("DROP DATABASE IF EXISTS seed; CREATE DATABASE seed;");
    db.sql(
        "seed",
        "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100));"
            + " INSERT INTO people VALUES (1, 'zoe@example.com'), (2, 'max@example.com');");
  }

  @Test
  void aWeekOfRestoreDumpScrubDeleteFromOneQuietCronLine() throws Exception {
    List<String> cron = WeekOfNightsTest.readmeCronCommand();
    Harness h = new Harness(dir).cloneServedBy(db, "seed", "rebooted");
    h.rds.instances().remove(Harness.newCloneId());
    h.rds.instances().remove(Harness.oldCloneId());
    h.config.remove("rdsecho.promote.cname");
    h.config.put("rdsecho.export.dir", "dumps/{name}/{date}");
    h.config.put("rdsecho.sanitize.dir", "clean/{name}/{date}");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.checks", "checks.sql");
    h.config.put("rdsecho.retire.skipFinalSnapshot", "true");
    Files.writeString(
        dir.resolve("scrub.sql"),
        "UPDATE people SET email = CONCAT('user', id, '@example.invalid');\n");
    Files.writeString(
        dir.resolve("checks.sql"),
        "SELECT id FROM people WHERE email NOT LIKE '%@example.invalid';\n");

    boolean[] snapshot = {true, true, false, true, true, false, true};
    int restored = 0;
    for (int night = 0; night < 7; night++) {
      Instant midnight = MONDAY.plus(Duration.ofDays(night));
      if (snapshot[night]) {
        h.rds.addSnapshot(
            "rds:production-seed-" + night,
            "production",
            "automated",
            "available",
            midnight.plusSeconds(2 * 3600));
        restored++;
      }
      for (Instant t = midnight.plus(Duration.ofHours(3));
          t.isBefore(midnight.plus(Duration.ofHours(6)));
          t = t.plus(Duration.ofMinutes(15))) {
        h.clock.set(t);
        if (h.rds.instances().values().stream().anyMatch(i -> "creating".equals(i.status))) {
          restoreProductionData();
        }
        h.rds.settle();
        Run run = h.run(cron.toArray(String[]::new));
        assertEquals("", run.out() + run.err(), t + " exit " + run.exitCode());
        assertTrue(List.of(0, 75).contains(run.exitCode()), t + ": " + run.exitCode());
      }
      String date = midnight.toString().substring(0, 10);
      if (!snapshot[night]) {
        assertFalse(
            Files.exists(dir.resolve("clean/development/" + date)),
            "no snapshot, nothing restored or dumped");
        continue;
      }
      JsonNode manifest =
          new ObjectMapper()
              .readTree(dir.resolve("clean/development/" + date + "/manifest.json").toFile());
      assertEquals("rds:production-seed-" + night, manifest.get("snapshot").asText());
      assertEquals("sanitized", manifest.get("kind").asText());
      assertTrue(
          Files.exists(dir.resolve("dumps/development/" + date + "/seed.sql.gz")),
          "the raw dump too");
      String scrubbed =
          PrivateMariaDb.shell(
              "gunzip -c " + dir.resolve("clean/development/" + date + "/seed.sql.gz"));
      assertTrue(scrubbed.contains("user1@example.invalid"));
      assertFalse(scrubbed.contains("zoe@example.com"));
      assertTrue(
          h.rds.instances().values().stream()
              .noneMatch(i -> i.tags.containsKey("rdsecho:development:managed")),
          "the night's clone was deleted: " + h.rds.instances().keySet());
    }
    long restores =
        h.rds.writeLog().stream().filter(w -> w.startsWith("RestoreDBInstance")).count();
    assertEquals(
        restored,
        restores,
        "one restore a night with a snapshot, never one of a snapshot already dumped");
  }
}

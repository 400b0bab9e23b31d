package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * export and sanitize against a private MariaDB server with the real mariadb-dump and client: round
 * trips over every column type and object kind, and the failures operators meet.
 */
class DataPlaneIT {
  private static PrivateMariaDb db;
  private static int databases;
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startServer() {
    db = PrivateMariaDb.start();
  }

  @AfterAll
  static void stopServer() {
    db.close();
  }

  private static String freshDatabase() throws IOException {
    String name = "shop" + (++databases);
    db.rootSql("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    db.restore(name, "cat " + Path.of("src/test/resources/sql/everything.sql").toAbsolutePath());
    return name;
  }

  private Harness harness(String database, String stage) {
    return new Harness(dir).cloneServedBy(db, database, stage);
  }

  /** A new database {@code prefix<n>} made by {@code sql}. */
  private static String database(String prefix, String sql) {
    String name = prefix + (++databases);
    db.rootSql("CREATE DATABASE " + name);
    db.sql(name, sql);
    return name;
  }

  /**
   * A table export for recovering rows: only these tables of {@code source}, rows only, matching
   * {@code where}.
   */
  private Harness rowsExport(String source, List<String> tables, String where) {
    Harness h = harness(source, "rebooted");
    h.config.remove("rdsecho.export.databases");
    h.config.put(
        "rdsecho.export.tables",
        String.join(",", tables.stream().map(t -> source + "." + t).toList()));
    h.config.put("rdsecho.export.dataOnly", "true");
    h.config.put("rdsecho.export.where", where);
    return h;
  }

  @ParameterizedTest(name = "{0} in {3} stream(s)")
  @CsvSource({
    "gzip, .sql.gz, gunzip -c, 1",
    "zstd, .sql.zst, zstd -dc, 1",
    "none, .sql, cat, 1",
    // each table in a stream of its own: the foreign key of orders holds whichever of it and people
    // comes first
    "gzip, .sql.gz, gunzip -c, 3",
    "zstd, .sql.zst, zstd -dc, 2",
    "none, .sql, cat, 3"
  })
  void exportRestoresEveryTypeAndObjectExactly(
      String compression, String extension, String decompress, int streams) throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    h.config.put("rdsecho.export.compression", compression);
    h.config.put("rdsecho.export.streams", String.valueOf(streams));
    Run run = h.run("export", "-o", "json");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("exported", h.newCloneStage());

    Path out = h.dumpDir();
    Path file = out.resolve(source + extension);
    JsonNode doc = json.readTree(run.out());
    JsonNode files = doc.get("files");
    assertEquals(1, files.size());
    assertEquals(file.toString(), files.get(0).get("path").asText());
    assertEquals(Files.size(file), files.get(0).get("bytes").asLong());
    assertEquals(source, files.get(0).get("database").asText());

    String sidecar = Files.readString(out.resolve(source + extension + ".sha256"));
    assertEquals(files.get(0).get("sha256").asText() + "  " + source + extension + "\n", sidecar);
    String sha =
        PrivateMariaDb.shell("cd " + out + " && sha256sum -c " + source + extension + ".sha256");
    assertTrue(sha.contains(": OK"), sha);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
    assertEquals(Harness.newCloneId(), manifest.get("instance").asText());
    assertEquals(Harness.NEW_SNAPSHOT, manifest.get("snapshot").asText());
    assertEquals(
        4, manifest.get("databases").get(0).get("tables").size(), "three tables and a view");
    assertEquals(streams, manifest.get("databases").get(0).get("streams").asInt());
    try (Stream<Path> listing = Files.list(out)) {
      assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
    }

    String copy = source + "_copy_" + compression + streams;
    db.rootSql("CREATE DATABASE " + copy);
    db.restore(copy, decompress + " " + file);
    for (String table : List.of("people", "orders", "audit")) {
      assertEquals(checksum(source, table), checksum(copy, table), table);
    }
    assertEquals(
        db.sql(source, "SELECT * FROM people ORDER BY id"),
        db.sql(copy, "SELECT * FROM people ORDER BY id"));
    assertEquals(definitions(source), definitions(copy));
    assertEquals("hello, you; it's fine\n", db.sql(copy, "SELECT greet('you')"));
  }

  private static String checksum(String database, String table) {
    return db.sql(database, "CHECKSUM TABLE " + table + " EXTENDED").split("\t")[1];
  }

  /** Views, triggers, routines and events, as the server describes them, minus the schema name. */
  private static String definitions(String database) {
    String info =
        db.sql(
            null,
            "SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA='"
                + database
                + "';"
                + "SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA='"
                + database
                + "';"
                + "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, IS_DETERMINISTIC FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA='"
                + database
                + "' ORDER BY 1;"
                + "SELECT EVENT_NAME, EVENT_DEFINITION, INTERVAL_VALUE, INTERVAL_FIELD, STARTS FROM information_schema.EVENTS"
                + " WHERE EVENT_SCHEMA='"
                + database
                + "';");
    return info.replace("`" + database + "`", "`DB`");
  }

  @Test
  void aWrongPasswordFailsClearlyAndLeavesNoFileAndNoStageChange() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    h.variables.put("DB_PASSWORD", "wrong");
    Run run = h.run("export");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("Access denied for user 'echo'"), run.err());
    assertTrue(run.err().contains("check rdsecho.export.user and the password source"), run.err());
    assertFalse(run.err().contains("wrong"), "the password is never printed");
    assertEquals("rebooted", h.newCloneStage());
    Path out = h.dumpDir();
    assertFalse(Files.exists(out.resolve(source + ".sql.gz")));
  }

  @Test
  void anUnwritableDestinationFailsWithoutAdvancingTheStage() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    Files.writeString(dir.resolve("dumps"), "a file where a directory should be");
    Run run = h.run("export");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("cannot write to " + h.dumpDir()), run.err());
    assertEquals("rebooted", h.newCloneStage());
  }

  @Test
  void dryRunsOfExportAndSanitizeListExactlyTheWritesTheRealRunsMake() throws Exception {
    String source = freshDatabase();
    db.sql(source, "CREATE TABLE scrub_runs (at DATETIME)");
    Harness h = harness(source, "rebooted");
    Files.copy(Path.of("src/test/resources/sql/scrub.sql"), dir.resolve("scrub.sql"));
    Files.copy(Path.of("src/test/resources/sql/checks.sql"), dir.resolve("checks.sql"));
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.checks", "checks.sql");
    h.config.put("rdsecho.sanitize.dir", "clean/{date}");
    for (String command : List.of("export", "sanitize")) {
      JsonNode planned = json.readTree(h.run(command, "--dry-run", "-o", "json").out());
      assertEquals(
          "0",
          db.sql(source, "SELECT COUNT(*) FROM scrub_runs").strip(),
          "a dry run runs no script");
      Run real = h.run(command, "-o", "json");
      assertEquals(0, real.exitCode(), real.out() + real.err());
      JsonNode done = json.readTree(real.out());
      assertEquals(done.get("actions"), planned.get("actions"), command);
      assertTrue(
          planned.get("actions").toString().contains("dump database '" + source + "' to "),
          planned.toString());
    }
    assertEquals("sanitized", h.newCloneStage());
    assertEquals(
        "1",
        db.sql(source, "SELECT COUNT(*) FROM scrub_runs").strip(),
        "the real run ran the script once");
  }

  @Test
  void aTableExportOfSelectedRowsLoadsIntoATableThatHasOtherRows() throws Exception {
    String source =
        database(
            "billing",
            "CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10,2), note"
                + " VARCHAR(50)); INSERT INTO invoices VALUES (1, 10.00, 'a'), (2, 20.00, 'b\\nnewline'), (3, 30.00, 'c'),"
                + " (4, 40.00, 'd'), (5, 50.00, 'e'); CREATE TABLE notes (id INT PRIMARY KEY); INSERT INTO notes VALUES (1);"
                + " CREATE TRIGGER no_delete BEFORE DELETE ON invoices FOR EACH ROW SET @x = 1;");
    Harness h = rowsExport(source, List.of("invoices"), "id <= 3");
    Run dry = h.run("export", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "dump table(s) 'invoices' of database '" + source + "' (rows only, where id <= 3)"),
        dry.out());
    Run run = h.run("export", "-o", "json");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path file = h.dumpDir().resolve(source + ".sql.gz");
    String sql = PrivateMariaDb.shell("gunzip -c " + file);
    assertFalse(
        sql.contains("CREATE TABLE") || sql.contains("notes") || sql.contains("TRIGGER"), sql);

    String target = "recovered" + databases;
    db.rootSql("CREATE DATABASE " + target);
    db.sql(
        target,
        "CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(50));"
            + " INSERT INTO invoices VALUES (100, 1.00, 'kept'), (101, 2.00, 'kept');");
    db.restore(target, "gunzip -c " + file);
    assertEquals(
        "1\t10.00\ta\n2\t20.00\tb\\nnewline\n3\t30.00\tc\n100\t1.00\tkept\n101\t2.00\tkept\n",
        db.sql(target, "SELECT * FROM invoices ORDER BY id"));
    JsonNode manifest = json.readTree(h.dumpDir().resolve("manifest.json").toFile());
    assertEquals(true, manifest.get("dataOnly").asBoolean());
    assertEquals("id <= 3", manifest.get("where").asText());
    assertEquals(
        1,
        manifest.get("databases").get(0).get("tables").size(),
        "only the dumped table is listed");
  }

  @Test
  void aTableExportInTwoStreamsAppliesItsConditionToEveryTableAndAddsNoObjects() throws Exception {
    String source =
        database(
            "ledger",
            "CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10,2));"
                + " INSERT INTO invoices SELECT seq, seq FROM seq_1_to_50; CREATE TABLE notes (id INT PRIMARY KEY, t TEXT);"
                + " INSERT INTO notes SELECT seq, REPEAT('n', seq) FROM seq_1_to_50; CREATE TABLE other (id INT);"
                + " CREATE VIEW v AS SELECT id FROM notes; CREATE FUNCTION f() RETURNS INT RETURN 1;");
    Harness h = rowsExport(source, List.of("invoices", "notes"), "id <= 3");
    h.config.put("rdsecho.export.streams", "2");
    Run run = h.run("export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("its tables in 2 streams at once"), run.err());
    String sql = PrivateMariaDb.shell("gunzip -c " + h.dumpDir().resolve(source + ".sql.gz"));
    assertFalse(sql.contains("CREATE") || sql.contains("`other`") || sql.contains("FUNCTION"), sql);

    String target = "ledger_recovered" + databases;
    db.rootSql("CREATE DATABASE " + target);
    db.sql(
        target,
        "CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10,2));"
            + " CREATE TABLE notes (id INT PRIMARY KEY, t TEXT);");
    db.restore(target, "gunzip -c " + h.dumpDir().resolve(source + ".sql.gz"));
    assertEquals(
        "1\t1.00\n2\t2.00\n3\t3.00\n", db.sql(target, "SELECT * FROM invoices ORDER BY id"));
    assertEquals("1\tn\n2\tnn\n3\tnnn\n", db.sql(target, "SELECT * FROM notes ORDER BY id"));
  }

  @Test
  void thePasswordNeverAppearsOnAProcessCommandLine() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> leaked = new AtomicReference<>();
    AtomicInteger sawTheClient = new AtomicInteger();
    Thread watcher =
        new Thread(
            () -> {
              while (!stop.get()) {
                String ps = PrivateMariaDb.shell("ps -eo args || true");
                if (ps.contains("w0rd")) {
                  leaked.compareAndSet(null, ps);
                }
                if (ps.contains("--defaults-file=")) {
                  sawTheClient.incrementAndGet();
                }
              }
            });
    watcher.start();
    try {
      for (int i = 0; i < 5 && sawTheClient.get() == 0; i++) {
        assertEquals(0, h.run("export").exitCode());
        h.rds.instance(Harness.newCloneId()).tags.put("rdsecho:development:stage", "rebooted");
      }
    } finally {
      stop.set(true);
      watcher.join(10_000);
    }
    assertTrue(
        sawTheClient.get() > 0,
        "the watcher saw a client running, so it looked at the right moment");
    assertNull(leaked.get(), "password on a command line");
  }

  @Test
  void aSanitizedClonesTimesFollowWhatHappenedStagedAtLast() throws Exception {
    String source = freshDatabase();
    db.sql(source, "CREATE TABLE scrub_runs (at DATETIME)");
    Harness h = harness(source, "exported");
    Files.copy(Path.of("src/test/resources/sql/scrub.sql"), dir.resolve("scrub.sql"));
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.dir", "clean/{name}/{instance}");
    h.clock.tickEachReading(
        java.time.Duration.ofSeconds(1)); // a clock that moves while the step runs
    Run run = h.run("sanitize");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    // a finished sanitize keeps neither mark of its scripts (the manifest's digest replaces them),
    // so
    // the times are read from the tag writes as they were made
    java.util.regex.Matcher started =
        java.util.regex.Pattern.compile("sanitizeStartedAt=([0-9TZ:-]+)")
            .matcher(String.join("\n", h.rds.writeLog()));
    assertTrue(started.find(), h.rds.writeLog().toString());
    java.time.Instant staged =
        java.time.Instant.parse(
            h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:stagedAt"));
    assertTrue(
        java.time.Instant.parse(started.group(1)).isBefore(staged),
        "started " + started.group(1) + ", sanitized " + staged);
  }

  @Test
  void sanitizeScrubsChecksAndExportsTheScrubbedCopyRunningScriptsOnce() throws Exception {
    String source = freshDatabase();
    db.sql(source, "CREATE TABLE scrub_runs (at DATETIME)");
    Harness h = harness(source, "exported");
    Files.copy(Path.of("src/test/resources/sql/scrub.sql"), dir.resolve("scrub.sql"));
    Files.copy(Path.of("src/test/resources/sql/checks.sql"), dir.resolve("checks.sql"));
    // a table a script makes is in the scrubbed dump: the streams deal out the tables as they are
    // after the scripts, not as the dry run saw them
    Files.writeString(
        dir.resolve("extra.sql"),
        "CREATE TABLE made_by_script (id INT PRIMARY KEY);"
            + " INSERT INTO made_by_script VALUES (42);\n");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql,extra.sql");
    h.config.put("rdsecho.sanitize.checks", "checks.sql");
    h.config.put("rdsecho.sanitize.dir", "clean/{name}/{instance}");
    h.config.put("rdsecho.export.streams", "3");
    // a crash right after the scripts (the tag saying they ran is AWS write #2)
    h.budget.crashAfter(2);
    Run crashed = h.run("sanitize");
    assertEquals(1, crashed.exitCode(), crashed.out() + crashed.err());
    Run run = h.run("sanitize", "-o", "json");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("1\n", db.sql(source, "SELECT COUNT(*) FROM scrub_runs"), "scripts ran once");
    assertEquals("sanitized", h.newCloneStage());
    Path file = dir.resolve("clean/development/" + Harness.newCloneId() + "/" + source + ".sql.gz");
    String sql = PrivateMariaDb.shell("gunzip -c " + file);
    assertTrue(sql.contains("@example.invalid"), "scrubbed emails in the dump");
    assertFalse(sql.contains("zoe@example.com"), "no personal data in the scrubbed dump");
    assertTrue(
        sql.contains("INSERT INTO `made_by_script` VALUES\n(42)")
            || sql.contains("INSERT INTO `made_by_script`" + " VALUES (42)"),
        "the table the script made was dumped");
    assertTrue(run.err().contains("its tables in 3 streams at once"), run.err());

    Run promote = h.run("promote", "--yes");
    assertEquals(0, promote.exitCode(), promote.out() + promote.err());
  }

  @Test
  void aFailingScriptNamesFileAndLineAndRerunScriptsIsTheWayOn() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    Files.copy(Path.of("src/test/resources/sql/broken.sql"), dir.resolve("broken.sql"));
    h.config.put("rdsecho.sanitize.scripts", "broken.sql");
    h.config.put("rdsecho.sanitize.dir", "clean");
    Run run = h.run("sanitize");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                dir.resolve("broken.sql")
                    + " failed at line 3 on database '"
                    + source
                    + "': ERROR 1146 (42S02): Table '"
                    + source
                    + ".no_such_table' doesn't exist"),
        run.err());
    assertTrue(
        run.err()
            .contains(
                "then run 'rds-echo sanitize --rerun-scripts' if the scripts are safe to run twice"),
        run.err());
    Run again = h.run("sanitize");
    assertEquals(4, again.exitCode());
    assertTrue(
        again
            .out()
            .contains(
                "failed or were interrupted (started 2026-11-21T03:00:00Z) and may have run in"
                    + " part"),
        again.out());
    assertTrue(again.out().contains("run 'rds-echo sanitize --rerun-scripts'"), again.out());
    assertFalse(Files.exists(dir.resolve("clean")));

    Files.writeString(dir.resolve("broken.sql"), "UPDATE people SET email = NULL;\n");
    Run fixed = h.run("sanitize", "--rerun-scripts");
    assertEquals(0, fixed.exitCode(), fixed.out() + fixed.err());
    assertEquals("sanitized", h.newCloneStage());
    assertTrue(Files.exists(dir.resolve("clean/" + source + ".sql.gz")));
  }

  @Test
  void aFailingCheckReportsQueryAndCountButNeverTheValues() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    Files.writeString(dir.resolve("noop.sql"), "SELECT 1;\n");
    Files.copy(Path.of("src/test/resources/sql/checks.sql"), dir.resolve("checks.sql"));
    h.config.put("rdsecho.sanitize.scripts", "noop.sql");
    h.config.put("rdsecho.sanitize.checks", "checks.sql");
    h.config.put("rdsecho.sanitize.dir", "clean");
    Run run = h.run("sanitize");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                source
                    + ": checks.sql line 2 returned 2 row(s): SELECT id FROM people WHERE email"
                    + " NOT LIKE '%@example.invalid'"),
        run.err());
    // exactly two rows hold a bio; one of them has a newline in it, which must not count as a third
    // row
    assertTrue(run.err().contains("checks.sql line 3 returned 2 row(s)"), run.err());
    assertFalse(run.err().contains("zoe@example.com"), run.err());
    assertFalse(run.err().contains("backslash"), run.err());
    assertEquals("rebooted", h.newCloneStage());
    assertFalse(Files.exists(dir.resolve("clean")));
  }

  @Test
  void keepPrunesOnlyOlderDumpSetsOfTheSameNameAndKind() throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    h.config.put("rdsecho.export.keep", "2");
    h.config.put("rdsecho.export.dir", "dumps/{date}-raw");
    Path parent = dir.resolve("dumps");
    for (String day : List.of("2026-11-18", "2026-11-19", "2026-11-20")) {
      manifest(parent.resolve(day + "-raw"), "development", "raw", day);
      manifest(parent.resolve(day + "-clean"), "development", "sanitized", day);
      manifest(parent.resolve(day + "-staging"), "staging", "raw", day);
    }
    manifest(parent.resolve("2026-11-17-old-version"), "development", null, "2026-11-17");
    Files.writeString(parent.resolve("2026-11-18-raw/notes.txt"), "an operator's file");
    Files.createDirectories(parent.resolve("someone-elses"));

    assertEquals(0, h.run("export").exitCode());
    assertTrue(Files.exists(parent.resolve("2026-11-21-raw/manifest.json")));
    assertTrue(Files.exists(parent.resolve("2026-11-20-raw/manifest.json")));
    assertFalse(Files.exists(parent.resolve("2026-11-19-raw")));
    assertFalse(Files.exists(parent.resolve("2026-11-18-raw/manifest.json")));
    assertFalse(Files.exists(parent.resolve("2026-11-18-raw/db.sql.gz")));
    assertTrue(
        Files.exists(parent.resolve("2026-11-18-raw/notes.txt")),
        "a file no manifest lists is never deleted");
    for (String day : List.of("2026-11-18", "2026-11-19", "2026-11-20")) {
      assertTrue(
          Files.exists(parent.resolve(day + "-clean/manifest.json")),
          "another kind: never deleted");
      assertTrue(
          Files.exists(parent.resolve(day + "-staging/manifest.json")),
          "another echo name: never deleted");
    }
    assertTrue(
        Files.exists(parent.resolve("2026-11-17-old-version/manifest.json")),
        "no kind recorded: kept");
    assertTrue(Files.exists(parent.resolve("someone-elses")), "not ours: never deleted");
    assertTrue(
        Files.exists(parent.resolve("outside-2026-11-19-raw")),
        "a manifest cannot point outside its set");
  }

  private static void manifest(Path dir, String name, String kind, String day) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("db.sql.gz"), "dump");
    Files.writeString(dir.resolve("db.sql.gz.sha256"), "sum");
    Files.writeString(
        dir.resolve("../outside-" + dir.getFileName()), "must survive a hostile manifest");
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"tool\":\"rds-echo\",\"name\":\""
            + name
            + "\","
            + (kind == null ? "" : "\"kind\":\"" + kind + "\",")
            + "\"finishedAt\":\""
            + day
            + "T04:00:00Z\","
            + "\"databases\":[{\"database\":\"db\",\"file\":\"db.sql.gz\"},"
            + "{\"database\":\"x\",\"file\":\"../outside-"
            + dir.getFileName()
            + "\"}]}");
  }

  /**
   * A crash after each write of an export leaves one of these states; from each, a rerun must end
   * where an uninterrupted run ends: one dump, its checksum, a manifest naming both, the stage
   * advanced, and nothing half-written under a final name.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "in the middle of the dump file",
    "after the dump file was renamed",
    "after the checksum file",
    "after the manifest, before the tag"
  })
  void aRerunAfterACrashAtAnyWriteConverges(String crash) throws Exception {
    String source = freshDatabase();
    Harness h = harness(source, "rebooted");
    assertEquals(0, h.run("export").exitCode());
    Path out = h.dumpDir();
    Path dump = out.resolve(source + ".sql.gz");
    Path sidecar = out.resolve(source + ".sql.gz.sha256");
    Path manifest = out.resolve("manifest.json");
    switch (crash) {
      case "in the middle of the dump file" -> {
        byte[] whole = Files.readAllBytes(dump);
        Files.write(
            out.resolve("." + source + ".sql.gz.partial"),
            java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.delete(dump);
        Files.delete(sidecar);
        Files.delete(manifest);
      }
      case "after the dump file was renamed" -> {
        Files.delete(sidecar);
        Files.delete(manifest);
      }
      case "after the checksum file" -> Files.delete(manifest);
      default -> {}
    }
    h.rds.instance(Harness.newCloneId()).tags.put("rdsecho:development:stage", "rebooted");

    Run rerun = h.run("export", "-o", "json");

    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertEquals("exported", h.newCloneStage());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of("manifest.json", source + ".sql.gz", source + ".sql.gz.sha256"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    String sha =
        PrivateMariaDb.shell(
                "cd "
                    + out
                    + " && sha256sum -c "
                    + sidecar.getFileName()
                    + " && gunzip -t "
                    + dump.getFileName()
                    + " && sha256sum "
                    + dump.getFileName())
            .lines()
            .reduce((a, b) -> b)
            .orElseThrow();
    JsonNode written = json.readTree(manifest.toFile()).path("databases").get(0);
    assertEquals(sha.split(" ")[0], written.path("sha256").asText());
    assertEquals(Files.size(dump), written.path("bytes").asLong());
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.testing.FakeCloudMain;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Issue "Trust under attack", findings 1–3 and 9, against a private MariaDB with the real client
 * tools: scripts that are not files, two exports at once, database names chosen by an attacker,
 * passwords with every awkward byte, and the tool's own process killed mid-dump.
 */
class HostileDataPlaneIT {
  private static PrivateMariaDb db;
  private static int databases;
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startServer() {
    db = PrivateMariaDb.start();
    // about 25 MB of SQL that does not compress well: a dump long enough to interrupt
    db.rootSql("CREATE DATABASE big");
    db.sql(
        "big",
        "CREATE TABLE t (id INT PRIMARY KEY, b VARBINARY(512)) ENGINE=InnoDB;"
            + " INSERT INTO t SELECT seq, RANDOM_BYTES(512) FROM seq_1_to_50000;");
  }

  @AfterAll
  static void stopServer() {
    db.close();
  }

  private static String smallDatabase() {
    String name = "small" + (++databases);
    db.rootSql("CREATE DATABASE " + name);
    db.sql(
        name,
        "CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100));"
            + " INSERT INTO people VALUES (1, 'zoe@example.com'), (2, 'max@example.com');");
    return name;
  }

  // 1. Unscrubbed data promoted as sanitized.
  @Test
  void sanitizeScriptsThatAreNotReadableRegularFilesAreAConfigurationError() throws Exception {
    String source = smallDatabase();
    Harness h = new Harness(dir).cloneServedBy(db, source, "rebooted");
    Files.createDirectories(dir.resolve("sql"));
    PrivateMariaDb.shell("mkfifo " + dir.resolve("pipe.sql"));
    h.config.put("rdsecho.sanitize.dir", "clean");
    for (String scripts : List.of("sql", "missing.sql", "pipe.sql")) {
      h.config.put("rdsecho.sanitize.scripts", scripts);
      Run run = h.run("sanitize");
      assertEquals(2, run.exitCode(), scripts + ": " + run.out() + run.err());
      // a relative path in the properties file means the file beside it
      assertTrue(
          run.err()
              .contains("rdsecho.sanitize.scripts names " + dir.resolve(scripts) + ", which is"),
          run.err());
      assertTrue(run.err().contains("nothing was changed"), run.err());
      assertEquals("rebooted", h.newCloneStage());
      assertFalse(Files.exists(dir.resolve("clean")));
    }
    assertEquals(
        "zoe@example.com\nmax@example.com\n",
        db.sql(source, "SELECT email FROM people ORDER BY id"));
  }

  // 2. A torn dump under its final name.
  @Test
  void ofTwoExportsIntoOneDirectoryTheSecondChangesNothingAndTheFirstIsWhole() throws Exception {
    Harness first = new Harness(dir).cloneServedBy(db, "big", "rebooted");
    Harness otherMachine = new Harness(dir).cloneServedBy(db, "big", "rebooted");
    otherMachine.variables.put("RDS_ECHO_LOCK_DIR", dir.resolve("other-machine-locks").toString());
    Harness sameMachine = new Harness(dir).cloneServedBy(db, "big", "rebooted");

    AtomicReference<Run> firstRun = new AtomicReference<>();
    Thread exporting = new Thread(() -> firstRun.set(first.run("export")));
    exporting.start();
    awaitPartial(first.dumpDir(), 1 << 20, exporting);

    Run fromElsewhere = otherMachine.run("export");
    Run fromHere = sameMachine.run("export");
    exporting.join(120_000);

    assertEquals(75, fromElsewhere.exitCode(), fromElsewhere.out() + fromElsewhere.err());
    assertTrue(
        fromElsewhere.out().contains("another rds-echo run is writing to " + first.dumpDir()),
        fromElsewhere.out());
    assertEquals("rebooted", otherMachine.newCloneStage());
    assertEquals(75, fromHere.exitCode(), fromHere.out() + fromHere.err());
    assertTrue(
        fromHere
            .out()
            .contains("another rds-echo run is working on 'development' on this machine: export"),
        fromHere.out());
    assertEquals(0, firstRun.get().exitCode(), firstRun.get().out() + firstRun.get().err());
    assertEquals("exported", first.newCloneStage());
    PrivateMariaDb.shell(
        "cd " + first.dumpDir() + " && sha256sum -c big.sql.gz.sha256 && gunzip -t big.sql.gz");
    assertEquals(
        List.of("big.sql.gz", "big.sql.gz.sha256", "manifest.json"), names(first.dumpDir()));
  }

  @Test
  void aLockFileIsTakenOverOnlyFromAnOwnerThatIsProvablyGone() throws Exception {
    String source = smallDatabase();
    Harness h = new Harness(dir).cloneServedBy(db, source, "rebooted");
    Path lock = Files.createDirectories(h.dumpDir()).resolve(DirectoryLock.FILE);

    Files.writeString(
        lock, "command=export pid=999999 started=x host=build-7 boot=b pidStart=p token=t1\n");
    Run fresh = h.run("export");
    assertEquals(
        75, fresh.exitCode(), "another machine's run with a live heartbeat: " + fresh.out());
    assertTrue(fresh.out().contains("export (pid 999999 on build-7"), fresh.out());

    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(11 * 60)));
    Run silent = h.run("export");
    assertEquals(
        0, silent.exitCode(), "a heartbeat silent for 11 minutes: " + silent.out() + silent.err());

    h.rds.instance(Harness.newCloneId()).tags.put("rdsecho:development:stage", "rebooted");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String here = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
    Files.writeString(
        lock,
        "command=export pid="
            + gone.pid()
            + " started=x host="
            + here
            + " boot="
            + boot
            + " pidStart=p token=t2\n");
    Files.writeString(h.dumpDir().resolve("." + source + ".sql.gz.12-ab.partial"), "torn");
    Run dead = h.run("export");
    assertEquals(0, dead.exitCode(), "a dead pid on this machine: " + dead.out() + dead.err());
    assertFalse(Files.exists(lock));
    assertEquals(
        List.of("manifest.json", source + ".sql.gz", source + ".sql.gz.sha256"),
        names(h.dumpDir()),
        "the dead run's partial file was removed");
  }

  // 3. Writes outside the dump directory chosen by whoever can create a database.
  @Test
  void hostileDatabaseNamesStayInsideTheDumpDirectoryAndEachRestores() throws Exception {
    String abs = "/tmp/rdsecho-abs-" + ProcessHandle.current().pid();
    List<String> hostile =
        List.of(
            abs,
            "../../../pwned",
            "./shop",
            "shop",
            "new\nline",
            "tab\there",
            "back`tick",
            "ü".repeat(64),
            "日".repeat(50),
            "-rf",
            "%41",
            "A",
            ".hidden",
            "..",
            "semi;colon'quote");
    Set<String> created = new HashSet<>();
    for (String name : hostile) {
      db.rootSql("CREATE DATABASE `" + name.replace("`", "``") + "` CHARACTER SET utf8mb4");
      db.sql(
          name,
          "CREATE TABLE t (name VARCHAR(300)); INSERT INTO t VALUES (DATABASE()); CREATE TABLE u (id INT);");
      created.add(name);
    }
    Harness h = new Harness(dir).cloneServedBy(db, null, "rebooted");
    // streams list each database's tables by its (hex-encoded) name before dumping
    h.config.put("rdsecho.export.streams", "2");
    Path dumps = h.dumpDir();
    try {
      Run run = h.run("export", "-o", "json");
      assertEquals(0, run.exitCode(), run.out() + run.err());

      JsonNode manifest = json.readTree(dumps.resolve("manifest.json").toFile());
      Set<String> dumped = new HashSet<>();
      Set<String> files = new HashSet<>();
      for (JsonNode entry : manifest.get("databases")) {
        dumped.add(entry.get("database").asText());
        files.add(entry.get("file").asText());
        if (created.contains(entry.get("database").asText())) {
          assertEquals(2, entry.get("streams").asInt(), entry.get("database").asText());
        }
      }
      assertTrue(dumped.containsAll(created), "every hostile name was dumped: " + dumped);
      assertEquals(dumped.size(), files.size(), "different names, different files");
      for (String file : files) {
        assertEquals(file, Path.of(file).getFileName().toString());
        assertFalse(
            file.startsWith(".")
                || file.startsWith("-")
                || file.chars().anyMatch(Character::isISOControl),
            file);
        assertTrue(Files.isRegularFile(dumps.resolve(file), LinkOption.NOFOLLOW_LINKS), file);
      }
      assertFalse(Files.exists(Path.of(abs + ".sql.gz")), "nothing written at an absolute path");
      assertFalse(
          Files.exists(dir.resolve("pwned.sql.gz")), "nothing written above the dump directory");
      try (Stream<Path> all = Files.walk(dir)) {
        List<Path> outside =
            all.filter(Files::isRegularFile)
                .filter(p -> !p.startsWith(dumps))
                .filter(p -> !p.getFileName().toString().equals("rdsecho.properties"))
                .toList();
        assertEquals(
            List.of(), outside.stream().filter(p -> !p.toString().contains("/.locks/")).toList());
      }
      int restored = 0;
      for (JsonNode entry : manifest.get("databases")) {
        String name = entry.get("database").asText();
        if (!created.contains(name)) {
          continue;
        }
        String target = "restored_" + (++restored);
        db.rootSql("CREATE DATABASE " + target);
        Path file = dumps.resolve(entry.get("file").asText());
        // what Oracle's mysql client (not in Debian) would stop at or run: nothing, whatever the
        // names
        try (java.io.InputStream in =
            new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
          assertEquals(
              List.of(),
              org.rdsecho.testing.ClientCommands.in(
                  new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)),
              name);
        }
        db.restore(target, "gunzip -c '" + file + "'");
        assertEquals(
            name,
            db.sql(target, "SELECT name FROM t").replace("\\n", "\n").replace("\\t", "\t").strip(),
            "the dump of " + name + " holds that database's rows");
      }
      assertEquals(created.size(), restored);
    } finally {
      for (String name : created) {
        db.rootSql("DROP DATABASE `" + name.replace("`", "``") + "`");
      }
    }
  }

  @Test
  void hostileTableNamesSharedAmongStreamsStayNamesAndRestoreExactly() throws Exception {
    List<String> tables =
        List.of(
            "-rf",
            "--where=1=0",
            "new\nline",
            "back`tick",
            "semi;colon'quote",
            "ü".repeat(64),
            "%41",
            "t");
    db.rootSql("CREATE DATABASE streams CHARACTER SET utf8mb4");
    try {
      for (String table : tables) {
        String quoted = "`" + table.replace("`", "``") + "`";
        db.sql(
            "streams",
            "CREATE TABLE "
                + quoted
                + " (id INT PRIMARY KEY, name VARCHAR(300));"
                + " INSERT INTO "
                + quoted
                + " SELECT seq, CONCAT('"
                + table.replace("\\", "\\\\").replace("'", "''")
                + "', seq) FROM seq_1_to_"
                + (100 + 50 * tables.indexOf(table))
                + ";");
      }
      db.sql(
          "streams",
          "CREATE VIEW `v``iew` AS SELECT COUNT(*) AS n FROM `-rf` JOIN `back``tick` USING (id)");
      Harness h = new Harness(dir).cloneServedBy(db, "streams", "rebooted");
      h.config.put("rdsecho.export.streams", "3");
      Run run = h.run("export");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.err().contains("its tables in 3 streams at once"), run.err());

      // each stream's part starts with the dump tool's header: none keeps MariaDB's sandbox line,
      // which Oracle's mysql client stops at, and no name became a client command
      try (java.io.InputStream in =
          new java.util.zip.GZIPInputStream(
              Files.newInputStream(h.dumpDir().resolve("streams.sql.gz")))) {
        String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(sql.split("-- MariaDB dump", -1).length - 1 >= 3, "a header per part");
        assertEquals(List.of(), org.rdsecho.testing.ClientCommands.in(sql));
      }
      db.rootSql("CREATE DATABASE streams_restored");
      db.restore("streams_restored", "gunzip -c '" + h.dumpDir().resolve("streams.sql.gz") + "'");
      for (String table : tables) {
        String quoted = "`" + table.replace("`", "``") + "`";
        assertEquals(
            db.sql("streams", "CHECKSUM TABLE " + quoted + " EXTENDED").split("\t")[1],
            db.sql("streams_restored", "CHECKSUM TABLE " + quoted + " EXTENDED").split("\t")[1],
            table);
      }
      assertEquals(
          db.sql("streams", "SELECT n FROM `v``iew`"),
          db.sql("streams_restored", "SELECT n FROM `v``iew`"));
      try (Stream<Path> left = Files.list(h.dumpDir())) {
        assertEquals(
            List.of(), left.filter(p -> p.getFileName().toString().endsWith(".partial")).toList());
      }
    } finally {
      db.rootSql("DROP DATABASE IF EXISTS streams; DROP DATABASE IF EXISTS streams_restored");
    }
  }

  @Test
  void aKilledExportInStreamsLeavesOnlyHiddenPartialFilesAndTheRerunConverges() throws Exception {
    db.rootSql("CREATE DATABASE twin");
    try {
      db.sql(
          "twin",
          "CREATE TABLE a LIKE big.t; INSERT INTO a SELECT * FROM big.t;"
              + " CREATE TABLE b LIKE big.t; INSERT INTO b SELECT * FROM big.t;");
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Path dumps = dir.resolve("dumps/development/2026-11-21");
      String config = "rdsecho.export.streams=2";
      for (String signal : List.of("KILL", "TERM")) {
        Process tool = startToolOn("twin", config, tmp, tmp, PrivateMariaDb.PASSWORD, "export");
        // both streams under way: the file and the second stream's spill
        awaitPartials(dumps, 2, 256 << 10);
        new ProcessBuilder("kill", "-" + signal, String.valueOf(tool.pid())).start().waitFor();
        assertTrue(tool.waitFor(60, TimeUnit.SECONDS), "the tool ended after SIG" + signal);
        assertFalse(
            Files.exists(dumps.resolve("twin.sql.gz")), "no torn dump under the final name");
        for (String name : names(dumps)) {
          assertTrue(
              (name.startsWith(".") && name.endsWith(".partial")) || name.equals(".rdsecho.lock"),
              name);
        }
      }
      Process rerun = startToolOn("twin", config, tmp, tmp, PrivateMariaDb.PASSWORD, "export");
      assertTrue(rerun.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, rerun.exitValue(), Files.readString(dir.resolve("tool-stderr.log")));
      assertEquals(
          List.of("manifest.json", "twin.sql.gz", "twin.sql.gz.sha256"),
          names(dumps),
          "the rerun removed the killed runs' files and spills");
      db.rootSql("CREATE DATABASE twin_restored");
      db.restore("twin_restored", "gunzip -c " + dumps.resolve("twin.sql.gz"));
      for (String table : List.of("a", "b")) {
        assertEquals(
            db.sql("twin", "CHECKSUM TABLE " + table + " EXTENDED").split("\t")[1],
            db.sql("twin_restored", "CHECKSUM TABLE " + table + " EXTENDED").split("\t")[1],
            table);
      }
    } finally {
      db.rootSql("DROP DATABASE IF EXISTS twin; DROP DATABASE IF EXISTS twin_restored");
    }
  }

  /** Waits until {@code count} partial files in {@code dir} each hold at least {@code bytes}. */
  private static void awaitPartials(Path dir, int count, long bytes) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          if (files
                  .filter(p -> p.getFileName().toString().endsWith(".partial") && size(p) >= bytes)
                  .count()
              >= count) {
            return;
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("not " + count + " partial files of " + bytes + " bytes in " + dir);
  }

  // 9. Secrets: any byte in a password, and nothing on disk after any kill.
  @Test
  void passwordsWithQuotesBackslashesAndNewlinesWorkAndNeverBecomeOptions() throws Exception {
    String source = smallDatabase();
    List<String> passwords =
        List.of(
            "line1\nline2",
            "x\nhost=evil.example",
            "q\"uo'te\\back\\",
            "#hash ;semi",
            "tab\there\r",
            "  spaces around  ",
            "${env:HOME}",
            "ünïcødé 😀",
            "\\n literal backslash-n");
    try {
      for (String password : passwords) {
        setPassword(password);
        Harness h = new Harness(dir).cloneServedBy(db, source, "rebooted");
        h.variables.put("DB_PASSWORD", password);
        Run run = h.run("export");
        assertEquals(
            0,
            run.exitCode(),
            "password " + password.replace("\n", "⏎") + ": " + run.out() + run.err());
        assertFalse((run.out() + run.err()).contains(password.strip()), run.err());
        h.rds.instance(Harness.newCloneId()).tags.put("rdsecho:development:stage", "rebooted");
      }
      Path file = dir.resolve("nul-password");
      Files.write(file, "a\0b".getBytes(StandardCharsets.UTF_8));
      Harness h = new Harness(dir).cloneServedBy(db, source, "rebooted");
      h.config.remove("rdsecho.export.passwordEnv");
      h.config.put("rdsecho.export.passwordFile", file.toString());
      Run nul = h.run("export");
      assertEquals(2, nul.exitCode(), nul.out() + nul.err());
      assertTrue(nul.err().contains("the password contains a NUL byte"), nul.err());
    } finally {
      setPassword(PrivateMariaDb.PASSWORD);
    }
  }

  @Test
  void aKilledExportLeavesNoPasswordOnDiskAndTheClientNeverSeesTheVariable() throws Exception {
    String password = "Kill-Marker-" + ProcessHandle.current().pid() + "-pw\nsecond line";
    setPassword(password);
    try {
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Path wrappers = Files.createDirectories(dir.resolve("bin"));
      Path envLog = Files.createDirectories(dir.resolve("env-log"));
      for (String tool : List.of("mariadb-dump", "mariadb")) {
        Path wrapper = wrappers.resolve(tool);
        Files.writeString(
            wrapper,
            "#!/bin/sh\nenv > " + envLog + "/" + tool + "-$$\nexec /usr/bin/" + tool + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
      }
      for (String signal : List.of("KILL", "TERM", "KILL")) {
        Process tool = startTool(tmp, wrappers, password, "export");
        Path dumps = dir.resolve("dumps/development/2026-11-21");
        awaitPartial(dumps, 1 << 20, null);
        new ProcessBuilder("kill", "-" + signal, String.valueOf(tool.pid())).start().waitFor();
        assertTrue(tool.waitFor(60, TimeUnit.SECONDS), "the tool ended after SIG" + signal);
        List<Path> holding = filesContaining(password.substring(0, 20), dir, tmp);
        assertEquals(
            List.of(), holding, "after SIG" + signal + " nothing on disk holds the password");
        assertFalse(Files.exists(dumps.resolve("big.sql.gz")), "no torn dump under the final name");
      }
      try (Stream<Path> logs = Files.list(envLog)) {
        List<Path> seen = logs.toList();
        assertFalse(seen.isEmpty(), "the wrappers ran");
        for (Path log : seen) {
          String env = Files.readString(log);
          assertFalse(env.contains("DB_PASSWORD") || env.contains("Kill-Marker"), log + ": " + env);
          assertFalse(env.contains("AWS_SECRET_ACCESS_KEY"), log + ": " + env);
        }
      }

      Process rerun = startTool(tmp, wrappers, password, "export");
      assertTrue(rerun.waitFor(120, TimeUnit.SECONDS));
      assertEquals(
          0,
          rerun.exitValue(),
          new String(rerun.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      Path dumps = dir.resolve("dumps/development/2026-11-21");
      assertEquals(
          List.of("big.sql.gz", "big.sql.gz.sha256", "manifest.json"),
          names(dumps),
          "the rerun removed the killed runs' partial files");
      PrivateMariaDb.shell("cd " + dumps + " && sha256sum -c big.sql.gz.sha256");
    } finally {
      setPassword(PrivateMariaDb.PASSWORD);
    }
  }

  private Process startTool(Path tmp, Path wrappers, String password, String... command)
      throws IOException {
    return startToolOn("big", "", tmp, wrappers, password, command);
  }

  /** The tool in a JVM of its own, exporting {@code database}; {@code config} is key=value;... */
  private Process startToolOn(
      String database, String config, Path tmp, Path wrappers, String password, String... command)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                FakeCloudMain.class.getName(),
                dir.toString(),
                String.valueOf(db.port()),
                database));
    cmd.addAll(List.of(command));
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("tool-stderr.log").toFile());
    builder.environment().put("DB_PASSWORD", password);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "not-for-the-dump-client");
    builder.environment().put("PATH", wrappers + ":" + System.getenv("PATH"));
    builder.environment().put("TMPDIR", tmp.toString());
    builder.environment().put("RDS_ECHO_LOCK_DIR", dir.resolve("locks").toString());
    builder.environment().put("RDS_ECHO_TEST_CONFIG", config);
    return builder.start();
  }

  private static void setPassword(String password) {
    db.rootSql(
        "ALTER USER '"
            + PrivateMariaDb.USER
            + "'@'%' IDENTIFIED BY '"
            + password.replace("\\", "\\\\").replace("'", "''")
            + "'; FLUSH PRIVILEGES;");
  }

  /** Regular files under the roots whose bytes contain the marker (pipes and devices skipped). */
  private static List<Path> filesContaining(String marker, Path... roots) throws IOException {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
          if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
              .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
            found.add(p);
          }
        }
      }
    }
    return found;
  }

  /**
   * Waits until a partial dump in {@code dir} holds {@code bytes}, while {@code writer} (if any)
   * runs.
   */
  private static void awaitPartial(Path dir, long bytes, Thread writer) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          if (files.anyMatch(
              p -> p.getFileName().toString().endsWith(".partial") && size(p) >= bytes)) {
            return;
          }
        }
      }
      assertNotEquals(
          false, writer == null ? null : writer.isAlive(), "the export ended before it was caught");
      Thread.sleep(20);
    }
    throw new AssertionError("no partial dump of " + bytes + " bytes in " + dir);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

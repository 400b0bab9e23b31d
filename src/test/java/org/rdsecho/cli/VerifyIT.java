package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsecho.dump.DumpVerifier;
import org.rdsecho.testing.FakeCloudMain;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * {@code verify} (§13) with two private MariaDB servers, one standing in for the clone and one for
 * the verification server, and the real decompressors and client: good dumps of every type pass, a
 * dump with a row or a routine removed or a truncated file fails naming what, and no scratch
 * database is left behind, also after the tool was killed.
 */
class VerifyIT {
  private static PrivateMariaDb clone;
  private static PrivateMariaDb scratch;
  private static int databases;
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startServers() {
    clone = PrivateMariaDb.start();
    scratch = PrivateMariaDb.start();
  }

  @AfterAll
  static void stopServers() {
    clone.close();
    scratch.close();
  }

  private static String freshDatabase(String sqlFile) throws IOException {
    String name = "verify" + (++databases);
    clone.rootSql("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    clone.restore(name, "cat " + Path.of(sqlFile).toAbsolutePath());
    return name;
  }

  private static String smallDatabase() {
    String name = "small" + (++databases);
    clone.rootSql(
        "CREATE DATABASE "
            + name
            + ";"
            + " CREATE TABLE "
            + name
            + ".orders (id INT PRIMARY KEY, note VARCHAR(20));"
            + " INSERT INTO "
            + name
            + ".orders VALUES (1, 'one'), (2, 'two'), (3, 'three');"
            + " CREATE PROCEDURE "
            + name
            + ".totals() SELECT COUNT(*) FROM orders;");
    return name;
  }

  /**
   * A clone exported to dumps/development/2026-11-21, with verify pointed at the scratch server.
   */
  private Harness exported(String database, String compression) {
    Harness h = new Harness(dir).cloneServedBy(clone, database, "rebooted");
    h.config.put("rdsecho.export.compression", compression);
    Run export = h.run("export");
    assertEquals(0, export.exitCode(), export.out() + export.err());
    h.config.put("rdsecho.verify.host", "127.0.0.1");
    h.config.put("rdsecho.verify.port", String.valueOf(scratch.port()));
    h.config.put("rdsecho.verify.user", PrivateMariaDb.USER);
    h.config.put("rdsecho.verify.passwordEnv", "DB_PASSWORD");
    return h;
  }

  private static List<String> scratchDatabases() {
    return scratch
        .rootSql("SHOW DATABASES")
        .lines()
        .filter(d -> d.startsWith("rdsecho_verify_"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "zstd", "none"})
  void aGoodDumpOfEveryTypePassesAndNoScratchDatabaseIsLeft(String compression) throws Exception {
    String database = freshDatabase("src/test/resources/sql/everything.sql");
    Harness h = exported(database, compression);

    Run dry = h.run("verify", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.out() + dry.err());
    assertTrue(
        dry.out()
            .contains(
                "into a new scratch database rdsecho_verify_… on 127.0.0.1:" + scratch.port()),
        dry.out());
    assertTrue(scratchDatabases().isEmpty(), "a dry run creates nothing");

    Run run = h.run("-o", "json", "verify");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode doc = json.readTree(run.out());
    assertTrue(doc.get("tables").size() >= 3, doc.toString());
    for (JsonNode table : doc.get("tables")) {
      assertTrue(table.get("match").asBoolean(), table.toString());
      assertEquals(database, table.get("database").asText());
    }
    assertEquals("exported", h.newCloneStage(), "verify leaves the stage as it is");
    assertTrue(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
    assertTrue(scratchDatabases().isEmpty(), "scratch databases dropped: " + scratchDatabases());

    int writes = h.rds.writeLog().size();
    Run again = h.run("verify");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("already verified"), again.out());
    assertEquals(writes, h.rds.writeLog().size(), "a rerun writes nothing");
  }

  /**
   * §3 "dry run is exact": the dry run lists every write the real run then makes, in order (issue
   * 20).
   */
  @Test
  void theDryRunListsExactlyTheWritesOfTheRealRun() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    String leftover = DumpVerifier.scratchPrefix(Harness.NAME) + "00000000dead";
    scratch.rootSql("CREATE DATABASE " + leftover);

    Run dry = h.run("-o", "json", "verify", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.out() + dry.err());
    assertTrue(scratchDatabases().contains(leftover), "a dry run drops nothing");
    Run real = h.run("-o", "json", "verify");
    assertEquals(0, real.exitCode(), real.out() + real.err());
    JsonNode planned = json.readTree(dry.out()).get("actions");
    JsonNode done = json.readTree(real.out()).get("actions");
    assertEquals(done, planned);
    assertEquals(3, done.size(), "drop, load, tag: " + done);
    assertTrue(
        done.get(0).asText().startsWith("drop the scratch database " + leftover), done.toString());
    assertTrue(scratchDatabases().isEmpty(), "the real run dropped it: " + scratchDatabases());
  }

  /** Rewrites the dump's text, recompresses it, and makes its .sha256 and the manifest agree. */
  private void tamper(Harness h, String database, UnaryOperator<String> edit) throws Exception {
    Path file = h.dumpDir().resolve(database + ".sql.gz");
    String sql;
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String edited = edit.apply(sql);
    assertFalse(edited.equals(sql), "the edit changed nothing");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(edited.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, bytes.toByteArray());
    String sha =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    Files.writeString(
        h.dumpDir().resolve(database + ".sql.gz.sha256"), sha + "  " + database + ".sql.gz\n");
    manifestSays(h, sha);
  }

  /**
   * Makes the manifest claim this SHA-256 for the set's (only) file, and the clone's exportManifest
   * tag agree with the new manifest: damage past both digests, so what verify finds by loading is
   * what is tested.
   */
  private void manifestSays(Harness h, String sha) throws IOException {
    manifestSaysOnly(h, sha);
    retag(h);
  }

  /**
   * As above, the clone's tag left as the export wrote it: what someone who can write the share can
   * do.
   */
  private void manifestSaysOnly(Harness h, String sha) throws IOException {
    Path manifest = h.dumpDir().resolve("manifest.json");
    ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
    ((ObjectNode) m.get("databases").get(0)).put("sha256", sha);
    json.writeValue(manifest.toFile(), m);
  }

  private static void retag(Harness h) {
    h.rds
        .instance(Harness.newCloneId())
        .tags
        .put(
            "rdsecho:development:exportManifest",
            org.rdsecho.dump.FileDigests.sha256(h.dumpDir().resolve("manifest.json")));
  }

  /**
   * Replaces the dump's text as someone who can write the share would, its .sha256 and manifest
   * rewritten to match.
   */
  private void rewriteInShare(Harness h, String database, UnaryOperator<String> edit)
      throws Exception {
    tamper(h, database, edit);
    // tamper re-tags (to test what loading finds): put back the digest the export recorded
    h.rds
        .instance(Harness.newCloneId())
        .tags
        .put("rdsecho:development:exportManifest", exportedDigest);
  }

  private String exportedDigest;

  private static final String SANDBOX_LINE = "/*M!999999\\- enable the sandbox mode */";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\\! touch MARKER",
        "system touch MARKER",
        "tee MARKER",
        "source SOURCED",
        "SELECT 1; \\! touch MARKER"
      })
  void aDumpWithClientCommandsRunsNoneOfThemEvenPastBothDigests(String command) throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    Path marker = dir.resolve("marker-" + Long.toHexString(System.nanoTime()));
    Path sourced = dir.resolve("sourced.sql");
    Files.writeString(sourced, "\\! touch " + marker + "\n");
    String line =
        command.replace("MARKER", marker.toString()).replace("SOURCED", sourced.toString());
    tamper(h, database, sql -> line + "\n" + sql.replace(SANDBOX_LINE, ""));

    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertFalse(Files.exists(marker), "the client command ran: " + line);
    assertTrue(
        run.err().contains(h.dumpDir().resolve(database + ".sql.gz") + " does not restore"),
        run.err());
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
    assertTrue(scratchDatabases().isEmpty(), "dropped after the failure: " + scratchDatabases());
  }

  @Test
  void aSetRewrittenInTheShareIsRefusedByTheManifestDigestOnTheCloneBeforeAnythingIsLoaded()
      throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    String recorded =
        h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:exportManifest");
    assertEquals(
        org.rdsecho.dump.FileDigests.sha256(h.dumpDir().resolve("manifest.json")),
        recorded,
        "export records its manifest's SHA-256 on the clone, with the stage");
    Path marker = dir.resolve("marker-" + Long.toHexString(System.nanoTime()));
    exportedDigest = recorded;
    rewriteInShare(
        h, database, sql -> "\\! touch " + marker + "\n" + sql.replace(SANDBOX_LINE, ""));

    for (String[] args : List.of(new String[] {"verify", "--dry-run"}, new String[] {"verify"})) {
      Run run = h.run(args);
      assertEquals(1, run.exitCode(), run.out() + run.err());
      assertTrue(
          run.err()
              .contains(
                  h.dumpDir().resolve("manifest.json")
                      + " is not the manifest the export of "
                      + Harness.newCloneId()
                      + " wrote"),
          run.err());
      assertTrue(
          run.err().contains("rdsecho:development:exportManifest tag says " + recorded), run.err());
    }
    assertFalse(Files.exists(marker));
    assertTrue(scratchDatabases().isEmpty(), "nothing was loaded: " + scratchDatabases());
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
  }

  /**
   * Attack F1: only the dump file is rewritten (its .sha256, the manifest and the clone's tag as
   * the export wrote them). Its own SHA-256 in the manifest must refuse it before one byte reaches
   * the client: the statements it holds run with verify's credentials on the verification server.
   */
  @Test
  void aDumpFileRewrittenAloneIsRefusedByItsDigestBeforeAnyOfItReachesTheClient() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    String victim = "victim_" + (++databases);
    String pwned = "pwned_" + databases;
    scratch.rootSql("CREATE DATABASE " + victim);
    Path file = h.dumpDir().resolve(database + ".sql.gz");
    String sql;
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          ("CREATE DATABASE " + pwned + ";\nDROP DATABASE " + victim + ";\n" + sql)
              .getBytes(StandardCharsets.UTF_8));
    }

    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(file + " is not the file its manifest describes"), run.err());
    List<String> all = scratch.rootSql("SHOW DATABASES").lines().toList();
    assertTrue(all.contains(victim), "the victim database was dropped: " + all);
    assertFalse(all.contains(pwned), "the dump's statements ran: " + all);
    assertTrue(scratchDatabases().isEmpty(), "nothing was created for it: " + scratchDatabases());
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
    scratch.rootSql("DROP DATABASE " + victim);
  }

  /**
   * Attack F12: a FIFO named as the dump file fails within seconds naming it, and nothing is
   * loaded.
   */
  @Test
  void aFifoNamedAsTheDumpFileFailsWithinSecondsNamingIt() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    Path file = h.dumpDir().resolve(database + ".sql.gz");
    Files.delete(file);
    org.rdsecho.testing.HostileFs.mkfifo(file);
    Run run =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(20), () -> h.run("verify"), "a FIFO hung verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(file + " is a FIFO"), run.err());
    assertTrue(scratchDatabases().isEmpty(), scratchDatabases().toString());
  }

  @Test
  void aDumpWithARowRemovedFailsNamingTheTableEvenWithItsChecksumsRewritten() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    tamper(h, database, sql -> sql.replace("(2,'two'),\n", ""));
    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains("table 'orders' has 3 row(s) on the clone and 2 restored"), run.err());
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
    assertTrue(scratchDatabases().isEmpty(), "dropped after a failure too: " + scratchDatabases());
  }

  @Test
  void aDumpWithARoutineRemovedFailsNamingIt() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    tamper(
        h,
        database,
        sql -> sql.replaceAll("(?s)CREATE DEFINER=[^\\n]*PROCEDURE `totals`\\(\\)\\n.*?;;\\n", ""));
    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains("routine 'PROCEDURE totals' is missing from the dump"), run.err());
    assertTrue(scratchDatabases().isEmpty());
  }

  @Test
  void aTruncatedFileFailsNamingItAndAChangedFileIsCaughtByItsManifest() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    Path file = h.dumpDir().resolve(database + ".sql.gz");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
    Run changed = h.run("verify");
    assertEquals(1, changed.exitCode(), changed.out() + changed.err());
    assertTrue(
        changed.err().contains(file + " is not the file its manifest describes"), changed.err());

    Files.write(file, whole);
    tamper(h, database, sql -> sql + "-- padding to rewrite the checksums\n");
    byte[] rewritten = Files.readAllBytes(file);
    byte[] truncated = java.util.Arrays.copyOf(rewritten, rewritten.length - 30);
    Files.write(file, truncated);
    manifestSays(
        h, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(truncated)));
    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains(file + " does not decompress whole (")
            && run.err().contains("truncated"),
        run.err());
    assertTrue(scratchDatabases().isEmpty());
  }

  @Test
  void hostileDatabaseAndTableNamesAreComparedExactly() {
    String database = "ve`rify 'x' " + (++databases);
    clone.rootSql(
        "CREATE DATABASE `ve``rify 'x' "
            + databases
            + "`; USE `ve``rify 'x' "
            + databases
            + "`;"
            + " CREATE TABLE `it``s \"ü\" 日` (id INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO `it``s \"ü\" 日`"
            + " VALUES (1, 'a'), (2, 'b'); CREATE VIEW `v``1` AS SELECT id FROM `it``s \"ü\" 日`;");
    Harness h = exported(database, "gzip");
    Run run = h.run("-o", "json", "verify");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("\"table\":\"it`s \\\"ü\\\" 日\",\"rows\":2,\"match\":true"), run.out());
    assertTrue(scratchDatabases().isEmpty());
  }

  @Test
  void aManifestNamingAFileOutsideItsSetIsRefusedBeforeAnythingIsRead() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    Path manifest = h.dumpDir().resolve("manifest.json");
    ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
    ((ObjectNode) m.get("databases").get(0)).put("file", "../../../../etc/passwd");
    json.writeValue(manifest.toFile(), m);
    retag(h);
    Run run = h.run("verify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains(
                "names the file ../../../../etc/passwd, which is not a plain name inside the set"),
        run.err());
    assertTrue(scratchDatabases().isEmpty(), "nothing was loaded");
  }

  @Test
  void theVerificationServerMayNotBeTheClone() {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    h.config.put("rdsecho.verify.port", String.valueOf(clone.port()));
    Run run = h.run("verify");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains(
                "rdsecho.verify.host=127.0.0.1 (port "
                    + clone.port()
                    + ") is the clone as reached"
                    + " through rdsecho.export.host"),
        run.err());
  }

  @Test
  void sanitizeRecordsItsOwnManifestDigestInPlaceOfTheRawOnesAndVerifyTrustsTheScrubbedSetByIt()
      throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    Run verified = h.run("verify");
    assertEquals(0, verified.exitCode(), verified.out() + verified.err());
    Files.writeString(dir.resolve("scrub.sql"), "UPDATE orders SET note = 'x';\n");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.dir", "clean/{name}/{date}");
    Run sanitize = h.run("sanitize");
    assertEquals(0, sanitize.exitCode(), sanitize.out() + sanitize.err());
    var tags = h.rds.instance(Harness.newCloneId()).tags;
    Path scrubbed = dir.resolve("clean/development/2026-11-21");
    assertEquals(
        org.rdsecho.dump.FileDigests.sha256(scrubbed.resolve("manifest.json")),
        tags.get("rdsecho:development:sanitizeManifest"));
    // our tags stay within their count (§15): the raw set's digest and its verify went when the
    // scripts began,
    // and the complete scrubbed set stands for "the scripts ran"
    assertFalse(tags.containsKey("rdsecho:development:exportManifest"), tags.toString());
    assertFalse(tags.containsKey("rdsecho:development:verifiedAt"), tags.toString());
    assertFalse(tags.containsKey("rdsecho:development:sanitizeScriptsRanAt"), tags.toString());

    Run run = h.run("-o", "json", "verify");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("load " + scrubbed.resolve(database + ".sql.gz")), run.err());
    Files.writeString(
        scrubbed.resolve("manifest.json"),
        Files.readString(scrubbed.resolve("manifest.json")) + " ");
    tags.remove("rdsecho:development:verifiedAt");
    Run rewritten = h.run("verify");
    assertEquals(1, rewritten.exitCode(), rewritten.out() + rewritten.err());
    assertTrue(
        rewritten
            .err()
            .contains(scrubbed.resolve("manifest.json") + " is not the manifest the sanitize of "),
        rewritten.err());
  }

  @Test
  void aClientWithoutSandboxIsRefusedByVerifyAndCarryBeforeAnyDumpReachesIt() throws Exception {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    // MySQL's client, first on PATH: it has --binary-mode but no --sandbox
    Path bin = Files.createDirectories(dir.resolve("mysql-bin"));
    Path mysql = bin.resolve("mariadb");
    Files.writeString(
        mysql,
        "#!/bin/sh\necho 'mysql  Ver 8.0.40 for Linux on x86_64 (MySQL Community Server - GPL)'\n"
            + "echo '  --binary-mode       By default, ASCII 0 is disallowed'\n");
    mysql.toFile().setExecutable(true);
    h.variables.put("PATH", bin + ":/usr/bin:/usr/local/bin");
    for (String[] args : List.of(new String[] {"verify", "--dry-run"}, new String[] {"verify"})) {
      Run run = h.run(args);
      assertEquals(4, run.exitCode(), run.out() + run.err());
      assertTrue(
          (run.out() + run.err())
              .contains(
                  "refusing to feed the dumps of "
                      + h.dumpDir()
                      + " to "
                      + mysql
                      + ": this client has no --sandbox mode"),
          run.out() + run.err());
    }
    h.config.put("rdsecho.carry.tables", database + ".orders");
    Run carry = h.run("carry");
    assertEquals(4, carry.exitCode(), carry.out() + carry.err());
    assertTrue(
        (carry.out() + carry.err())
            .contains("refusing to feed rows dumped from the promoted clone to " + mysql),
        carry.out() + carry.err());
    assertTrue(scratchDatabases().isEmpty());
  }

  @Test
  void theVerificationServerMayNotBeTheServerCarryReadsTheStagingClonesRowsFrom() {
    String database = smallDatabase();
    Harness h = exported(database, "gzip");
    // the promoted staging clone reached through a tunnel: another spelling of the same loopback
    // server
    h.config.put("rdsecho.carry.tables", database + ".orders");
    h.config.put("rdsecho.carry.fromHost", "LocalHost.");
    h.config.put("rdsecho.carry.fromPort", String.valueOf(scratch.port()));
    for (String[] args : List.of(new String[] {"verify", "--dry-run"}, new String[] {"verify"})) {
      Run run = h.run(args);
      assertEquals(2, run.exitCode(), run.out() + run.err());
      assertTrue(
          run.err()
              .contains(
                  "rdsecho.verify.host=127.0.0.1 (port "
                      + scratch.port()
                      + ") is the promoted clone "
                      + Harness.oldCloneId()
                      + " as carry reaches it (rdsecho.carry.fromHost)"),
          run.err());
    }
    assertTrue(scratchDatabases().isEmpty(), "nothing was restored there");
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:verifiedAt"));
  }

  @Test
  void scratchDatabasesOfAKilledRunAreDroppedByTheRerunAndOnlyThisEchosOnes() throws Exception {
    clone.rootSql(
        "CREATE DATABASE big; CREATE TABLE big.rows (id INT PRIMARY KEY, filler VARCHAR(200));"
            + " USE big; INSERT INTO big.rows SELECT seq, REPEAT('x', 200) FROM seq_1_to_300000;");
    Harness h = exported("big", "gzip");
    String others = "rdsecho_verify_0123abcd_000000000000";
    scratch.rootSql("CREATE DATABASE " + others);

    // the tool in a JVM of its own, killed with SIGKILL while it loads the dump
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeCloudMain.class.getName(),
                dir.toString(),
                String.valueOf(clone.port()),
                "big",
                "verify"));
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("killed-stderr.log").toFile());
    builder.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    builder.environment().put("RDS_ECHO_LOCK_DIR", dir.resolve("locks").toString());
    builder.environment().put("RDS_ECHO_TEST_STAGE", "exported");
    builder
        .environment()
        .put(
            "RDS_ECHO_TEST_TAGS",
            "rdsecho:development:exportManifest="
                + h.rds
                    .instance(Harness.newCloneId())
                    .tags
                    .get("rdsecho:development:exportManifest"));
    builder
        .environment()
        .put(
            "RDS_ECHO_TEST_CONFIG",
            "rdsecho.verify.host=127.0.0.1;rdsecho.verify.port="
                + scratch.port()
                + ";rdsecho.verify.user="
                + PrivateMariaDb.USER
                + ";rdsecho.verify.passwordEnv=DB_PASSWORD");
    Process tool = builder.start();
    String mine = DumpVerifier.scratchPrefix(Harness.NAME);
    long deadline = System.currentTimeMillis() + 60_000;
    while (scratchDatabases().stream().noneMatch(d -> d.startsWith(mine))) {
      assertTrue(
          tool.isAlive(),
          "verify ended before it was caught: "
              + Files.readString(dir.resolve("killed-stderr.log")));
      assertTrue(System.currentTimeMillis() < deadline, "no scratch database appeared");
      Thread.sleep(10);
    }
    tool.destroyForcibly();
    assertTrue(tool.waitFor(30, TimeUnit.SECONDS));
    assertTrue(
        scratchDatabases().stream().anyMatch(d -> d.startsWith(mine)),
        "the killed run left its scratch");

    Run dry = h.run("verify", "--dry-run");
    assertTrue(dry.out().contains("drop the scratch database " + mine), dry.out());
    Run rerun = h.run("verify");
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertEquals(List.of(others), scratchDatabases(), "ours dropped, another echo's left alone");
    scratch.rootSql("DROP DATABASE " + others);
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.testing.FakeCloudMain;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;
import org.rdsecho.testing.S3MockServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * §14 uploads against Adobe's S3Mock (a real S3-protocol server) and the real SDK S3 client: every
 * file with a checksum S3 verifies, the manifest last, {@code keep} on S3 prefixes, {@code s3Only},
 * and a multipart upload killed mid-way and rerun with no parts left behind.
 */
class S3IT {
  private static PrivateMariaDb db;
  private static PrivateMariaDb scratch;
  private static S3MockServer s3;
  private static S3Client look;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    db = PrivateMariaDb.start();
    db.rootSql(
        "CREATE DATABASE shop; USE shop; CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20));"
            + " INSERT INTO items VALUES (1, 'one'), (2, 'two');");
    // incompressible rows, so the dump takes several 5 MiB parts
    db.rootSql(
        "CREATE DATABASE attachments; USE attachments; CREATE TABLE blobs (id INT PRIMARY KEY, data LONGBLOB);"
            + " INSERT INTO blobs SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_24000;");
    s3 = S3MockServer.start();
    scratch = PrivateMariaDb.start();
    look = s3.client();
    // the tool's client takes the default credential chain; the server accepts any
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stop() {
    look.close();
    s3.close();
    db.close();
    scratch.close();
  }

  private Harness uploading(String database, String prefix) {
    Harness h = new Harness(dir).cloneServedBy(db, database, "rebooted");
    h.variables.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
    h.config.put(
        "rdsecho.export.s3Uri", "s3://" + S3MockServer.BUCKET + "/" + prefix + "/{name}/{date}");
    return h;
  }

  private static List<String> keys(String prefix) {
    return look
        .listObjectsV2Paginator(r -> r.bucket(S3MockServer.BUCKET).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private static byte[] object(String key) {
    return look.getObjectAsBytes(r -> r.bucket(S3MockServer.BUCKET).key(key)).asByteArray();
  }

  @Test
  void everyFileIsUploadedWithAChecksumS3VerifiedAndTheManifestLast() throws Exception {
    Harness h = uploading("shop", "plain");
    Run dry = h.run("export", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "upload "
                    + h.dumpDir()
                    + "/shop.sql.gz to s3://dumps/plain/development/2026-11-21/"
                    + "shop.sql.gz (SHA-256 checked by S3"),
        dry.out());
    assertEquals(List.of(), keys("plain/"), "a dry run uploads nothing");

    Run run = h.run("-o", "json", "export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String set = "plain/development/2026-11-21/";
    assertEquals(
        List.of(set + "manifest.json", set + "shop.sql.gz", set + "shop.sql.gz.sha256"),
        keys("plain/"));
    for (String name : List.of("shop.sql.gz", "shop.sql.gz.sha256", "manifest.json")) {
      assertArrayEquals(Files.readAllBytes(h.dumpDir().resolve(name)), object(set + name), name);
    }
    HeadObjectResponse head =
        look.headObject(
            r ->
                r.bucket(S3MockServer.BUCKET)
                    .key(set + "shop.sql.gz")
                    .checksumMode(ChecksumMode.ENABLED));
    assertNotNull(head.checksumSHA256(), "S3 holds the checksum it verified");
    assertEquals(
        FileDigests.sha256(h.dumpDir().resolve("shop.sql.gz")), head.metadata().get("sha256"));

    List<String> order = run.err().lines().filter(l -> l.startsWith("uploaded ")).toList();
    assertTrue(
        order.get(order.size() - 1).endsWith("manifest.json"), "the manifest last: " + order);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(
        "s3://dumps/" + set + "shop.sql.gz", doc.get("files").get(0).get("s3Uri").asText());
    JsonNode manifest = new ObjectMapper().readTree(object(set + "manifest.json"));
    assertEquals("s3://dumps/plain/development/2026-11-21", manifest.get("s3Uri").asText());
  }

  @Test
  void s3OnlyKeepsNoLocalCopyOnceUploadedAndKeepPrunesOnlyThisNamesOlderSetsOfTheSameKind()
      throws Exception {
    String older = "kept/development/2026-11-19/";
    String oldest = "kept/development/2026-11-18/";
    putManifest(oldest, "development", "raw", "2026-11-18T03:00:00Z");
    putManifest(older, "development", "raw", "2026-11-19T03:00:00Z");
    putManifest("kept/staging/2026-11-01/", "staging", "raw", "2026-11-01T03:00:00Z");
    putManifest(
        "kept/development/2026-11-02-scrubbed/",
        "development",
        "sanitized",
        "2026-11-02T03:00:00Z");
    look.putObject(
        r -> r.bucket(S3MockServer.BUCKET).key("kept/development/not-ours/readme.txt"),
        RequestBody.fromString("hello"));
    Harness h = uploading("shop", "kept");
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/kept/{name}/{date}");
    h.config.put("rdsecho.export.s3Only", "true");
    h.config.put("rdsecho.export.keep", "2");
    Run run = h.run("export");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    try (Stream<Path> local = Files.list(h.dumpDir())) {
      assertEquals(
          List.of("manifest.json"),
          local.map(p -> p.getFileName().toString()).toList(),
          "only the manifest (no data) stays on disk");
    }
    List<String> all = keys("kept/");
    assertTrue(all.contains("kept/development/2026-11-21/shop.sql.gz"), all.toString());
    assertTrue(
        all.stream().anyMatch(k -> k.startsWith(older)), "keep=2: the newer older set stays");
    assertFalse(all.stream().anyMatch(k -> k.startsWith(oldest)), "beyond keep: removed");
    assertTrue(all.contains("kept/staging/2026-11-01/manifest.json"), "another echo's set stays");
    assertTrue(
        all.contains("kept/development/2026-11-02-scrubbed/manifest.json"), "another kind stays");
    assertTrue(
        all.contains("kept/development/not-ours/readme.txt"),
        "a prefix without our manifest stays");

    // verify reads an s3Only set from S3
    h.config.put("rdsecho.verify.host", "127.0.0.1");
    h.config.put("rdsecho.verify.port", String.valueOf(scratch.port()));
    h.config.put("rdsecho.verify.user", PrivateMariaDb.USER);
    h.config.put("rdsecho.verify.passwordEnv", "DB_PASSWORD");
    Run verify = h.run("verify");
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(
        verify
            .err()
            .contains(
                "load s3://dumps/kept/development/2026-11-21/shop.sql.gz (s3Only: read from S3)"),
        verify.err());
  }

  /**
   * Attack F1 through S3: only the object is replaced; its manifest's SHA-256 refuses it before the
   * client sees it.
   */
  @Test
  void anObjectReplacedInTheBucketIsRefusedByItsDigestBeforeAnyOfItReachesTheClient()
      throws Exception {
    Harness h = uploading("shop", "swapped");
    h.config.put("rdsecho.export.s3Only", "true");
    Run export = h.run("export");
    assertEquals(0, export.exitCode(), export.out() + export.err());
    String key = "swapped/development/2026-11-21/shop.sql.gz";
    String sql;
    try (var in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(object(key)))) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    scratch.rootSql("CREATE DATABASE victim_s3");
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(
          ("CREATE DATABASE pwned_s3;\nDROP DATABASE victim_s3;\n" + sql)
              .getBytes(StandardCharsets.UTF_8));
    }
    look.putObject(
        r -> r.bucket(S3MockServer.BUCKET).key(key), RequestBody.fromBytes(bytes.toByteArray()));

    h.config.put("rdsecho.verify.host", "127.0.0.1");
    h.config.put("rdsecho.verify.port", String.valueOf(scratch.port()));
    h.config.put("rdsecho.verify.user", PrivateMariaDb.USER);
    h.config.put("rdsecho.verify.passwordEnv", "DB_PASSWORD");
    Run verify = h.run("verify");
    assertEquals(1, verify.exitCode(), verify.out() + verify.err());
    assertTrue(
        verify.err().contains("s3://dumps/" + key + " is not the file its manifest describes"),
        verify.err());
    List<String> all = scratch.rootSql("SHOW DATABASES").lines().toList();
    assertTrue(all.contains("victim_s3"), "the victim database was dropped: " + all);
    assertFalse(all.contains("pwned_s3"), "the object's statements ran: " + all);
    assertFalse(all.stream().anyMatch(d -> d.startsWith("rdsecho_verify_")), all.toString());
    scratch.rootSql("DROP DATABASE victim_s3");
  }

  @Test
  void twoEchoesUploadingToOnePrefixNeverOverwriteEachOther() throws Exception {
    // echo qa's complete set, uploaded under the prefix both echoes were given
    putManifest("apart/2026-11-21/", "qa", "raw", "2026-11-21T02:00:00Z");
    List<String> before = keys("apart/");
    byte[] manifest = object("apart/2026-11-21/manifest.json");
    Harness h = uploading("shop", "apart");
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/apart/{date}");
    h.config.put("rdsecho.export.s3Only", "true");
    for (String[] args : List.of(new String[] {"export", "--dry-run"}, new String[] {"export"})) {
      Run run = h.run(args);
      assertEquals(4, run.exitCode(), run.out() + run.err());
      assertTrue(
          (run.out() + run.err())
              .contains(
                  "refusing to write the raw dump set of "
                      + Harness.newCloneId()
                      + " to s3://dumps/apart/2026-11-21: it holds the complete raw dump set of echo 'qa'"),
          run.err());
      assertTrue(
          (run.out() + run.err()).contains("add {name} to rdsecho.export.s3Uri"),
          run.out() + run.err());
    }
    assertEquals(before, keys("apart/"), "qa's objects intact, nothing uploaded");
    assertArrayEquals(manifest, object("apart/2026-11-21/manifest.json"));
    assertFalse(Files.exists(h.dumpDir()), "nothing written locally either");
    assertEquals("rebooted", h.newCloneStage());
  }

  @Test
  void twoClonesOfOneEchoExportedTheSameDayNeverOverwriteEachOthersSet() throws Exception {
    Harness h = new Harness(dir).cloneServedBy(db, "shop", "rebooted");
    Run first = h.run("export");
    assertEquals(0, first.exitCode(), first.out() + first.err());
    Map<String, byte[]> set = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(h.dumpDir())) {
      for (Path f : files.toList()) {
        set.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    // a second clone of the same echo, ready for export on the same day: {date} alone names the
    // same directory
    String second = Harness.NAME + "-second-clone";
    var clone = h.rds.addInstance(second, "available", Harness.START.minusSeconds(60));
    clone.tags.put("rdsecho:" + Harness.NAME + ":managed", "true");
    clone.tags.put("rdsecho:" + Harness.NAME + ":stage", "rebooted");
    clone.tags.put("rdsecho:" + Harness.NAME + ":snapshot", "rds:production-2026-11-21-00-00");
    for (String[] args :
        List.of(
            new String[] {"export", "--dry-run", "--instance", second},
            new String[] {"export", "--instance", second})) {
      Run run = h.run(args);
      assertEquals(4, run.exitCode(), run.out() + run.err());
      assertTrue(
          (run.out() + run.err())
              .contains(
                  "refusing to write the raw dump set of "
                      + second
                      + " to "
                      + h.dumpDir()
                      + ": it holds the complete raw dump set of clone "
                      + Harness.newCloneId()
                      + " of this echo"),
          run.err());
      assertTrue(
          (run.out() + run.err()).contains("add {instance} to rdsecho.export.dir"),
          run.out() + run.err());
    }
    try (Stream<Path> files = Files.list(h.dumpDir())) {
      assertEquals(
          set.keySet(),
          new java.util.TreeSet<>(files.map(f -> f.getFileName().toString()).toList()));
    }
    for (var f : set.entrySet()) {
      assertArrayEquals(
          f.getValue(), Files.readAllBytes(h.dumpDir().resolve(f.getKey())), f.getKey());
    }
    assertEquals("rebooted", h.rds.instance(second).tags.get("rdsecho:" + Harness.NAME + ":stage"));
  }

  // Attack F2: sets apart was checked only at planning. Another run's set appears at an exact point
  // of this run (the harness hands each progress line to the test as it is written): no timing.

  private static byte[] manifestOf(String name, String kind, String instance) {
    return ("{\"tool\":\"rds-echo\",\"name\":\""
            + name
            + "\",\"kind\":\""
            + kind
            + "\",\"instance\":\""
            + instance
            + "\",\"finishedAt\":\"2026-11-21T02:00:00Z\",\"databases\":[{\"database\":\"shop\",\"file\":"
            + "\"shop.sql.gz\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSetAnotherRunCompletedInTheDirectoryAfterPlanningIsNeverOverwritten() throws Exception {
    Harness h = new Harness(dir).cloneServedBy(db, "shop", "exported");
    Files.writeString(dir.resolve("scrub.sql"), "SELECT 1;\n");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.dir", "clean/{date}");
    Path set = dir.resolve("clean/2026-11-21");
    byte[] theirs = manifestOf("qa", "sanitized", "qa-clone");
    // qa's run completes its set while this one runs its scripts (planned, nothing written yet)
    h.onProgress =
        line -> {
          if (line.startsWith("running scrub.sql")) {
            try {
              Files.createDirectories(set);
              Files.write(set.resolve("shop.sql.gz"), new byte[] {'x'});
              Files.write(set.resolve("manifest.json"), theirs);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    Run run = h.run("sanitize");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(
        (run.out() + run.err())
            .contains(
                "refusing to write the sanitized dump set of "
                    + Harness.newCloneId()
                    + " to "
                    + set
                    + ": it holds the complete sanitized dump set of echo 'qa'"),
        run.out() + run.err());
    assertTrue(
        (run.out() + run.err()).contains("add {name} to rdsecho.sanitize.dir"),
        run.out() + run.err());
    assertArrayEquals(theirs, Files.readAllBytes(set.resolve("manifest.json")));
    assertArrayEquals(new byte[] {'x'}, Files.readAllBytes(set.resolve("shop.sql.gz")));
    try (Stream<Path> files = Files.list(set)) {
      assertEquals(
          List.of("manifest.json", "shop.sql.gz"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "nothing of ours written there");
    }
  }

  @Test
  void aSetAnotherRunCompletedUnderThePrefixBeforeTheFirstUploadIsNeverOverwritten()
      throws Exception {
    Harness h = uploading("shop", "race1");
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/race1/{date}");
    h.config.put("rdsecho.export.s3Only", "true");
    // planned and locked, the first dump (and its streaming upload) about to start: qa's set lands
    h.onProgress =
        line -> {
          if (line.startsWith("compressing with")) {
            putManifest("race1/2026-11-21/", "qa", "raw", "2026-11-21T02:00:00Z");
          }
        };
    Run run = h.run("export");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(
        (run.out() + run.err())
            .contains(
                "refusing to write the raw dump set of "
                    + Harness.newCloneId()
                    + " to s3://dumps/race1/2026-11-21: it holds the complete raw dump set of echo 'qa'"),
        run.out() + run.err());
    assertTrue(
        (run.out() + run.err()).contains("add {name} to rdsecho.export.s3Uri"),
        run.out() + run.err());
    String set = "race1/2026-11-21/";
    assertEquals(
        List.of(set + "manifest.json", set + "shop.sql.gz", set + "shop.sql.gz.sha256"),
        keys("race1/"));
    assertArrayEquals(
        "x".getBytes(StandardCharsets.UTF_8), object(set + "shop.sql.gz"), "qa's dump untouched");
    assertTrue(
        new String(object(set + "manifest.json"), StandardCharsets.UTF_8)
            .contains("\"name\":\"qa\""));
    assertEquals(
        List.of(),
        look.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET).prefix("race1/")).uploads());
    assertEquals("rebooted", h.newCloneStage());
  }

  @Test
  void aManifestOfAnotherEchoAppearingBeforeOursIsUploadedStopsTheRunAndIsLeftAsItIs()
      throws Exception {
    Harness h = uploading("shop", "race2");
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/race2/{date}");
    h.config.put("rdsecho.export.s3Only", "true");
    byte[] theirs = manifestOf("qa", "raw", "qa-clone");
    String set = "race2/2026-11-21/";
    // our files are up; qa's manifest lands before ours would
    h.onProgress =
        line -> {
          if (line.equals("uploaded s3://dumps/" + set + "shop.sql.gz.sha256")) {
            look.putObject(
                r -> r.bucket(S3MockServer.BUCKET).key(set + "manifest.json"),
                RequestBody.fromBytes(theirs));
          }
        };
    Run run = h.run("export");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(
        (run.out() + run.err())
            .contains(
                "to s3://dumps/race2/2026-11-21: it holds the complete raw dump set of echo 'qa'"),
        run.out() + run.err());
    assertTrue(
        (run.out() + run.err()).contains("add {name} to rdsecho.export.s3Uri"),
        run.out() + run.err());
    assertArrayEquals(
        theirs, object(set + "manifest.json"), "qa's manifest is not replaced by ours");
    assertEquals("rebooted", h.newCloneStage(), "not exported");
  }

  @Test
  void anObjectOfAnotherSetStillBeingUploadedUnderThePrefixIsNeverOverwritten() throws Exception {
    // qa's run is uploading its set here: its dump is up, its manifest not yet
    String set = "race3/2026-11-21/";
    look.putObject(
        r ->
            r.bucket(S3MockServer.BUCKET)
                .key(set + "shop.sql.gz")
                .metadata(Map.of("rdsecho-set", "qa/raw/qa-clone")),
        RequestBody.fromString("qa's dump"));
    Harness h = uploading("shop", "race3");
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/race3/{date}");
    Run run = h.run("export");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(
        (run.out() + run.err())
            .contains(
                "s3://dumps/"
                    + set
                    + "shop.sql.gz is already there and is not this set's (it"
                    + " belongs to qa/raw/qa-clone)"),
        run.out() + run.err());
    assertTrue(
        (run.out() + run.err()).contains("add {name} and {instance} to rdsecho.export.s3Uri"),
        run.out() + run.err());
    assertEquals(List.of(set + "shop.sql.gz"), keys("race3/"));
    assertArrayEquals("qa's dump".getBytes(StandardCharsets.UTF_8), object(set + "shop.sql.gz"));
    assertEquals(
        List.of(),
        look.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET).prefix("race3/")).uploads());
  }

  /** A local set of this echo and kind from an earlier night, as its manifest describes it. */
  private static void localSet(Path set, String kind, String day) throws Exception {
    Files.createDirectories(set);
    Files.writeString(set.resolve("shop.sql.gz"), "dump");
    Files.writeString(set.resolve("shop.sql.gz.sha256"), "sum");
    Files.writeString(
        set.resolve("manifest.json"),
        "{\"tool\":\"rds-echo\",\"name\":\"development\",\"kind\":\""
            + kind
            + "\",\"finishedAt\":\""
            + day
            + "T03:00:00Z\",\"databases\":[{\"database\":\"shop\",\"file\":"
            + "\"shop.sql.gz\"}]}");
  }

  /**
   * §3 "Dry run is exact" for the whole of an uploaded set: the dumps streamed to S3 as they are
   * written, every upload with the manifest last, s3Only's removal of the local copies, and the
   * older sets pruned on disk and in the bucket, for export and sanitize alike.
   */
  @Test
  void dryRunsOfUploadedExportAndSanitizeListExactlyTheWritesOfTheRealRuns() throws Exception {
    for (String day : List.of("2026-11-18", "2026-11-19")) {
      putManifest("exact/development/" + day + "/", "development", "raw", day + "T03:00:00Z");
      putManifest(
          "exact-clean/development/" + day + "/", "development", "sanitized", day + "T03:00:00Z");
      localSet(dir.resolve("dumps/development/" + day), "raw", day);
      localSet(dir.resolve("clean/" + day), "sanitized", day);
    }
    Harness h = uploading("shop", "exact");
    h.config.put("rdsecho.export.s3Only", "true");
    h.config.put("rdsecho.export.keep", "2");
    Files.writeString(dir.resolve("scrub.sql"), "SELECT 1;\n");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    h.config.put("rdsecho.sanitize.databases", "shop");
    h.config.put("rdsecho.sanitize.dir", "clean/{date}");
    h.config.put("rdsecho.sanitize.s3Uri", "s3://dumps/exact-clean/{name}/{date}");
    h.config.put("rdsecho.sanitize.keep", "2");
    for (String command : List.of("export", "sanitize")) {
      List<String> before = keys("exact");
      JsonNode planned =
          new ObjectMapper().readTree(h.run(command, "--dry-run", "-o", "json").out());
      assertEquals(before, keys("exact"), "a dry run uploads and removes nothing");
      Run real = h.run(command, "-o", "json");
      assertEquals(0, real.exitCode(), real.out() + real.err());
      assertEquals(
          new ObjectMapper().readTree(real.out()).get("actions"), planned.get("actions"), command);
      String prefix =
          command.equals("export")
              ? "s3://dumps/exact/development/"
              : "s3://dumps/exact-clean/development/";
      String all = planned.get("actions").toString();
      for (String write :
          List.of(
              "streaming it to " + prefix + "2026-11-21/shop.sql.gz as it is written",
              "upload ",
              "remove the local copies of shop.sql.gz, shop.sql.gz.sha256",
              "remove the older dump set " + prefix + "2026-11-18 (keep=2)",
              "remove the older dump set "
                  + dir.resolve(
                      command.equals("export")
                          ? "dumps/development/2026-11-18"
                          : "clean/2026-11-18")
                  + " (keep=2)")) {
        assertTrue(all.contains(write), write + " in " + all);
      }
    }
    assertEquals("sanitized", h.newCloneStage());
  }

  private static void putManifest(String prefix, String name, String kind, String finishedAt) {
    String manifest =
        "{\"tool\":\"rds-echo\",\"name\":\""
            + name
            + "\",\"kind\":\""
            + kind
            + "\",\"finishedAt\":\""
            + finishedAt
            + "\",\"databases\":[{\"database\":\"shop\",\"file\":\"shop.sql.gz\"}]}";
    look.putObject(
        r -> r.bucket(S3MockServer.BUCKET).key(prefix + "manifest.json"),
        RequestBody.fromString(manifest));
    look.putObject(
        r -> r.bucket(S3MockServer.BUCKET).key(prefix + "shop.sql.gz"),
        RequestBody.fromString("x"));
    look.putObject(
        r -> r.bucket(S3MockServer.BUCKET).key(prefix + "shop.sql.gz.sha256"),
        RequestBody.fromString("y"));
  }

  @Test
  void aMultipartUploadKilledMidWayIsAbortedAndRedoneByTheRerunWithNoPartsLeft() throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Daws.accessKeyId=test",
            "-Daws.secretAccessKey=test",
            "-cp",
            System.getProperty("java.class.path"),
            FakeCloudMain.class.getName(),
            dir.toString(),
            String.valueOf(db.port()),
            "attachments",
            "export");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("killed.log").toFile());
    builder.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    builder.environment().put("RDS_ECHO_LOCK_DIR", dir.resolve("locks").toString());
    builder.environment().put("AWS_ENDPOINT_URL_S3", s3.endpoint());
    builder.environment().put("RDS_ECHO_S3_PART_BYTES", String.valueOf(5L << 20));
    builder
        .environment()
        .put("RDS_ECHO_TEST_CONFIG", "rdsecho.export.s3Uri=s3://dumps/killed/{name}/{date}");
    Process tool = builder.start();
    long deadline = System.currentTimeMillis() + 120_000;
    // wait until a multipart upload holds at least one part, then kill the tool
    while (true) {
      assertTrue(
          tool.isAlive(),
          "the export ended before it was caught: " + Files.readString(dir.resolve("killed.log")));
      assertTrue(System.currentTimeMillis() < deadline, "no multipart upload appeared");
      var uploads =
          look.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET).prefix("killed/")).uploads();
      if (!uploads.isEmpty()
          && !look.listParts(
                  r ->
                      r.bucket(S3MockServer.BUCKET)
                          .key(uploads.get(0).key())
                          .uploadId(uploads.get(0).uploadId()))
              .parts()
              .isEmpty()) {
        break;
      }
      Thread.sleep(20);
    }
    tool.destroyForcibly();
    assertTrue(tool.waitFor(30, TimeUnit.SECONDS));
    assertFalse(
        look.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET).prefix("killed/"))
            .uploads()
            .isEmpty());
    assertFalse(
        keys("killed/").contains("killed/development/2026-11-21/manifest.json"),
        "no manifest before the end");

    Harness h = uploading("attachments", "killed");
    h.variables.put("RDS_ECHO_S3_PART_BYTES", String.valueOf(5L << 20));
    Run rerun = h.run("export");
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertEquals(
        List.of(),
        look.listMultipartUploads(r -> r.bucket(S3MockServer.BUCKET).prefix("killed/")).uploads(),
        "no unfinished upload and no orphaned parts left");
    String key = "killed/development/2026-11-21/attachments.sql.gz";
    assertArrayEquals(Files.readAllBytes(h.dumpDir().resolve("attachments.sql.gz")), object(key));
    assertTrue(
        Files.size(h.dumpDir().resolve("attachments.sql.gz")) > 3 * (5L << 20), "several parts");
    assertTrue(
        rerun.err().contains("already uploaded: s3://dumps/" + key),
        "streamed while it was written: " + rerun.err());
    assertEquals(
        FileDigests.sha256(h.dumpDir().resolve("attachments.sql.gz")),
        look.getObjectTagging(r -> r.bucket(S3MockServer.BUCKET).key(key)).tagSet().get(0).value(),
        "its SHA-256, tagged once complete");
    assertEquals(
        FileDigests.sha256(h.dumpDir().resolve("attachments.sql.gz")).strip(),
        new String(object(key + ".sha256"), StandardCharsets.UTF_8).split(" ")[0]);
  }
}

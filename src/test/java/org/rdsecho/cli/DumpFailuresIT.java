package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * The failures that strike half-way through a dump: the server going away and the destination
 * filling up. Each leaves the previous good dump as it was, nothing under a final name, no
 * temporary file behind and the stage where it was.
 */
class DumpFailuresIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} in {1} stream(s)")
  @CsvSource({"gzip, 1", "zstd, 1", "gzip, 2", "zstd, 2"})
  void theServerGoingAwayMidDumpKeepsThePreviousDump(String compression, int streams)
      throws Exception {
    try (PrivateMariaDb db = PrivateMariaDb.start()) {
      // ~100 MB of SQL: a second or more of dumping, so the kill lands in the middle
      db.rootSql("CREATE DATABASE big");
      db.sql(
          "big",
          "CREATE TABLE t (id INT PRIMARY KEY, v TEXT) ENGINE=InnoDB;"
              + " INSERT INTO t SELECT seq, CONCAT(REPEAT(MD5(seq), 12), SHA2(seq, 512)) FROM seq_1_to_80000;"
              + " CREATE TABLE u LIKE t; INSERT INTO u SELECT * FROM t;");
      Harness first = new Harness(dir).cloneServedBy(db, "big", "rebooted");
      first.config.put("rdsecho.export.compression", compression);
      first.config.put("rdsecho.export.streams", String.valueOf(streams));
      assertEquals(0, first.run("export").exitCode());
      Path dump =
          first.dumpDir().resolve("big" + (compression.equals("gzip") ? ".sql.gz" : ".sql.zst"));
      byte[] previous = Files.readAllBytes(dump);
      byte[] previousManifest = Files.readAllBytes(first.dumpDir().resolve("manifest.json"));

      Harness rerun = new Harness(dir).cloneServedBy(db, "big", "rebooted");
      rerun.config.put("rdsecho.export.compression", compression);
      rerun.config.put("rdsecho.export.streams", String.valueOf(streams));
      CompletableFuture<Void> killer =
          CompletableFuture.runAsync(
              () -> {
                waitForBytesIn(first.dumpDir(), 2 << 20);
                db.kill();
              });
      Run run = rerun.run("export");
      killer.get(60, TimeUnit.SECONDS);

      assertEquals(1, run.exitCode(), run.out() + run.err());
      assertTrue(run.err().contains("dump of database 'big' failed"), run.err());
      assertTrue(run.err().contains("check that the clone is reachable"), run.err());
      assertEquals("rebooted", rerun.newCloneStage());
      assertArrayEquals(previous, Files.readAllBytes(dump), "the previous dump is untouched");
      assertArrayEquals(
          previousManifest, Files.readAllBytes(first.dumpDir().resolve("manifest.json")));
      assertEquals(
          List.of(), partials(first.dumpDir()), "no temporary file, no spill of a second stream");
    }
  }

  @Test
  void aFullDestinationFailsClearlyAndFreesWhatItWrote() throws Exception {
    Path dumps = Files.createDirectories(dir.resolve("dumps"));
    assumeTrue(mountTmpfs(dumps, "2m"), "needs root to mount a small tmpfs");
    try (PrivateMariaDb db = PrivateMariaDb.start()) {
      // random bytes do not compress: ~8 MB of dump for a 2 MB filesystem
      db.rootSql("CREATE DATABASE blobs");
      db.sql(
          "blobs",
          "CREATE TABLE t (id INT PRIMARY KEY, b BLOB) ENGINE=InnoDB;"
              + " INSERT INTO t SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_4000;");
      Harness h = new Harness(dir).cloneServedBy(db, "blobs", "rebooted");
      Run run = h.run("export");

      assertEquals(1, run.exitCode(), run.out() + run.err());
      assertTrue(
          run.err().contains("cannot write the dump of 'blobs' to " + h.dumpDir()), run.err());
      assertTrue(run.err().contains("No space left on device"), run.err());
      assertTrue(run.err().contains("check free space"), run.err());
      assertEquals("rebooted", h.newCloneStage());
      try (Stream<Path> files = Files.list(h.dumpDir())) {
        assertEquals(List.of(), files.toList(), "no file, final or partial, is left");
      }
    } finally {
      new ProcessBuilder("umount", dumps.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static boolean mountTmpfs(Path at, String size) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", at.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** Waits until a temporary dump file in {@code dir} holds at least {@code bytes}. */
  private static void waitForBytesIn(Path dir, long bytes) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        for (Path p : partials(dir)) {
          if (Files.size(p) >= bytes) {
            return;
          }
        }
        Thread.sleep(5);
      } catch (IOException gone) {
        // renamed or removed between list and size; look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the dump never got going in " + dir);
  }

  private static List<Path> partials(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.HostileFs;
import org.rdsecho.testing.HostileFs.Plant;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Issue 18, findings 2 and 3, and §16's first promise for every path the tool creates or reads
 * under the dump, log and lock directories: whoever can write those directories plants a link (to a
 * victim outside, or to nothing), a FIFO, a device, the wrong kind of object or another user's
 * where rds-echo expects its own, or swaps a directory for a link while a command runs. Each time
 * the command exits 1 within seconds naming the planted path, and neither it nor its target
 * changes.
 */
class HostileFileSystemIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String DB = "tiny";
  private static PrivateMariaDb db;
  @TempDir Path work;
  @TempDir Path outside;

  @BeforeAll
  static void startServer() {
    db = PrivateMariaDb.start();
    db.rootSql("CREATE DATABASE " + DB);
    db.sql(DB, "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
  }

  @AfterAll
  static void stopServer() {
    db.close();
  }

  private Harness harness() {
    Harness h = new Harness(work).cloneServedBy(db, DB, "rebooted");
    h.config.put("rdsecho.log.dir", "logs");
    h.variables.put("RDS_ECHO_LOCK_DIR", work.resolve("locks").toString());
    return h;
  }

  /** Where rds-echo creates or reads its own objects during an export; true for a directory. */
  enum Place {
    DUMP(false),
    SIDECAR(false),
    MANIFEST(false),
    DIRECTORY_LOCK(false),
    PARTIAL(false),
    SPILL(false),
    SET_DIRECTORY(true),
    NAME_DIRECTORY(true),
    LOG(false),
    LOG_DIRECTORY(true),
    RUN_LOCK(false),
    RUN_LOCK_DIRECTORY(true);

    final boolean directory;

    Place(boolean directory) {
      this.directory = directory;
    }

    Path in(Harness h) {
      Path set = h.dumpDir();
      return switch (this) {
        case DUMP -> set.resolve(DB + ".sql.gz");
        case SIDECAR -> set.resolve(DB + ".sql.gz.sha256");
        case MANIFEST -> set.resolve("manifest.json");
        case DIRECTORY_LOCK -> set.resolve(".rdsecho.lock");
        case PARTIAL -> set.resolve("." + DB + ".sql.gz.12-ab.partial");
        case SPILL -> set.resolve("." + DB + ".sql.gz.stream1.12-ab.partial");
        case SET_DIRECTORY -> set;
        case NAME_DIRECTORY -> set.getParent();
        case LOG -> h.workDir.resolve("logs/2026-11-21-" + Harness.NAME + ".log");
        case LOG_DIRECTORY -> h.workDir.resolve("logs");
        case RUN_LOCK -> h.workDir.resolve("locks/" + Harness.NAME + ".lock");
        case RUN_LOCK_DIRECTORY -> h.workDir.resolve("locks");
      };
    }
  }

  static Stream<Arguments> plantings() {
    List<Arguments> all = new ArrayList<>();
    for (Place place : Place.values()) {
      for (Plant plant : Plant.values()) {
        all.add(Arguments.of(place, plant));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} at {0}")
  @MethodSource("plantings")
  void anythingButItsOwnFileOrDirectoryIsRefusedNamingItAndLeftAsItWas(Place place, Plant plant)
      throws Exception {
    assumeTrue(
        plant != Plant.FOREIGN || HostileFs.root(), "only root can give a file to another user");
    assumeTrue(
        plant != Plant.DEVICE || HostileFs.canMakeDevices(outside),
        "only root with CAP_MKNOD makes devices");
    Harness h = harness();
    HostileFs fs = new HostileFs(outside);
    // the tool's own directories exist as a previous night left them, so the plant sits where it
    // looks
    if (!place.directory || place == Place.SET_DIRECTORY) {
      Files.createDirectories(
          h.dumpDir().getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!place.directory && place != Place.LOG && place != Place.RUN_LOCK) {
      Files.createDirectories(h.dumpDir());
    }
    Path planted = fs.plant(place.in(h), plant, place.directory);

    Run run = assertTimeoutPreemptively(BOUND, () -> h.run("export", "-q"), "no hang");

    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(planted.toString()), "names " + planted + ": " + run.err());
    fs.assertUnchanged();
    assertEquals("rebooted", h.newCloneStage(), "nothing was exported");
  }

  // Finding 3: the log directory followed links; a FIFO hung every run before the run lock.
  @Test
  void aLinkWithTheDaysLogNameLeavesItsTargetsModeAsItWas() throws Exception {
    Harness h = harness();
    HostileFs fs = new HostileFs(outside);
    Path victim = fs.victimFile("passwd");
    Path log =
        Files.createDirectories(work.resolve("logs"))
            .resolve("2026-11-21-" + Harness.NAME + ".log");
    Files.createSymbolicLink(log, victim);

    Run run = h.run("status");

    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    fs.assertUnchanged();
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(log + " is a symbolic link"), run.err());
    assertTrue(run.err().contains("rm -- '" + log + "'"), run.err());
  }

  @Test
  void aFifoWithTheDaysLogNameFailsWithinSecondsInsteadOfHanging() throws Exception {
    Harness h = harness();
    Path log =
        Files.createDirectories(work.resolve("logs"))
            .resolve("2026-11-21-" + Harness.NAME + ".log");
    HostileFs.mkfifo(log);

    Run run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> h.run("status", "-q"), "a FIFO hung the run");

    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(log + " is a FIFO"), run.err());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddLocks")
  void anOddDirectoryLockSaysWhatToRemoveInsteadOfNotReadyForEver(Plant plant) throws Exception {
    Harness h = harness();
    Path lock = Files.createDirectories(h.dumpDir()).resolve(".rdsecho.lock");
    new HostileFs(outside).plant(lock, plant, false);

    Run run = h.run("export", "-q");

    assertEquals(1, run.exitCode(), "not 75 for ever: " + run.out() + run.err());
    assertTrue(
        run.err().contains((plant == Plant.WRONG_KIND ? "rmdir -- '" : "rm -- '") + lock + "'"),
        run.err());
  }

  static Stream<Plant> oddLocks() {
    return Stream.of(Plant.DANGLING, Plant.WRONG_KIND);
  }

  // Finding 2: keep deleted another echo's private set through a directory swapped for a link.
  @Test
  void keepNeverRemovesThroughASetSwappedForALinkWhileTheDumpRuns() throws Exception {
    Harness h = harness();
    h.config.put("rdsecho.export.dir", "share/{instance}");
    h.config.put("rdsecho.export.keep", "1");
    Path share = Files.createDirectories(work.resolve("share"));
    HostileFs fs = new HostileFs(outside);
    // another echo's private set beside ours
    Path qa =
        Files.createDirectory(
            share.resolve("qa-night"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(qa.resolve("shop.sql.gz"), "qa's dump");
    Files.writeString(qa.resolve("shop.sql.gz.sha256"), "abc  shop.sql.gz\n");
    Files.writeString(qa.resolve("manifest.json"), manifest("qa-night", "2026-11-20T00:00:00Z"));
    Stream.of(
            qa,
            qa.resolve("shop.sql.gz"),
            qa.resolve("shop.sql.gz.sha256"),
            qa.resolve("manifest.json"))
        .forEach(fs::watch);
    // the bait: an older set naming this echo, chosen for removal when the export is planned
    Path evil = Files.createDirectory(share.resolve("evil"));
    Files.writeString(
        evil.resolve("manifest.json"), manifest(Harness.NAME, "2026-11-01T00:00:00Z"));
    Path ours = share.resolve(Harness.newCloneId());
    Thread swapper =
        new Thread(
            () -> {
              // once the dump has begun (the plan is made), the bait becomes a link to qa's set
              for (int i = 0;
                  i < 30_000
                      && !Files.exists(ours.resolve(".rdsecho.lock"), LinkOption.NOFOLLOW_LINKS);
                  i++) {
                sleep(1);
              }
              try {
                Files.move(evil, share.resolve("evil.real"));
                Files.createSymbolicLink(evil, qa);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            "bait-swapper");
    swapper.start();

    Run run = assertTimeoutPreemptively(BOUND, () -> h.run("export"));
    swapper.join(40_000);

    fs.assertUnchanged();
    assertFalse(run.out().contains("removed the older dump set"), run.out());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(evil + " is a symbolic link"), run.err());
    assertTrue(Files.exists(ours.resolve("manifest.json")), "the new set is complete and kept");
  }

  private static String manifest(String name, String finishedAt) {
    return "{\"tool\":\"rds-echo\",\"name\":\""
        + name
        + "\",\"kind\":\"raw\",\"instance\":\"old-clone\","
        + "\"finishedAt\":\""
        + finishedAt
        + "\",\"databases\":[{\"database\":\"shop\",\"file\":\"shop.sql.gz\"}]}";
  }

  @Test
  void aDirectorySwappedForALinkAgainAndAgainWhileExportsRunNeverLetsThemWriteThroughIt()
      throws Exception {
    Harness h = harness();
    HostileFs fs = new HostileFs(outside);
    Path victim = fs.victimDirectory("elsewhere");
    Path named =
        Files.createDirectories(
            h.dumpDir().getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    List<Integer> codes = new ArrayList<>();
    try (HostileFs.Swapper swapper = new HostileFs.Swapper(named, victim, 3_000).start()) {
      for (int i = 0; i < 4; i++) {
        h.rds
            .instance(Harness.newCloneId())
            .tags
            .put("rdsecho:" + Harness.NAME + ":stage", "rebooted");
        Run run = assertTimeoutPreemptively(BOUND, () -> h.run("export", "-q"));
        codes.add(run.exitCode());
        assertTrue(Set.of(0, 1).contains(run.exitCode()), run.out() + run.err());
        if (run.exitCode() == 1) {
          assertTrue(run.err().contains(named.toString()), run.err());
        }
      }
      swapper.stop();
      assertTrue(swapper.swaps() > 0, "the swapper swapped");
    }
    fs.assertUnchanged();
    try (Stream<Path> inside = Files.list(victim)) {
      assertEquals(
          List.of(victim.resolve("kept.txt")),
          inside.toList(),
          "nothing was written through the link; " + codes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

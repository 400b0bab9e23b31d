package org.rdsecho.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.core.EchoException;
import org.rdsecho.testing.HostileFs;

/** The handle's own promises, below the commands that use it (HostileFileSystemIT covers those). */
class SafeDirTest {
  @TempDir Path dir;
  @TempDir Path outside;

  @Test
  void directoriesBelowTheOperatorsRootAreMadePrivateThroughTheHandle() throws Exception {
    Path target = dir.resolve("share/dev/2026-11-21");
    try (SafeDir made = SafeDir.open(target, dir.resolve("share"), true)) {
      assertEquals(target, made.path());
    }
    for (Path p : new Path[] {dir.resolve("share"), dir.resolve("share/dev"), target}) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
          p.toString());
    }
  }

  @Test
  void aLinkBelowTheOperatorsRootIsRefusedNamingItButTheRootMayBeALink() throws Exception {
    Path real = Files.createDirectories(outside.resolve("nfs"));
    Files.createSymbolicLink(dir.resolve("share"), real);
    try (SafeDir ok = SafeDir.open(dir.resolve("share/dev"), dir.resolve("share"), true)) {
      assertTrue(
          ok != null && Files.isDirectory(real.resolve("dev")), "the operator's link is followed");
    }
    Files.createSymbolicLink(
        real.resolve("qa"), Files.createDirectories(outside.resolve("victim")));
    EchoException e =
        assertThrows(
            EchoException.class,
            () -> SafeDir.open(dir.resolve("share/qa/2026-11-21"), dir.resolve("share"), true));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("share/qa") + " is a symbolic link"), e.getMessage());
    assertFalse(
        Files.exists(outside.resolve("victim/2026-11-21")), "nothing made through the link");
  }

  @Test
  void aFifoIsNeverOpenedAndAnOpenThatBlocksGivesUpWithinSeconds() throws Exception {
    Path fifo = dir.resolve("log");
    HostileFs.mkfifo(fifo);
    try (SafeDir logs = SafeDir.trusted(dir)) {
      EchoException refused =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () -> assertThrows(EchoException.class, () -> logs.openOwn("log")));
      assertTrue(refused.getMessage().startsWith(fifo + " is a FIFO"), refused.getMessage());
      // what a FIFO swapped in between the look and the open would do: the bounded open gives up
      EchoException blocked =
          assertTimeoutPreemptively(
              Duration.ofSeconds(SafeDir.OPEN_LIMIT_SECONDS + 5),
              () ->
                  assertThrows(
                      EchoException.class,
                      () ->
                          SafeDir.bounded(
                              fifo, () -> FileChannel.open(fifo, StandardOpenOption.READ))));
      assertTrue(
          blocked.getMessage().startsWith(fifo + " did not open within"), blocked.getMessage());
    }
  }

  @Test
  void aRenameReplacesOnlyAFileOfOursAndNeverWhatALinkNames() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "unchanged");
    Files.createSymbolicLink(dir.resolve("final"), victim);
    try (SafeDir d = SafeDir.trusted(dir);
        FileChannel c = d.create("tmp")) {
      c.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8)));
      assertThrows(EchoException.class, () -> d.replace("tmp", "final"));
      Files.delete(dir.resolve("final"));
      Files.writeString(dir.resolve("final"), "old");
      d.replace("tmp", "final");
    }
    assertEquals("new", Files.readString(dir.resolve("final")));
    assertEquals("unchanged", Files.readString(victim));
  }

  @Test
  void anotherUsersFileIsRefusedWhereOurOwnIsExpected() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        HostileFs.root(), "only root can give a file away");
    Path theirs = Files.writeString(dir.resolve("manifest.json"), "{}");
    Files.setAttribute(theirs, "unix:uid", HostileFs.FOREIGN_UID);
    try (SafeDir d = SafeDir.trusted(dir)) {
      EchoException e = assertThrows(EchoException.class, () -> d.deleteOwn("manifest.json"));
      assertTrue(e.getMessage().contains("owned by"), e.getMessage());
      assertTrue(d.readIfOwn("manifest.json", 100).isEmpty(), "a scan passes it by");
    }
    assertTrue(Files.exists(theirs));
  }
}

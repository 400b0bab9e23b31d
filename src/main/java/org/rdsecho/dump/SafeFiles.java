package org.rdsecho.dump;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Files that appear under their final name only when complete: written under a temporary name
 * (owner-only), forced to disk, renamed atomically, and the directory forced too.
 */
final class SafeFiles {
  static final String PARTIAL = ".partial";
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SafeFiles() {}

  static Path createDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return dir;
  }

  /** This run's mark in its temporary names: no two runs, here or on another machine, share one. */
  static final String RUN = ProcessHandle.current().pid() + "-" + Long.toHexString(new SecureRandom().nextLong());

  /** The temporary name of a final file: hidden, unique to this run, recognisable for clean-up. */
  static Path partial(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + RUN + PARTIAL);
  }

  /** Creates this run's temporary file for {@code target}; never opens or removes another's. */
  static Path createPartial(Path target) throws IOException {
    return Files.createFile(partial(target), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
  }

  /** fsync the temporary file, rename it over the final name, fsync the directory. */
  static void commit(Path tmp, Path target) throws IOException {
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(target.getParent());
  }

  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = createPartial(target);
    Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
    commit(tmp, target);
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a directory; the rename itself is still atomic
    }
  }

  /**
   * Removes temporary files killed runs left behind; never touches a final name. Only called
   * while holding the directory's lock, which is taken over only from runs provably gone, so
   * every partial file here that is not this run's belongs to a dead one.
   */
  static void removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(PARTIAL))
          .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

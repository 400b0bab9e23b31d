package org.rdsecho.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * How names are removed from a directory: only what is still the object rds-echo examined (a file
 * of its own, a file or directory it holds open), and always the name, never what a link points to.
 */
final class Removals {
  private Removals() {}

  static void deleteOwn(SafeDir dir, String name) throws IOException {
    if (dir.stat(name).isEmpty()) {
      return;
    }
    dir.requireOwnFile(name);
    try {
      dir.handle().deleteFile(Path.of(SafeDir.check(name)));
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  static boolean deleteIfSame(SafeDir dir, String name, Object key) throws IOException {
    Optional<PosixFileAttributes> seen = dir.stat(name);
    if (seen.isEmpty() || !seen.get().fileKey().equals(key)) {
      return false;
    }
    try {
      dir.handle().deleteFile(Path.of(SafeDir.check(name)));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  static void deleteEmptyDirectory(SafeDir dir, String name, SafeDir sub) throws IOException {
    Optional<PosixFileAttributes> seen = dir.stat(name);
    if (seen.isPresent()
        && seen.get().isDirectory()
        && seen.get().fileKey().equals(sub.attributes().fileKey())) {
      dir.handle().deleteDirectory(Path.of(SafeDir.check(name)));
    }
  }
}

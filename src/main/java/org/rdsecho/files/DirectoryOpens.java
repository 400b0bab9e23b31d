package org.rdsecho.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * How directories are opened: the part of its path down to a trusted ancestor (the operator's own
 * path, links and all, as the OS resolves it) is followed; every component below it is opened
 * through its parent's handle without following links, must be a directory of this user's, and is
 * checked after the open to be the directory examined.
 */
final class DirectoryOpens {
  private DirectoryOpens() {}

  /**
   * @param trusted an ancestor of {@code dir}; null for its parent
   * @param lastIsOurs whether {@code dir} itself must be rds-echo's even when it is {@code trusted}
   */
  static SafeDir walk(Path dir, Path trusted, boolean create, boolean lastIsOurs)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path root = trusted == null ? target.getParent() : trusted.toAbsolutePath().normalize();
    if (root == null || !target.startsWith(root) || (lastIsOurs && root.equals(target))) {
      root = target.getParent();
    }
    if (root == null) {
      return trusted(target);
    }
    Path start = root;
    while (start != null && !Files.isDirectory(start)) {
      start = start.getParent();
    }
    if (start == null || (!create && !start.equals(root))) {
      throw new NoSuchFileException(root.toString());
    }
    SafeDir current = trusted(start);
    if (start.equals(target)) {
      return current;
    }
    try {
      for (Path name : start.relativize(target)) {
        SafeDir next = current.directory(name.toString(), create);
        current.close();
        current = next;
      }
      return current;
    } catch (IOException | RuntimeException e) {
      current.close();
      throw e;
    }
  }

  // the stream becomes the SafeDir's handle, closed with it; closed here on the one way out without
  // one
  @SuppressWarnings("StreamResourceLeak")
  static SafeDir trusted(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(target)) {
      throw Files.exists(target)
          ? new NotDirectoryException(target.toString())
          : new NoSuchFileException(target.toString());
    }
    DirectoryStream<Path> stream = BoundedOpen.run(target, () -> Files.newDirectoryStream(target));
    if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
      stream.close();
      throw new IOException(
          "this system cannot open directories without following links (no openat)");
    }
    return new SafeDir(secure, target);
  }

  static SafeDir directory(SafeDir parent, String name, boolean create) throws IOException {
    Optional<PosixFileAttributes> seen = parent.stat(name);
    if (seen.isEmpty()) {
      if (!create) {
        throw new NoSuchFileException(parent.resolve(name).toString());
      }
      EntryChanges.makeDirectory(parent, name);
      seen = parent.stat(name);
      if (seen.isEmpty()) {
        throw new NoSuchFileException(parent.resolve(name).toString());
      }
    }
    PosixFileAttributes attributes = seen.get();
    if (!attributes.isDirectory()) {
      throw Refusal.of(parent.resolve(name), attributes, "directory");
    }
    Owner.require(parent.resolve(name), attributes, "directory");
    return openDirectory(parent, name, attributes);
  }

  static Optional<SafeDir> directoryIfOwn(SafeDir parent, String name) {
    try {
      Optional<PosixFileAttributes> seen = parent.stat(name);
      if (seen.isEmpty() || !seen.get().isDirectory() || !Owner.isMe(seen.get().owner())) {
        return Optional.empty();
      }
      return Optional.of(openDirectory(parent, name, seen.get()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static SafeDir openDirectory(SafeDir parent, String name, PosixFileAttributes seen)
      throws IOException {
    SecureDirectoryStream<Path> child =
        BoundedOpen.run(
            parent.resolve(name),
            () ->
                parent
                    .handle()
                    .newDirectoryStream(Path.of(SafeDir.check(name)), LinkOption.NOFOLLOW_LINKS));
    SafeDir opened = new SafeDir(child, parent.resolve(name));
    try {
      // fstat of what was opened: the object examined, not one swapped in meanwhile
      if (!opened.attributes().fileKey().equals(seen.fileKey())) {
        throw Refusal.swapped(parent.resolve(name));
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }
}

package org.rdsecho.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How a directory's entries change through its handle: new sub-directories, renames, second names,
 * permissions and times, none of them following a link.
 */
final class EntryChanges {
  private EntryChanges() {}

  static void makeDirectory(SafeDir dir, String name) throws IOException {
    try {
      Files.createDirectory(
          ProcFd.of(dir).resolve(SafeDir.check(name)),
          PosixFilePermissions.asFileAttribute(SafeDir.PRIVATE_DIR));
    } catch (FileAlreadyExistsException e) {
      // made by another run meanwhile (or planted): examined next like any existing one
    }
  }

  static void replace(SafeDir dir, String from, String to) throws IOException {
    dir.requireAbsentOrOwnFile(to);
    rename(dir, from, to);
  }

  static void rename(SafeDir dir, String from, String to) throws IOException {
    dir.handle().move(Path.of(SafeDir.check(from)), dir.handle(), Path.of(SafeDir.check(to)));
  }

  static void link(SafeDir dir, String existing, String name) throws IOException {
    Path here = ProcFd.of(dir);
    Files.createLink(here.resolve(SafeDir.check(name)), here.resolve(SafeDir.check(existing)));
  }

  static void restrict(SafeDir dir, String name) throws IOException {
    PosixFileAttributes seen = dir.requireOwnFile(name);
    if (!seen.permissions().equals(SafeDir.OWNER_ONLY)) {
      // the view opens the name without following it; bounded like every open that could block
      BoundedOpen.run(
          dir.resolve(name),
          () -> {
            dir.handle()
                .getFileAttributeView(
                    Path.of(SafeDir.check(name)),
                    PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS)
                .setPermissions(SafeDir.OWNER_ONLY);
            return null;
          });
    }
  }

  static void touch(SafeDir dir, String name, FileTime time) throws IOException {
    dir.requireOwnFile(name);
    BoundedOpen.run(
        dir.resolve(name),
        () -> {
          dir.handle()
              .getFileAttributeView(
                  Path.of(SafeDir.check(name)),
                  BasicFileAttributeView.class,
                  LinkOption.NOFOLLOW_LINKS)
              .setTimes(time, null, null);
          return null;
        });
  }

  static void force(SafeDir dir) {
    try (SeekableByteChannel self =
        dir.handle().newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
      ((FileChannel) self).force(true);
    } catch (IOException | RuntimeException e) {
      // some file systems cannot fsync a directory; the rename itself is still atomic
    }
  }
}

package org.rdsecho.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * How files are opened through a directory's handle: never following a link, new ones with {@code
 * O_CREAT|O_EXCL}, existing ones only after they were examined and then checked to be the object
 * examined ({@code fstat} against the earlier {@code lstat}).
 */
final class FileOpens {
  private FileOpens() {}

  static FileChannel create(SafeDir dir, String name) throws IOException {
    return (FileChannel)
        dir.handle()
            .newByteChannel(
                Path.of(SafeDir.check(name)),
                Set.of(
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(SafeDir.OWNER_ONLY));
  }

  /** O_RDWR does not block on a FIFO; the check after the open refuses one. */
  static FileChannel openOwn(SafeDir dir, String name) throws IOException {
    PosixFileAttributes seen = dir.requireOwnFile(name);
    FileChannel channel =
        (FileChannel)
            dir.handle()
                .newByteChannel(
                    Path.of(SafeDir.check(name)),
                    Set.of(
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS));
    return verified(dir, name, seen, channel);
  }

  /**
   * Opens {@code name}, examined as {@code seen}, for reading: bounded, as O_RDONLY blocks on a
   * FIFO.
   */
  static FileChannel readOpened(SafeDir dir, String name, PosixFileAttributes seen)
      throws IOException {
    FileChannel channel =
        BoundedOpen.run(
            dir.resolve(name),
            () ->
                (FileChannel)
                    dir.handle()
                        .newByteChannel(
                            Path.of(SafeDir.check(name)),
                            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
    return verified(dir, name, seen, channel);
  }

  /** Refused unless what was opened seeks like a file and is still the object examined. */
  private static FileChannel verified(
      SafeDir dir, String name, PosixFileAttributes seen, FileChannel channel) throws IOException {
    try {
      channel.position(); // a FIFO or socket cannot seek
    } catch (IOException e) {
      channel.close();
      throw Refusal.swapped(dir.resolve(name));
    }
    Optional<PosixFileAttributes> now = dir.stat(name);
    if (now.isEmpty()
        || !now.get().fileKey().equals(seen.fileKey())
        || !now.get().isRegularFile()) {
      channel.close();
      throw Refusal.swapped(dir.resolve(name));
    }
    return channel;
  }
}

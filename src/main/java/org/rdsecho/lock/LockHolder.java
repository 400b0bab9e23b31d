package org.rdsecho.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Optional;
import org.rdsecho.files.SafeDir;

/**
 * A directory lock file as read ({@link DirectoryLock}): its owner and when it last beat, and
 * whether that owner is provably gone.
 */
record LockHolder(LockOwner owner, Instant touched) {
  /**
   * Empty when there is no such file. Anything but a file of this user's there is refused (1)
   * naming the command that removes it: no run could ever take it over.
   */
  static Optional<LockHolder> read(SafeDir dir, String name) throws IOException {
    try {
      Optional<PosixFileAttributes> seen = dir.stat(name);
      if (seen.isEmpty()) {
        return Optional.empty();
      }
      dir.requireOwnFile(name);
      String text = new String(dir.readAll(name, 4096), StandardCharsets.UTF_8);
      Instant touched = seen.get().lastModifiedTime().toInstant();
      // an unreadable lock file counts as held by an unknown live owner until it is stale
      LockOwner owner =
          LockOwner.parse(text)
              .orElse(new LockOwner("?", "?", "?", -1, "?", "an unknown run", "?"));
      return Optional.of(new LockHolder(owner, touched));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Compared with the wall clock, as the file system's times are (not the run's clock). */
  boolean stale() {
    if (owner.onThisMachine()) {
      return owner.provablyGone();
    }
    return touched.plus(DirectoryLock.STALE).isBefore(Instant.now());
  }
}

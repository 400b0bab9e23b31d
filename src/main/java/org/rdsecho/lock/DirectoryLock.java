package org.rdsecho.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.files.SafeDir;

/**
 * A lock file in a dump directory, so that two runs writing there never work at once even from two
 * machines sharing the directory (NFS, SMB), where advisory locks cannot be trusted. Created with
 * O_EXCL through the directory's handle; the owner rewrites it every {@link #HEARTBEAT}. It is
 * taken over only from an owner that is provably gone: on this machine a dead pid, elsewhere a
 * heartbeat silent for {@link #STALE}. Before each rename into a final name the owner checks the
 * file is still its own. Anything but a lock file of this user's under its name (a link, a FIFO, a
 * directory, another user's file) is refused with exit 1 naming what to remove.
 */
public final class DirectoryLock implements AutoCloseable {
  public static final String FILE = ".rdsecho.lock";
  static final Duration HEARTBEAT = Duration.ofSeconds(30);
  static final Duration STALE = Duration.ofMinutes(10);

  private final SafeDir dir;
  private final FileChannel file;
  private final Object key;
  private final LockOwner me;
  private final ScheduledExecutorService heartbeat;

  private DirectoryLock(SafeDir dir, FileChannel file, Object key, LockOwner me) {
    this.dir = dir;
    this.file = file;
    this.key = key;
    this.me = me;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rdsecho-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    var unused =
        heartbeat.scheduleAtFixedRate(
            this::touch, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Takes the lock of {@code dir} (kept open by the caller while the lock is held) or fails with
   * "not ready" (75) naming the holder and what to remove if that run is gone.
   */
  public static DirectoryLock acquire(SafeDir dir, String command, Clock clock) {
    LockOwner me = LockOwner.current(command, clock.instant());
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        FileChannel file;
        try {
          file = dir.create(FILE);
        } catch (FileAlreadyExistsException e) {
          Optional<LockHolder> holder = LockHolder.read(dir, FILE);
          if (holder.isEmpty()) {
            continue; // released between our two looks
          }
          if (!holder.get().stale()) {
            throw busy(dir, holder.get());
          }
          takeOver(dir, holder.get(), me);
          continue;
        }
        try {
          write(file, me);
          Object key =
              dir.stat(FILE)
                  .map(PosixFileAttributes::fileKey)
                  .orElseThrow(() -> new NoSuchFileException(dir.resolve(FILE).toString()));
          return new DirectoryLock(dir, file, key, me);
        } catch (IOException | RuntimeException e) {
          file.close();
          throw e;
        }
      }
      throw new EchoException(
          Outcome.NOT_READY,
          "the dump directory "
              + dir.path()
              + " is being locked and released"
              + " by other runs; this run changed nothing. Run it again later");
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot create the lock file "
              + dir.resolve(FILE)
              + ": "
              + e.getMessage()
              + " — check the directory's permissions and free space");
    }
  }

  private static void write(FileChannel file, LockOwner me) throws IOException {
    ByteBuffer content = ByteBuffer.wrap(me.describe().getBytes(StandardCharsets.UTF_8));
    long position = 0;
    while (content.hasRemaining()) {
      position += file.write(content, position);
    }
  }

  /**
   * Moves the stale file aside under a name of ours and checks it is the one judged stale; if a
   * third run replaced it in the meantime, puts that one back (link fails when yet another run
   * holds the name, which then owns it) and gives up.
   */
  private static void takeOver(SafeDir dir, LockHolder stale, LockOwner me) throws IOException {
    String aside = FILE + ".stale-" + me.token();
    try {
      dir.rename(FILE, aside);
    } catch (NoSuchFileException e) {
      return; // someone else moved it first; try to create again
    }
    Optional<LockHolder> moved = LockHolder.read(dir, aside);
    if (moved.isPresent() && !moved.get().owner().token().equals(stale.owner().token())) {
      try {
        dir.link(aside, FILE);
      } catch (FileAlreadyExistsException ignored) {
        // a fourth run holds it now; the one we moved will find it lost at its next check
      }
      dir.deleteOwn(aside);
      throw busy(dir, moved.get());
    }
    dir.deleteOwn(aside);
  }

  private static EchoException busy(SafeDir dir, LockHolder holder) {
    String remove = "rm -- '" + dir.resolve(FILE) + "'";
    if (holder.owner().pid() < 0) {
      return new EchoException(
          Outcome.NOT_READY,
          "the dump directory "
              + dir.path()
              + " holds a lock file rds-echo"
              + " cannot read ("
              + dir.resolve(FILE)
              + ", written "
              + holder.touched()
              + "); this run changed nothing."
              + " It is taken over "
              + STALE.toMinutes()
              + " minutes after it was written; if no rds-echo run is writing"
              + " there, remove it now: "
              + remove);
    }
    return new EchoException(
        Outcome.NOT_READY,
        "another rds-echo run is writing to "
            + dir.path()
            + ": "
            + holder.owner().summary()
            + "; this run changed nothing. Run it again once that one has finished"
            + (holder.owner().onThisMachine()
                ? ""
                : " (if it is gone, its lock is taken over "
                    + STALE.toMinutes()
                    + " minutes after its last heartbeat, or remove it: "
                    + remove
                    + ")"));
  }

  /** Fails unless the lock file is still this run's: call before renaming into a final name. */
  public void verifyHeld() {
    try {
      if (dir.stat(FILE).map(a -> a.fileKey().equals(key)).orElse(false)) {
        return;
      }
      Optional<LockHolder> holder = LockHolder.read(dir, FILE);
      throw new EchoException(
          Outcome.FAILED,
          "lost the lock on "
              + dir.path()
              + " to "
              + holder.map(h -> h.owner().summary()).orElse("nobody (the lock file was removed)")
              + ", so this run stopped before renaming anything; run it again");
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot check the lock on "
              + dir.path()
              + ": "
              + e.getMessage()
              + ", so this run stopped before renaming anything; run it again");
    }
  }

  /**
   * True when {@code dir} holds a lock file whose owner may still be alive, or anything odd under
   * its name.
   */
  public static boolean isHeld(SafeDir dir) {
    try {
      return LockHolder.read(dir, FILE).map(h -> !h.stale()).orElse(false);
    } catch (IOException | EchoException e) {
      return true; // unreadable, or not a lock file of ours: whatever it guards is left alone
    }
  }

  /**
   * The heartbeat: rewrites the file this run created (through its open channel, never by name).
   */
  private void touch() {
    try {
      write(file, me);
    } catch (IOException | RuntimeException e) {
      // the next beat tries again; verifyHeld reports a lost lock
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      dir.deleteIfSame(FILE, key);
    } catch (IOException | RuntimeException e) {
      // a lock file left behind is taken over once its owner is provably gone
    }
    try {
      file.close();
    } catch (IOException ignored) {
      // released with the process anyway
    }
  }
}

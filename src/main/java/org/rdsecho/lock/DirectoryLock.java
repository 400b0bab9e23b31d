package org.rdsecho.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;

/**
 * A lock file in a dump directory, so that two runs writing there never work at once even from
 * two machines sharing the directory (NFS, SMB), where advisory locks cannot be trusted. Created
 * with O_EXCL; the owner touches it every {@link #HEARTBEAT}. It is taken over only from an owner
 * that is provably gone: on this machine a dead pid, elsewhere a heartbeat silent for
 * {@link #STALE}. Before each rename into a final name the owner checks the file is still its own.
 */
public final class DirectoryLock implements AutoCloseable {
  public static final String FILE = ".rdsecho.lock";
  static final Duration HEARTBEAT = Duration.ofSeconds(30);
  static final Duration STALE = Duration.ofMinutes(10);

  private final Path file;
  private final LockOwner me;
  private final ScheduledExecutorService heartbeat;

  private DirectoryLock(Path file, LockOwner me) {
    this.file = file;
    this.me = me;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rdsecho-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Takes the lock of {@code dir} or fails with "not ready" (75) naming the holder. */
  public static DirectoryLock acquire(Path dir, String command, Clock clock) {
    Path file = dir.resolve(FILE);
    LockOwner me = LockOwner.current(command, clock.instant());
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          Files.writeString(Files.createFile(file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), me.describe());
          return new DirectoryLock(file, me);
        } catch (FileAlreadyExistsException e) {
          Optional<Holder> holder = Holder.read(file);
          if (holder.isEmpty()) {
            continue; // released between our two looks
          }
          if (!holder.get().stale()) {
            throw busy(dir, holder.get());
          }
          takeOver(file, holder.get(), me);
        }
      }
      throw new EchoException(Outcome.NOT_READY, "the dump directory " + dir + " is being locked and released by"
          + " other runs; this run changed nothing. Run it again later");
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot create the lock file " + file + ": " + e.getMessage()
          + " — check the directory's permissions and free space");
    }
  }

  /**
   * Moves the stale file aside under a name of ours and checks it is the one judged stale; if a
   * third run replaced it in the meantime, puts that one back (link fails when yet another run
   * holds the name, which then owns it) and gives up.
   */
  private static void takeOver(Path file, Holder stale, LockOwner me) throws IOException {
    Path aside = file.resolveSibling(FILE + ".stale-" + me.token());
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else moved it first; try to create again
    }
    Optional<Holder> moved = Holder.read(aside);
    if (moved.isPresent() && !moved.get().owner().token().equals(stale.owner().token())) {
      try {
        Files.createLink(file, aside);
      } catch (FileAlreadyExistsException ignored) {
        // a fourth run holds it now; the one we moved will find it lost at its next check
      }
      Files.deleteIfExists(aside);
      throw busy(file.getParent(), moved.get());
    }
    Files.deleteIfExists(aside);
  }

  private static EchoException busy(Path dir, Holder holder) {
    return new EchoException(Outcome.NOT_READY, "another rds-echo run is writing to " + dir + ": "
        + holder.owner().summary() + "; this run changed nothing. Run it again once that one has finished");
  }

  /** Fails unless the lock file is still this run's: call before renaming into a final name. */
  public void verifyHeld() {
    Optional<Holder> holder = Holder.read(file);
    if (holder.isEmpty() || !holder.get().owner().token().equals(me.token())) {
      throw new EchoException(Outcome.FAILED, "lost the lock on " + file.getParent() + " to "
          + holder.map(h -> h.owner().summary()).orElse("nobody (the lock file was removed)")
          + ", so this run stopped before renaming anything; run it again");
    }
  }

  /** True when {@code dir} holds a lock file whose owner may still be alive. */
  public static boolean isHeld(Path dir) {
    return Holder.read(dir.resolve(FILE)).map(h -> !h.stale()).orElse(false);
  }

  private void touch() {
    try {
      if (Holder.read(file).map(h -> h.owner().token().equals(me.token())).orElse(false)) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      }
    } catch (IOException | RuntimeException e) {
      // the next beat tries again; verifyHeld reports a lost lock
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      if (Holder.read(file).map(h -> h.owner().token().equals(me.token())).orElse(false)) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a lock file left behind is taken over once its owner is provably gone
    }
  }

  /** A lock file as read: its owner and when it last beat. */
  record Holder(LockOwner owner, Instant touched) {
    static Optional<Holder> read(Path file) {
      try {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Instant touched = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        // an unreadable or foreign lock file counts as held by an unknown live owner
        LockOwner owner = LockOwner.parse(text).orElse(
            new LockOwner("?", "?", "?", -1, "?", "an unknown run", "?"));
        return Optional.of(new Holder(owner, touched));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        return Optional.of(new Holder(new LockOwner("?", "?", "?", -1, "?", "an unknown run", "?"), Instant.now()));
      }
    }

    /** Compared with the wall clock, as the file system's times are (not the run's clock). */
    boolean stale() {
      if (owner.onThisMachine()) {
        return owner.provablyGone();
      }
      return touched.plus(STALE).isBefore(Instant.now());
    }
  }
}

package org.rdsecho.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.files.SafeDir;

/**
 * One writing run per echo name on this machine. An advisory lock ({@code fcntl}, Java's FileLock)
 * on a file in a private directory: the kernel drops it when the process ends however it ends,
 * {@code SIGKILL} included, so there is never a stale lock to judge. The file holds who has it, for
 * the message the later run prints.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails with "not ready" (75) naming the run that holds it.
   *
   * @param dir a directory only this user can write (created 0700 when missing)
   */
  public static RunLock acquire(Path dir, String name, String command, Instant now) {
    try (SafeDir locks = PrivateDirectory.open(dir)) {
      String file = name + ".lock";
      FileChannel channel;
      try {
        channel = locks.create(file);
      } catch (FileAlreadyExistsException e) {
        // a file of this user's opened read-write through the handle: no link followed, never
        // blocks
        channel = locks.openOwn(file);
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another run inside this JVM (tests run commands side by side)
      }
      if (lock == null) {
        String holder = read(channel);
        channel.close();
        throw new EchoException(
            Outcome.NOT_READY,
            "another rds-echo run is working on '"
                + name
                + "' on this"
                + " machine: "
                + LockOwner.parse(holder)
                    .map(LockOwner::summary)
                    .orElse("a run that is just starting")
                + "; this run changed nothing."
                + " Run it again once that one has finished (the next cron run will)");
      }
      byte[] me = LockOwner.current(command, now).describe().getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me), 0);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot take the run lock in "
              + dir
              + ": "
              + e.getMessage()
              + " — check that the directory is writable by this user only, or set RDS_ECHO_LOCK_DIR to one that is");
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the kernel releases the lock when the process ends anyway
    }
  }

  /** Where run locks live: RDS_ECHO_LOCK_DIR, else a per-user directory under the temp dir. */
  public static Path directory(String configured, String tmpDir, String user) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(tmpDir, "rds-echo-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  /**
   * Lock directories must not be someone else's to swap: opened through a handle without following
   * a link (made 0700 when missing), refused when another user owns them or others may write there.
   */
  static final class PrivateDirectory {
    private PrivateDirectory() {}

    static SafeDir open(Path dir) throws IOException {
      SafeDir locks = SafeDir.open(dir, null, true);
      Set<PosixFilePermission> perms = locks.attributes().permissions();
      if (perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
        locks.close();
        throw new IOException(
            dir + " may be written by others (" + PosixFilePermissions.toString(perms) + ")");
      }
      return locks;
    }
  }
}

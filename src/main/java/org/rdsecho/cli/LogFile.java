package org.rdsecho.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.files.SafeDir;

/**
 * With {@code rdsecho.log.dir}, appends every run's story to {@code <dir>/<yyyy-MM-dd>-<name>.log}
 * (UTC date), whatever {@code -q} or {@code -v} say: one line per thing that mattered, each {@code
 * <ISO-8601 UTC> <command> <text>}, ending with the result and its exit code. A night of cron runs
 * reads as one file; multi-line messages are joined so every line stands alone.
 */
final class LogFile implements AutoCloseable {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final FileChannel file;
  private final Clock clock;
  private final String command;

  private LogFile(FileChannel file, Clock clock, String command) {
    this.file = file;
    this.clock = clock;
    this.command = command;
  }

  /** A log that writes nowhere, for runs without {@code rdsecho.log.dir}. */
  static LogFile none() {
    return new LogFile(null, Clock.systemUTC(), "");
  }

  /**
   * Opens the day's log through the log directory's handle (§16): the directory is this user's,
   * made 0700 when missing, and no link; the file is created new (0600) or is an existing file of
   * this user's, opened without following a link and without blocking (a FIFO, a link, a directory
   * or another user's file by that name is refused, exit 1, naming it).
   */
  static LogFile open(EchoConfig config, Environment env, String command) throws IOException {
    if (config.logDir() == null) {
      return none();
    }
    Path dir = env.workDir().resolve(config.logDir());
    String name =
        DAY.format(env.clock().instant())
            + "-"
            + (config.name() == null ? "rds-echo" : config.name())
            + ".log";
    try (SafeDir logs = SafeDir.open(dir, null, true)) {
      FileChannel channel;
      try {
        channel = logs.create(name);
      } catch (FileAlreadyExistsException e) {
        // logs hold instance ids, endpoints and messages: owner only, whatever made it wider
        logs.restrict(name);
        channel = logs.openOwn(name);
      }
      return new LogFile(channel, env.clock(), command);
    }
  }

  /** Appends one line; a log that cannot be written never stops the run. */
  void line(String text) {
    if (file == null) {
      return;
    }
    String one = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    String stamped =
        clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + command + " " + one + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(stamped.getBytes(StandardCharsets.UTF_8));
    // opened read-write (which never blocks), so appends are made at the end under a lock shared
    // with the other runs writing this day's file; one JVM takes it for one line at a time
    synchronized (LogFile.class) {
      FileLock lock = null;
      try {
        try {
          lock = file.lock();
        } catch (IOException e) {
          // a file system without locks: lines of two runs at once may interleave, none is lost
        }
        long end = file.size();
        while (bytes.hasRemaining()) {
          end += file.write(bytes, end);
        }
      } catch (IOException e) {
        // the result still reaches the operator on stdout/stderr
      } finally {
        if (lock != null) {
          try {
            lock.release();
          } catch (IOException ignored) {
            // released when the file is closed
          }
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}

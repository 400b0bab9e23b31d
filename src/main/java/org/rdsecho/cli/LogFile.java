package org.rdsecho.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.rdsecho.config.EchoConfig;

/**
 * With {@code rdsecho.log.dir}, appends every run's story to {@code <dir>/<yyyy-MM-dd>-<name>.log}
 * (UTC date), whatever {@code -q} or {@code -v} say: one line per thing that mattered, each
 * {@code <ISO-8601 UTC> <command> <text>}, ending with the result and its exit code. A night of
 * cron runs reads as one file; multi-line messages are joined so every line stands alone.
 */
final class LogFile implements AutoCloseable {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final OutputStream file;
  private final Clock clock;
  private final String command;

  private LogFile(OutputStream file, Clock clock, String command) {
    this.file = file;
    this.clock = clock;
    this.command = command;
  }

  /** A log that writes nowhere, for runs without {@code rdsecho.log.dir}. */
  static LogFile none() {
    return new LogFile(null, Clock.systemUTC(), "");
  }

  static LogFile open(EchoConfig config, Environment env, String command) throws IOException {
    if (config.logDir() == null) {
      return none();
    }
    Path dir = env.workDir().resolve(config.logDir());
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    String name = config.name() == null ? "rds-echo" : config.name();
    Path log = dir.resolve(DAY.format(env.clock().instant()) + "-" + name + ".log");
    if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        // another run created it first
      }
    }
    // logs hold instance ids, endpoints and messages: owner only, whatever the umask
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
    return new LogFile(Files.newOutputStream(log, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS), env.clock(), command);
  }

  /** Appends one line; a log that cannot be written never stops the run. */
  void line(String text) {
    if (file == null) {
      return;
    }
    String one = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    String stamped = clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + command + " " + one + "\n";
    try {
      file.write(stamped.getBytes(StandardCharsets.UTF_8));
      file.flush();
    } catch (IOException e) {
      // the result still reaches the operator on stdout/stderr
    }
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}

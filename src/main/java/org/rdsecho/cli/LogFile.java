package org.rdsecho.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.rdsecho.config.EchoConfig;

/**
 * With {@code rdsecho.log.dir}, appends everything the run says on stderr to
 * {@code <dir>/<yyyy-MM-dd>-<name>.log} (UTC date), so a night's cron runs leave one log.
 */
final class LogFile implements AutoCloseable {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final OutputStream file;

  private LogFile(OutputStream file) {
    this.file = file;
  }

  static LogFile open(EchoConfig config, Environment env) throws IOException {
    if (config.logDir() == null) {
      return new LogFile(null);
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
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run created it first
      }
    }
    // logs hold instance ids, endpoints and messages: owner only, whatever the umask
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
    return new LogFile(Files.newOutputStream(log, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS));
  }

  /** Stderr, doubled into the log file when there is one. */
  PrintStream tee(PrintStream err) {
    if (file == null) {
      return err;
    }
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            err.write(b);
            file.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            err.write(b, off, len);
            file.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            err.flush();
            file.flush();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}

package org.rdsecho.dump;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rdsecho.config.ConfigException;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The {@code [client]} options handed to the MySQL tools with {@code --defaults-file}, so the
 * password is never on a command line (where {@code ps} shows it) nor in the child's environment.
 * It is served through a named pipe in a private directory, never written to a file: the bytes only
 * pass through the kernel, so nothing holding the password is left on disk whatever kills the run,
 * {@code SIGKILL} included (at worst an empty pipe is left behind).
 */
final class OptionFile implements AutoCloseable {
  /** MariaDB reads option files a line at a time into a 4 KiB buffer. */
  private static final int MAX_LINE = 4000;

  private final Path dir;
  private final Path fifo;
  private final boolean complete;
  private final Thread server;
  private volatile boolean stop;

  private OptionFile(Path dir, Path fifo, byte[] content, boolean complete) {
    this.dir = dir;
    this.fifo = fifo;
    this.complete = complete;
    // serves the text to every reader that opens the pipe (a tool may read its options twice)
    this.server =
        new Thread(
            () -> {
              while (!stop) {
                try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                  out.write(content);
                } catch (IOException e) {
                  // the reader went away early; serve the next one
                }
              }
            },
            "rdsecho-option-file");
    server.setDaemon(true);
    server.start();
  }

  static OptionFile write(ConnectionSpec c) {
    StringBuilder text = new StringBuilder("[client]\n");
    text.append("host=").append(value("the host", c.host())).append('\n');
    text.append("port=").append(c.port()).append('\n');
    text.append("protocol=tcp\n");
    if (c.user() != null) {
      text.append("user=").append(value("rdsecho.export.user", c.user())).append('\n');
    }
    if (c.password() != null) {
      text.append("password=").append(value("the password", c.password())).append('\n');
    }
    if (c.sslCa() != null) {
      text.append("ssl-ca=")
          .append(value("rdsecho.export.sslCa", c.sslCa().toAbsolutePath().toString()))
          .append('\n');
      text.append("ssl-verify-server-cert\n");
    }
    Path dir = null;
    try {
      dir =
          Files.createTempDirectory(
              "rdsecho-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path fifo = dir.resolve("client.cnf");
      makeFifo(fifo);
      return new OptionFile(
          dir, fifo, text.toString().getBytes(StandardCharsets.UTF_8), c.password() != null);
    } catch (IOException e) {
      removeQuietly(dir);
      throw new EchoException(
          Outcome.FAILED,
          "cannot make a private named pipe for the client's options in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage()
              + " — check that the temp directory is"
              + " writable and supports named pipes (or set TMPDIR / -Djava.io.tmpdir)");
    }
  }

  /**
   * An option-file value that reads back as exactly {@code raw}: quoted, with the escapes MariaDB
   * and MySQL decode ({@code \\ \" \n \r \t \b}). A NUL byte or an over-long value cannot be
   * represented, so it is a configuration error that never quotes the value.
   */
  static String value(String what, String raw) {
    if (raw.indexOf('\0') >= 0) {
      throw new ConfigException(
          what
              + " contains a NUL byte, which the MySQL client tools cannot read from an"
              + " option file: change it");
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        default -> out.append(ch);
      }
    }
    String quoted = out.append('"').toString();
    if (quoted.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
      throw new ConfigException(
          what
              + " is longer than the MySQL client tools read from an option file line"
              + " (about "
              + MAX_LINE
              + " bytes): shorten it");
    }
    return quoted;
  }

  private static void makeFifo(Path fifo) throws IOException {
    Process p =
        ChildProcesses.start(
            List.of(ChildProcesses.tool("mkfifo").toString(), "-m", "600", fifo.toString()), null);
    try {
      p.getOutputStream().close();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IOException("mkfifo failed: " + err);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a named pipe");
    }
  }

  /**
   * The first argument every MySQL tool must get. With a password of ours, only this file is read,
   * so a stray ~/.my.cnf cannot redirect the connection; without one, the user's option files are
   * read after it and supply the password.
   */
  String argument() {
    return (complete ? "--defaults-file=" : "--defaults-extra-file=") + fifo;
  }

  @Override
  @SuppressWarnings("try") // opening the FIFO is what unblocks the server; the stream is not read
  public void close() {
    stop = true;
    // Opening a FIFO read-write never blocks on Linux and lets a server blocked in open() go on,
    // see stop and end; what it writes into the pipe is dropped with it.
    try (RandomAccessFile unblock = new RandomAccessFile(fifo.toFile(), "rw")) {
      server.join(5_000);
    } catch (IOException e) {
      // the pipe is gone already
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeQuietly(dir);
  }

  private static void removeQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // an empty pipe in a private directory: it holds nothing
    }
  }
}

package org.rdsecho.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private {@code [client]} option file handed to the MySQL tools with
 * {@code --defaults-extra-file}, so the password never appears on a command line (where
 * {@code ps} shows it) nor in the environment of the child. Readable by its owner only, and
 * deleted when closed.
 */
final class OptionFile implements AutoCloseable {
  private final Path path;
  private final boolean complete;

  private OptionFile(Path path, boolean complete) {
    this.path = path;
    this.complete = complete;
  }

  static OptionFile write(ConnectionSpec c) {
    try {
      Path file = Files.createTempFile("rdsecho-", ".cnf",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      StringBuilder text = new StringBuilder("[client]\n");
      text.append("host=").append(c.host()).append('\n');
      text.append("port=").append(c.port()).append('\n');
      text.append("protocol=tcp\n");
      if (c.user() != null) {
        text.append("user=").append(quote(c.user())).append('\n');
      }
      if (c.password() != null) {
        text.append("password=").append(quote(c.password())).append('\n');
      }
      if (c.sslCa() != null) {
        text.append("ssl-ca=").append(c.sslCa().toAbsolutePath()).append('\n');
        text.append("ssl-verify-server-cert\n");
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return new OptionFile(file, c.password() != null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a private option file in " + System.getProperty("java.io.tmpdir"), e);
    }
  }

  /** Option-file values are quoted, with backslash escapes, so any password survives. */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * The first argument every MySQL tool must get. With a password of ours, only this file is
   * read, so a stray ~/.my.cnf cannot redirect the connection; without one, the user's option
   * files are read after it and supply the password.
   */
  String argument() {
    return (complete ? "--defaults-file=" : "--defaults-extra-file=") + path;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover 0600 file in the temp directory; nothing else to do
    }
  }
}

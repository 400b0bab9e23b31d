package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The rows {@code carry} dumps from the promoted clone, loaded in strict SQL mode (§16: carry never
 * corrupts): the dump's header sets {@code SQL_MODE='NO_AUTO_VALUE_ON_ZERO'}, which drops the
 * server's strict mode, so a value too long or too large for the new clone's column would be cut or
 * clamped with only a warning. This stream adds STRICT_ALL_TABLES to the session's mode just before
 * the first INSERT/REPLACE statement (after the header, which the dump client writes and ends by
 * restoring the mode): such a value then fails the load, naming it, instead.
 */
final class StrictLoad extends InputStream {
  static final String STRICT =
      "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'STRICT_ALL_TABLES');\n";

  private final InputStream in;
  private byte[] pending = new byte[0];
  private int pos;
  private boolean injected;

  StrictLoad(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == pending.length) {
      if (injected) {
        return in.read(b, off, len);
      }
      if (!nextHeaderLine()) {
        return -1;
      }
    }
    int n = Math.min(len, pending.length - pos);
    System.arraycopy(pending, pos, b, off, n);
    pos += n;
    return n;
  }

  /**
   * Reads the start of the next line: a statement that writes rows gets the mode set before it (and
   * the rest passes through unread), any other (header) line is read whole. False at the end.
   */
  private boolean nextHeaderLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while (line.size() < 8 && (c = in.read()) >= 0) {
      line.write(c);
      if (c == '\n') {
        break;
      }
    }
    if (line.size() == 0) {
      return false;
    }
    String start = line.toString(StandardCharsets.ISO_8859_1);
    if (start.startsWith("INSERT ") || start.startsWith("REPLACE ")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(STRICT.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(line.toByteArray());
      injected = true;
      pending = out.toByteArray();
    } else {
      while (!start.endsWith("\n") && (c = in.read()) >= 0) {
        line.write(c);
        if (c == '\n') {
          break;
        }
      }
      pending = line.toByteArray();
    }
    pos = 0;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

package org.rdsecho.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drops the line newer MariaDB dump tools put first, {@code /*M!999999\- enable the sandbox mode
 * *}{@code /}, from a dump's SQL. MariaDB's client reads it as "enter sandbox mode"; Oracle's
 * {@code mysql} client, which most RDS MySQL teams restore with, reads {@code \-} as an unknown
 * client command and stops. rds-echo's own restores (verify, carry) turn the sandbox on themselves,
 * and anyone restoring a dump of unknown provenance should too (docs/export.md says how with either
 * client).
 */
final class SandboxLine {
  static final byte[] MARKER =
      "/*M!999999\\- enable the sandbox mode */".getBytes(StandardCharsets.US_ASCII);

  /** mariadb-dump ends the line with a space; allow a few blanks and a carriage return. */
  private static final int MAX_LINE = MARKER.length + 8;

  private SandboxLine() {}

  /** {@code sql} without that first line, when it starts with it; unchanged otherwise. */
  static InputStream stripped(InputStream sql) throws IOException {
    PushbackInputStream in = new PushbackInputStream(sql, MAX_LINE);
    byte[] head = in.readNBytes(MAX_LINE);
    int end = lineEnd(head);
    if (end < 0) {
      in.unread(head);
    } else if (end + 1 < head.length) {
      in.unread(head, end + 1, head.length - end - 1);
    }
    return in;
  }

  /** The index of the newline ending the sandbox line at the start of {@code head}, or -1. */
  private static int lineEnd(byte[] head) {
    if (head.length < MARKER.length
        || !Arrays.equals(head, 0, MARKER.length, MARKER, 0, MARKER.length)) {
      return -1;
    }
    for (int i = MARKER.length; i < head.length; i++) {
      if (head[i] == '\n') {
        return i;
      }
      if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r') {
        return -1;
      }
    }
    return -1;
  }
}

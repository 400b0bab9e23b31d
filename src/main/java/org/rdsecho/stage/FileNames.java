package org.rdsecho.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a database name, which whoever can create a database on production chooses, into a file
 * name that stays inside the dump directory: ASCII letters, digits, {@code _} and {@code -} and
 * non-ASCII letters and digits are kept, every other character becomes {@code %XX} per UTF-8 byte
 * (so {@code /}, {@code .}, {@code %}, control and invisible characters never appear). The encoding
 * is injective and {@link #decode} reverses it. A name whose encoding would not fit a file name
 * (255 bytes) is cut and given {@code ~} and a hash of the whole name; {@code ~} is never produced
 * otherwise, so such names cannot collide with encoded ones, and the manifest keeps the real name.
 */
public final class FileNames {
  /** Leaves room for the longest suffix ({@code .sql.zst.sha256}) and a partial file's prefix. */
  static final int MAX_BYTES = 200;

  private FileNames() {}

  public static String encode(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              // a leading '-' would read as an option to gunzip, mysql or rm
              if (kept(c) && !(c == '-' && out.length() == 0)) {
                out.appendCodePoint(c);
              } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
                }
              }
            });
    String encoded = out.toString();
    if (encoded.isEmpty()) {
      return "%"; // the empty name; '%' alone decodes to nothing and is never produced otherwise
    }
    if (encoded.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return encoded;
    }
    String hash = HexFormat.of().formatHex(sha256(name)).substring(0, 16);
    StringBuilder cut = new StringBuilder();
    int i = 0;
    while (i < encoded.length()) {
      int step = encoded.charAt(i) == '%' ? 3 : Character.charCount(encoded.codePointAt(i));
      String piece = encoded.substring(i, i + step);
      if ((cut + piece).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES - 17) {
        break;
      }
      cut.append(piece);
      i += step;
    }
    return cut + "~" + hash;
  }

  /** The name {@link #encode} was given; only for names that were not cut. */
  public static String decode(String encoded) {
    if (encoded.equals("%")) {
      return "";
    }
    if (encoded.contains("~")) {
      throw new IllegalArgumentException(
          encoded + " was cut to fit a file name: the manifest has the real name");
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); ) {
      if (encoded.charAt(i) == '%') {
        bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
        i += 3;
      } else {
        int c = encoded.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean kept(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

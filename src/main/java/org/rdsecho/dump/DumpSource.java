package org.rdsecho.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.files.SafeDir;

/**
 * Where {@code verify} reads a dump from (a set's own file, or an S3 object of an s3Only set), and
 * the last-line check before a byte of it is loaded (§16, attack F1): its SHA-256 is the
 * manifest's, taken on the very channel that is then loaded.
 */
public record DumpSource(String label, String fileName, DumpSource.Opener open) {
  /**
   * Opens the bytes of a dump as a file channel: the set's own file, or a private copy of an S3
   * object.
   */
  public interface Opener {
    FileChannel open() throws IOException;
  }

  public static DumpSource of(Path file) {
    // through the set's handle (§16): a link, FIFO or another user's file there is refused, never
    // read
    return new DumpSource(
        file.toString(), file.getFileName().toString(), () -> SafeDir.readOwnFile(file));
  }

  /**
   * An object read from elsewhere (S3): downloaded first into a private temporary file (0600 in a
   * 0700 directory of its own, both unlinked as soon as the file is open, so nothing is left on
   * disk even after a kill), its bytes as they are (an encrypted dump stays encrypted there), so
   * its digest can be checked before anything is loaded, and what is loaded is what was checked.
   */
  public static DumpSource downloaded(
      String label, String fileName, SqlClient.InputSupplier download) {
    return new DumpSource(
        label,
        fileName,
        () -> {
          FileChannel copy = privateTemporaryFile();
          try (InputStream in = download.open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
              ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
              while (bytes.hasRemaining()) {
                copy.write(bytes);
              }
            }
            return copy;
          } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
          }
        });
  }

  /**
   * A new empty file, readable and writable only through the returned channel (its name already
   * gone).
   */
  static FileChannel privateTemporaryFile() throws IOException {
    Path dir =
        Files.createTempDirectory(
            "rdsecho-verify-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("dump");
    try {
      return FileChannel.open(
          file,
          Set.of(
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Opens the source and reads it whole once: returned at position 0 when its SHA-256 is the
   * manifest's.
   */
  FileChannel checked(String expected) throws IOException {
    if (expected == null || expected.isBlank()) {
      throw new EchoException(
          Outcome.FAILED,
          "verify failed: the manifest gives no SHA-256 for "
              + label
              + ", so it cannot be told from a file rewritten after the export; nothing was loaded; export again");
    }
    FileChannel file = open.open();
    try {
      MessageDigest sha = RestorePipeline.sha256();
      ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
      file.position(0);
      while (file.read(buffer) >= 0) {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      if (!expected.equalsIgnoreCase(digest)) {
        throw new EchoException(
            Outcome.FAILED,
            "verify failed: "
                + label
                + " is not the file its manifest"
                + " describes (SHA-256 "
                + digest
                + ", manifest "
                + expected
                + "): the dump was changed or damaged after"
                + " it was written, and nothing of it was loaded; find out who can write there, then export again"
                + " ('rds-echo forget' this clone and 'rds-echo new', or export it anew)");
      }
      file.position(0);
      return file;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }
}

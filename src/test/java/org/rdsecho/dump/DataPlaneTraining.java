package org.rdsecho.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rdsecho.files.SafeDir;

/**
 * For the launcher's class-data sharing archive: what an export runs between its first connection
 * and its last byte (the compressors and their native libraries, streams joined through a spill
 * file, the checksum) and the manifest's JSON, run on a few MB of made-up SQL in a temporary
 * directory, so a real export finds those classes already mapped instead of reading them from the
 * jar.
 */
public final class DataPlaneTraining {
  private DataPlaneTraining() {}

  public static void exercise(Path dir) throws IOException {
    byte[] sql = new byte[3 << 20];
    Random random = new Random(1);
    for (int i = 0; i < sql.length; i++) {
      sql[i] = (byte) ("INSERT INTO t VALUES (1,'abc'),(2,'xyz');\n".charAt(random.nextInt(41)));
    }
    for (Class<?> c :
        List.of(
            Dumper.class,
            DumpSetWriter.class,
            TableStreams.class,
            TableStreams.Part.class,
            WriteBehind.class,
            SafeFiles.class,
            OptionFile.class,
            ChildProcesses.class,
            Streams.class)) {
      try {
        Class.forName(c.getName(), true, DataPlaneTraining.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Compression compression : Compression.values()) {
      Path file = dir.resolve("training" + compression.extension());
      try (SafeDir handle = SafeDir.trusted(dir);
          OutputStream out =
              new DigestOutputStream(
                  Files.newOutputStream(file), MessageDigest.getInstance("SHA-256"))) {
        SegmentJoin join =
            new SegmentJoin(out, List.of(SafeFiles.createPartial(handle, "training.spill")), false);
        for (int segment = 1; segment >= 0; segment--) {
          try (OutputStream compressed = compression.wrap(join.segment(segment), 2)) {
            compressed.write(sql);
          }
        }
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
      Files.delete(file);
    }
    Exporter.json()
        .writeValueAsBytes(
            Map.of(
                "databases",
                List.of(
                    Map.of(
                        "file",
                        "t.sql.gz",
                        "seconds",
                        1.5,
                        "tables",
                        List.of(Map.of("name", "t", "rowsEstimated", 1L))))));
  }
}

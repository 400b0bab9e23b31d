package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParallelGzipOutputStreamTest {
  static final int BLOCK = ParallelGzipOutputStream.BLOCK;

  static Stream<Deflaters> implementations() {
    return Deflaters.best().slowBecause().isEmpty()
        ? Stream.of(Deflaters.zlib(Optional.empty()), Deflaters.libdeflate())
        : Stream.of(Deflaters.zlib(Optional.empty()));
  }

  /**
   * bin/test installs libdeflate-dev and a compiler, so on Linux the build must have made the
   * library.
   */
  @Test
  void libdeflateLoadsOnLinux() {
    assumeTrue(System.getProperty("os.name").equals("Linux"));
    assertEquals(Optional.empty(), Deflaters.best().slowBecause());
    assertEquals("libdeflate level 5", Deflaters.best().description());
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void roundTripsAtEveryBlockEdge(Deflaters implementation) throws IOException {
    for (int size : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12345}) {
      byte[] data = mixed(size, size);
      assertArrayEquals(data, gunzip(gzip(implementation, data, 2, 65536)), "size " + size);
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void byteAtATimeWritesGiveTheSameBytes(Deflaters implementation) throws IOException {
    byte[] data = mixed(BLOCK + 4321, 7);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = new ParallelGzipOutputStream(sink, implementation, 3)) {
      for (byte b : data) {
        out.write(b);
      }
    }
    assertArrayEquals(
        gzip(implementation, data, 1, BLOCK),
        sink.toByteArray(),
        "deterministic whatever the writes");
    assertArrayEquals(data, gunzip(sink.toByteArray()));
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void incompressibleBlocksStayWithinBounds(Deflaters implementation) throws IOException {
    byte[] data = new byte[2 * BLOCK + 99];
    new Random(1).nextBytes(data);
    byte[] gz = gzip(implementation, data, 2, 100_000);
    assertArrayEquals(data, gunzip(gz));
    assertTrue(
        gz.length < data.length * 1.01,
        "random data grows by at most stored-block overhead: " + gz.length);
  }

  @Test
  void theSystemGunzipReadsTheMembers(@TempDir Path dir) throws Exception {
    Deflaters implementation = Deflaters.best();
    byte[] data = mixed(5 * BLOCK + 17, 3);
    Path file = dir.resolve("d.sql.gz");
    Files.write(file, gzip(implementation, data, 2, 1 << 16));
    Process gunzip =
        new ProcessBuilder("gunzip", "-c", file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = gunzip.getInputStream().readAllBytes();
    assertTrue(gunzip.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, gunzip.exitValue());
    assertArrayEquals(data, out);
  }

  @Test
  void libdeflateCompressesAboutAsWellAsZlib() throws IOException {
    assumeTrue(Deflaters.best().slowBecause().isEmpty(), "libdeflate is not built here");
    byte[] text = mixed(4 * BLOCK, 11);
    int zlib = gzip(Deflaters.zlib(Optional.empty()), text, 2, BLOCK).length;
    int libdeflate = gzip(Deflaters.libdeflate(), text, 2, BLOCK).length;
    assertTrue(libdeflate < text.length * 0.8, "compresses: " + libdeflate + " of " + text.length);
    assertTrue(libdeflate < zlib * 1.05, "libdeflate " + libdeflate + " vs zlib " + zlib);
  }

  @Test
  void abortStopsTheWorkersAndClosesTheFile() throws IOException {
    boolean[] closed = {false};
    OutputStream sink =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    ParallelGzipOutputStream out = new ParallelGzipOutputStream(sink, Deflaters.best(), 2);
    out.write(mixed(3 * BLOCK, 5));
    out.abort();
    assertTrue(closed[0]);
  }

  private static byte[] gzip(Deflaters implementation, byte[] data, int threads, int chunk)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = new ParallelGzipOutputStream(sink, implementation, threads)) {
      for (int off = 0; off < data.length; off += chunk) {
        out.write(data, off, Math.min(chunk, data.length - off));
      }
    }
    return sink.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** SQL-like text with stretches of random bytes and zeros, so every block differs. */
  static byte[] mixed(int size, long seed) {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
    while (out.size() < size) {
      switch (random.nextInt(4)) {
        case 0 -> {
          byte[] noise = new byte[random.nextInt(3000)];
          random.nextBytes(noise);
          out.writeBytes(noise);
        }
        case 1 -> out.writeBytes(new byte[random.nextInt(2000)]);
        default ->
            out.writeBytes(
                ("INSERT INTO t VALUES ("
                        + random.nextInt(100000)
                        + ",'name "
                        + random.nextInt(500)
                        + "','"
                        + Long.toHexString(random.nextLong())
                        + "');\n")
                    .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] all = out.toByteArray();
    byte[] exact = new byte[size];
    System.arraycopy(all, 0, exact, 0, size);
    return exact;
  }
}

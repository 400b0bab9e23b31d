package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsecho.files.SafeDir;

class SegmentJoinTest {
  @TempDir Path dir;

  private List<SafeFiles.Partial> spills(int count) throws IOException {
    List<SafeFiles.Partial> spills = new ArrayList<>();
    SafeDir handle = SafeDir.trusted(dir);
    for (int i = 1; i < count; i++) {
      spills.add(
          new SafeFiles.Partial(
              handle, ".f.stream" + i + ".partial", handle.create(".f.stream" + i + ".partial")));
    }
    return spills;
  }

  /** Each segment's bytes: its number, then random lengths of a pattern only it writes. */
  private static byte[][] contents(int count, Random random) {
    byte[][] contents = new byte[count][];
    for (int i = 0; i < count; i++) {
      contents[i] = new byte[random.nextInt(3 << 20)];
      for (int j = 0; j < contents[i].length; j++) {
        contents[i][j] = (byte) (i * 31 + j % 251);
      }
    }
    return contents;
  }

  @ParameterizedTest(name = "sealed={0}")
  @ValueSource(booleans = {false, true})
  void segmentsWrittenAtOnceInAnyOrderComeOutWholeAndInTheirOrder(boolean sealed) throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      int count = 1 + random.nextInt(5);
      byte[][] contents = contents(count, random);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      SegmentJoin join = new SegmentJoin(sink, spills(count), sealed);
      ExecutorService pool = Executors.newFixedThreadPool(count);
      List<Future<Void>> writers = new ArrayList<>();
      long seed = random.nextLong();
      for (int i = 0; i < count; i++) {
        int segment = i;
        writers.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      // random chunk sizes and pauses, so segments end in every order
                      Random r = new Random(seed + segment);
                      try (OutputStream out = join.segment(segment)) {
                        int at = 0;
                        while (at < contents[segment].length) {
                          int n = Math.min(contents[segment].length - at, 1 + r.nextInt(200_000));
                          out.write(contents[segment], at, n);
                          at += n;
                          if (r.nextInt(4) == 0) {
                            Thread.sleep(r.nextInt(3));
                          }
                        }
                      }
                      return null;
                    }));
      }
      for (Future<Void> w : writers) {
        w.get();
      }
      pool.shutdown();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (byte[] c : contents) {
        expected.write(c);
      }
      assertArrayEquals(expected.toByteArray(), sink.toByteArray(), "round " + round);
      try (Stream<Path> left = Files.list(dir)) {
        assertEquals(List.of(), left.toList(), "every spill file is removed once copied in");
      }
    }
  }

  @Test
  void aSealedSpillNeverHoldsTheBytesReadable() throws Exception {
    byte[] secret =
        "4111-1111-1111-1111 card of Ada Lovelace; "
            .repeat(50_000)
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SegmentJoin join = new SegmentJoin(sink, spills(2), true);
    OutputStream first = join.segment(0);
    OutputStream second = join.segment(1);
    second.write(secret);
    second.close();
    Path spill = dir.resolve(".f.stream1.partial");
    byte[] onDisk = Files.readAllBytes(spill);
    assertEquals(
        secret.length, onDisk.length, "all of it spilled while the first segment is still open");
    assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1).contains("Lovelace"));
    first.write("head;".getBytes(StandardCharsets.UTF_8));
    first.close();
    assertEquals(
        "head;" + new String(secret, StandardCharsets.UTF_8),
        sink.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(spill));
  }

  @Test
  void anUnsealedSpillIsTheSegmentsBytesAsTheyWillBeInTheFile() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SegmentJoin join = new SegmentJoin(sink, spills(2), false);
    join.segment(1).write("later".getBytes(StandardCharsets.UTF_8));
    join.segment(1).flush();
    join.segment(0).write("first ".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "first ", sink.toString(StandardCharsets.UTF_8), "the head writes straight through");
    join.segment(0).close();
    join.segment(1).write(" still".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "first later still", sink.toString(StandardCharsets.UTF_8), "then the next, spill first");
  }

  @Test
  void discardingAfterAFailureRemovesTheSpillsAndRefusesMoreWrites() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SegmentJoin join = new SegmentJoin(sink, spills(3), false);
    join.segment(1).write(new byte[100]);
    join.segment(2).write(new byte[100]);
    join.segment(2).close();
    join.discard();
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
    IOException e = assertThrows(IOException.class, () -> join.segment(0).write(new byte[1]));
    assertTrue(e.getMessage().contains("abandoned"), e.getMessage());
    join.segment(0).close();
    assertEquals(0, sink.size(), "nothing spilled is copied into a dump that failed");
  }
}

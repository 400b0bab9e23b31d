package org.rdsecho.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Gzip on every core: the stream is cut into blocks, each compressed on its own thread into a
 * complete gzip member, and the members are written in order. A file of several members is valid
 * gzip (RFC 1952 §2.2), read whole by {@code gunzip} and {@code GZIPInputStream}. At most {@code 2
 * × threads} blocks are in flight, so memory stays flat whatever the dump's size. Each thread keeps
 * one {@link BlockDeflater}, freed when the stream is closed or aborted.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK = 1 << 20;
  private static final int OUTPUT = BlockDeflater.bound(BLOCK);

  /** Deflate, no name, no time stamp, OS "Unix": the same bytes for the same data. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

  private final OutputStream out;
  private final ExecutorService pool;
  private final Queue<BlockDeflater> deflaters = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Worker> worker;
  private final Deque<Future<Member>> pending = new ArrayDeque<>();
  private final Queue<byte[]> freeBlocks = new ConcurrentLinkedQueue<>();
  private final Queue<byte[]> freeOutputs = new ConcurrentLinkedQueue<>();
  private final int maxPending;
  private byte[] block = new byte[BLOCK];
  private int filled;
  private boolean closed;

  public ParallelGzipOutputStream(OutputStream out, Deflaters implementation, int threads) {
    this.out = out;
    this.worker =
        ThreadLocal.withInitial(
            () -> {
              BlockDeflater deflater = implementation.create();
              deflaters.add(deflater);
              return new Worker(deflater);
            });
    this.maxPending = threads * 2;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "gzip");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == block.length) {
      submit();
    }
    block[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == block.length) {
        submit();
      }
      int n = Math.min(len, block.length - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void submit() throws IOException {
    byte[] data = block;
    int length = filled;
    pending.add(pool.submit(() -> worker.get().member(data, length, spare(freeOutputs, OUTPUT))));
    block = spare(freeBlocks, BLOCK);
    filled = 0;
    while (pending.size() >= maxPending) {
      drainOne();
    }
  }

  /**
   * A buffer used before, or a new one: the same few are used over and over, because a 1 MiB array
   * per block is garbage the collector must chase, slowly under a small heap (G1 allocates arrays
   * of half a region or more outside the young generation).
   */
  private static byte[] spare(Queue<byte[]> free, int size) {
    byte[] b = free.poll();
    return b != null ? b : new byte[size];
  }

  private void drainOne() throws IOException {
    Member m;
    try {
      m = pending.removeFirst().get();
    } catch (ExecutionException e) {
      throw new IOException("gzip compression failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    }
    byte[] trailer = new byte[8];
    writeIntLe(trailer, 0, m.crc());
    writeIntLe(trailer, 4, m.length());
    out.write(HEADER);
    out.write(m.deflated(), 0, m.size());
    out.write(trailer);
    freeBlocks.add(m.block());
    freeOutputs.add(m.deflated());
  }

  /** One complete gzip member: the header, {@code deflated[0, size)}, then CRC-32 and length. */
  // buffers handed between threads, never compared or hashed: a record for its brevity only
  @SuppressWarnings("ArrayRecordComponent")
  private record Member(byte[] block, int length, byte[] deflated, int size, int crc) {}

  private record Worker(BlockDeflater deflater) {
    Member member(byte[] data, int length, byte[] deflated) {
      int n = deflater.deflate(data, length, deflated);
      CRC32 crc = new CRC32();
      crc.update(data, 0, length);
      return new Member(data, length, deflated, n, (int) crc.getValue());
    }
  }

  private static void writeIntLe(byte[] out, int at, int v) {
    out[at] = (byte) v;
    out[at + 1] = (byte) (v >>> 8);
    out[at + 2] = (byte) (v >>> 16);
    out[at + 3] = (byte) (v >>> 24);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Compresses what is left, writes every member and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (filled > 0 || pending.isEmpty()) {
        submitLast();
      }
      while (!pending.isEmpty()) {
        drainOne();
      }
    } finally {
      stopWorkers();
      out.close();
    }
  }

  /** Gives up: nothing more is written, the threads stop; the caller removes the file. */
  public void abort() {
    closed = true;
    pending.forEach(f -> f.cancel(true));
    pending.clear();
    stopWorkers();
    try {
      out.close();
    } catch (IOException ignored) {
      // the caller deletes the partial file
    }
  }

  /** Native deflaters are freed only once no thread can be inside one. */
  private void stopWorkers() {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    BlockDeflater d;
    while ((d = deflaters.poll()) != null) {
      d.close();
    }
  }

  private void submitLast() {
    byte[] data = block;
    int length = filled;
    pending.add(pool.submit(() -> worker.get().member(data, length, spare(freeOutputs, OUTPUT))));
    filled = 0;
  }
}

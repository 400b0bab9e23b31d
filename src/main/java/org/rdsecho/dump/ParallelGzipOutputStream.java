package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip on every core: the stream is cut into blocks, each compressed on its own thread into a
 * complete gzip member, and the members are written in order. A file of several members is
 * valid gzip (RFC 1952 §2.2), read whole by {@code gunzip} and {@code GZIPInputStream}. At most
 * {@code 2 × threads} blocks are in flight, so memory stays flat whatever the dump's size.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK = 1 << 20;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
  private final int maxPending;
  private byte[] block = new byte[BLOCK];
  private int filled;
  private boolean closed;

  public ParallelGzipOutputStream(OutputStream out, int level, int threads) {
    this.out = out;
    this.level = level;
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
    pending.add(pool.submit(() -> member(data, length, level)));
    block = new byte[BLOCK];
    filled = 0;
    while (pending.size() >= maxPending) {
      drainOne();
    }
  }

  private void drainOne() throws IOException {
    try {
      out.write(pending.removeFirst().get());
    } catch (ExecutionException e) {
      throw new IOException("gzip compression failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    }
  }

  /** One complete gzip member: header, raw deflate, CRC-32 and length. */
  static byte[] member(byte[] data, int length, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(data, 0, length);
      deflater.finish();
      ByteArrayOutputStream member = new ByteArrayOutputStream(length / 3 + 64);
      member.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, 0, 10);
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        member.write(buffer, 0, n);
      }
      CRC32 crc = new CRC32();
      crc.update(data, 0, length);
      writeIntLe(member, (int) crc.getValue());
      writeIntLe(member, length);
      return member.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
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
      pool.shutdownNow();
      out.close();
    }
  }

  /** Gives up: nothing more is written, the threads stop; the caller removes the file. */
  public void abort() {
    closed = true;
    pending.forEach(f -> f.cancel(true));
    pending.clear();
    pool.shutdownNow();
    try {
      out.close();
    } catch (IOException ignored) {
      // the caller deletes the partial file
    }
  }

  private void submitLast() {
    byte[] data = block;
    int length = filled;
    pending.add(pool.submit(() -> member(data, length, level)));
    filled = 0;
  }
}

package org.rdsecho.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Joins segments written at the same time by different threads into one stream, in segment order.
 * The first unfinished segment writes straight through; the others spill to hidden files beside the
 * dump and are copied in when their turn comes, after which they too write straight through. Only
 * one segment writes to the sink at a time, so the sink needs no locking of its own.
 *
 * <p>With {@code sealed}, spills are encrypted with a key that lives only in this object, so a dump
 * that is encrypted to OpenPGP keys never lies on disk readable, not even for a moment.
 */
final class SegmentJoin {
  private final OutputStream sink;
  private final List<Segment> segments = new ArrayList<>();
  private final SecretKeySpec key;
  private int head;
  private volatile boolean discarded;

  /**
   * @param spills where each segment after the first may spill; one per segment after the first
   */
  SegmentJoin(OutputStream sink, List<SafeFiles.Partial> spills, boolean sealed) {
    this.sink = sink;
    this.key = sealed ? new SecretKeySpec(random(32), "AES") : null;
    segments.add(new Segment(null));
    spills.forEach(p -> segments.add(new Segment(p)));
    segments.get(0).direct = true;
  }

  /** The stream segment {@code index} writes to; closing it ends the segment. */
  OutputStream segment(int index) {
    return segments.get(index);
  }

  /** Removes whatever spill files are left, after a failure. */
  void discard() {
    discarded = true;
    for (Segment s : segments) {
      s.discard();
    }
  }

  private synchronized void ended() throws IOException {
    if (discarded) {
      return;
    }
    while (head < segments.size() && segments.get(head).isClosed()) {
      head++;
      if (head < segments.size()) {
        segments.get(head).takeTurn();
      }
    }
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private final class Segment extends OutputStream {
    private final SafeFiles.Partial spillFile;
    private final byte[] iv = random(16);
    private OutputStream spill;
    private boolean direct;
    private boolean closed;

    Segment(SafeFiles.Partial spillFile) {
      this.spillFile = spillFile;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (closed || discarded) {
        throw new IOException(closed ? "segment already closed" : "the dump was abandoned");
      }
      if (direct) {
        sink.write(b, off, len);
      } else {
        spill().write(b, off, len);
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        if (spill != null) {
          spill.close();
        }
      }
      ended();
    }

    synchronized boolean isClosed() {
      return closed;
    }

    /**
     * Its turn: what it spilled so far goes to the sink, and from now on it writes there itself.
     */
    synchronized void takeTurn() throws IOException {
      if (spill != null) {
        spill.close();
        copyInto(sink);
        spill = null;
      }
      if (spillFile != null) {
        spillFile.discard();
      }
      direct = true;
    }

    synchronized void discard() {
      try {
        if (spill != null) {
          spill.close();
        }
      } catch (IOException ignored) {
        // deleted next
      }
      if (spillFile != null) {
        spillFile.discard();
      }
    }

    private OutputStream spill() throws IOException {
      if (spill == null) {
        spill = new BufferedOutputStream(seal(SafeFiles.output(spillFile.channel())), 1 << 20);
      }
      return spill;
    }

    private OutputStream seal(OutputStream out) throws IOException {
      return key == null ? out : new CipherOutputStream(out, cipher(Cipher.ENCRYPT_MODE));
    }

    private void copyInto(OutputStream out) throws IOException {
      Cipher unseal = key == null ? null : cipher(Cipher.DECRYPT_MODE);
      byte[] buffer = new byte[1 << 20];
      // read back through the channel it was written to: the spill's name is never opened again
      FileChannel in = spillFile.channel();
      try {
        long position = 0;
        int n;
        while ((n = in.read(ByteBuffer.wrap(buffer), position)) > 0) {
          position += n;
          // CTR decrypts in place, byte for byte (CipherInputStream would go 512 bytes at a time)
          int length = unseal == null ? n : unseal.update(buffer, 0, n, buffer, 0);
          out.write(buffer, 0, length);
        }
      } catch (ShortBufferException e) {
        throw new IllegalStateException("CTR output is as long as its input", e);
      }
    }

    private Cipher cipher(int mode) throws IOException {
      try {
        // CTR: a stream cipher, no padding; key and IV never leave this process
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(mode, key, new IvParameterSpec(iv));
        return c;
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot seal a spill file: " + e.getMessage(), e);
      }
    }
  }
}

package org.rdsecho.dump;

/**
 * Compresses one whole block to raw deflate (RFC 1951) with the final-block bit set, so a gzip
 * member can be built around it. One instance per thread; {@link #close} frees native memory.
 */
interface BlockDeflater extends AutoCloseable {
  /** Room {@code out} needs for any {@code length} bytes, incompressible ones included. */
  static int bound(int length) {
    return length + (length >> 3) + 8192;
  }

  /**
   * Deflates {@code in[0, length)} into {@code out}, which has {@link #bound} room; returns the
   * size.
   */
  int deflate(byte[] in, int length, byte[] out);

  @Override
  void close();
}

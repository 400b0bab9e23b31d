package org.rdsecho.dump;

/**
 * libdeflate (Eric Biggers'), through the small JNI library {@code src/main/c} builds against
 * Debian's libdeflate-dev: zlib's format and zlib's ratio, several times faster, because it
 * compresses whole blocks with a better match finder instead of streaming.
 */
final class LibdeflateBlockDeflater implements BlockDeflater {
  /**
   * Level 5 makes files the size of {@code gzip -6}'s at several times its speed; 6 is 0.8% smaller
   * and 13% slower, 4 is 2.5% larger and no faster once the dump itself is the limit
   * (docs/benchmarks.md).
   */
  static final int LEVEL = 5;

  private final int level;
  private long compressor;

  LibdeflateBlockDeflater(int level) {
    this.level = level;
    this.compressor = allocate(level);
    if (compressor == 0) {
      throw new OutOfMemoryError("libdeflate could not allocate a compressor");
    }
  }

  LibdeflateBlockDeflater() {
    this(LEVEL);
  }

  @Override
  public int deflate(byte[] in, int length, byte[] out) {
    int n = compress(compressor, in, length, out);
    if (n <= 0) {
      // cannot happen with bound()'s room; failing loudly beats writing a truncated member
      throw new IllegalStateException(
          "libdeflate level " + level + " could not compress a block of " + length + " bytes");
    }
    return n;
  }

  @Override
  public void close() {
    if (compressor != 0) {
      free(compressor);
      compressor = 0;
    }
  }

  private static native long allocate(int level);

  private static native int compress(long compressor, byte[] in, int length, byte[] out);

  private static native void free(long compressor);
}

package org.rdsecho.dump;

import java.util.zip.Deflater;

/** The JDK's zlib: everywhere, and the fallback where libdeflate was not built or cannot load. */
final class ZlibBlockDeflater implements BlockDeflater {
  static final int LEVEL = 6;

  private final Deflater deflater = new Deflater(LEVEL, true);

  @Override
  public int deflate(byte[] in, int length, byte[] out) {
    deflater.reset();
    deflater.setInput(in, 0, length);
    deflater.finish();
    int n = 0;
    while (!deflater.finished()) {
      n += deflater.deflate(out, n, out.length - n);
    }
    return n;
  }

  @Override
  public void close() {
    deflater.end();
  }
}

package org.rdsecho.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A part of a file as a request body, read from the file each time the SDK asks (it may retry):
 * uploads hold no copy of a part in memory, however large the parts.
 */
final class FileRegion {
  private FileRegion() {}

  static RequestBody body(FileChannel file, long offset, long length) {
    ContentStreamProvider provider =
        () ->
            new InputStream() {
              private long position = offset;
              private final long end = offset + length;

              @Override
              public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                  return -1;
                }
                int n =
                    file.read(
                        ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n < 0) {
                  throw new IOException(
                      "the file ended at " + position + " before " + end + " bytes");
                }
                position += n;
                return n;
              }
            };
    return RequestBody.fromContentProvider(provider, length, "application/octet-stream");
  }
}

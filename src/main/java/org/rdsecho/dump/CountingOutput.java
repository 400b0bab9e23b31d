package org.rdsecho.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.rdsecho.stage.StreamingUploads;

/**
 * Counts the bytes of a dump that reach its file ({@link Dumper}), and tells the write-behind and a
 * streaming upload how far the file has grown.
 */
final class CountingOutput extends FilterOutputStream {
  private long count;
  private final StreamingUploads.Upload upload;
  private final WriteBehind writeBehind;

  CountingOutput(OutputStream out, StreamingUploads.Upload upload, WriteBehind writeBehind) {
    super(out);
    this.upload = upload;
    this.writeBehind = writeBehind;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    count++;
    grown();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    count += len;
    grown();
  }

  private void grown() {
    writeBehind.written(count);
    if (upload != null) {
      upload.grown(count);
    }
  }

  long count() {
    return count;
  }
}

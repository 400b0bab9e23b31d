package org.rdsecho.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Small stream helpers for child processes. */
final class Streams {
  private Streams() {}

  /** Copies {@code in} to {@code out} on a thread, keeping at most {@code limit} bytes. */
  static Thread drain(InputStream in, OutputStream out, int limit) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              long kept = 0;
              try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  if (kept < limit) {
                    int keep = (int) Math.min(n, limit - kept);
                    out.write(buffer, 0, keep);
                    kept += keep;
                  }
                }
              } catch (IOException e) {
                // the process ended; what was read is what there is
              }
            },
            "drain");
    t.setDaemon(true);
    t.start();
    return t;
  }
}

package org.rdsecho.dump;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The dump file formats: what a file ends with and how bytes become it. */
public enum Compression {
  /** Parallel gzip members, libdeflate where the build made it: {@code gunzip -c} restores it. */
  GZIP(".sql.gz"),
  /** zstd at level 3 with native worker threads: {@code zstd -dc} restores it. */
  ZSTD(".sql.zst"),
  /** Plain SQL. */
  NONE(".sql");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** How the bytes are compressed here, for the manifest and the summary. */
  public String engine() {
    return switch (this) {
      case GZIP -> "gzip, " + Deflaters.best().description();
      case ZSTD -> "zstd level 3";
      case NONE -> "none";
    };
  }

  public static Compression of(String setting) {
    return valueOf(setting.toUpperCase(Locale.ROOT));
  }

  /** Wraps {@code out}; closing the result finishes the format and closes {@code out}. */
  public OutputStream wrap(OutputStream out, int threads) throws IOException {
    return switch (this) {
      case GZIP -> new ParallelGzipOutputStream(out, Deflaters.best(), threads);
      case ZSTD -> {
        ZstdOutputStream zstd = new ZstdOutputStream(out, 3);
        zstd.setWorkers(threads);
        yield zstd;
      }
      case NONE -> out;
    };
  }
}

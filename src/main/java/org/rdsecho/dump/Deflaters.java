package org.rdsecho.dump;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the deflate implementation once per process: libdeflate where the build could make its
 * JNI library for this platform, the JDK's zlib elsewhere, which is correct but several times
 * slower.
 */
public final class Deflaters {
  private static Deflaters chosen;

  private final String description;
  private final Supplier<BlockDeflater> factory;
  private final Optional<String> slowBecause;

  private Deflaters(
      String description, Supplier<BlockDeflater> factory, Optional<String> slowBecause) {
    this.description = description;
    this.factory = factory;
    this.slowBecause = slowBecause;
  }

  public static synchronized Deflaters best() {
    if (chosen == null) {
      Optional<String> problem = NativeLibrary.load("rdsecho-deflate");
      chosen = problem.isEmpty() ? libdeflate() : zlib(problem);
    }
    return chosen;
  }

  static Deflaters zlib(Optional<String> because) {
    return new Deflaters("zlib level " + ZlibBlockDeflater.LEVEL, ZlibBlockDeflater::new, because);
  }

  /** Only once {@link #best} has loaded the library. */
  static Deflaters libdeflate() {
    return new Deflaters(
        "libdeflate level " + LibdeflateBlockDeflater.LEVEL,
        LibdeflateBlockDeflater::new,
        Optional.empty());
  }

  BlockDeflater create() {
    return factory.get();
  }

  /** What goes in the manifest and the summary, e.g. "libdeflate level 6". */
  public String description() {
    return description;
  }

  /** Why gzip is on the slow path here, if it is. */
  public Optional<String> slowBecause() {
    return slowBecause;
  }
}

package org.rdsecho.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A tag value known only once an earlier action of the same decision wrote a file: its SHA-256 (a
 * dump set's manifest). {@code --dry-run} prints the placeholder as it is; the run fills it in with
 * {@link #fill} before the tag is written, and never writes it unfilled.
 */
public final class PendingDigest {
  private static final String PREFIX = "<SHA-256 of ";
  private static final String SUFFIX = ">";

  private PendingDigest() {}

  /** The placeholder for the SHA-256 of {@code file}. */
  public static String of(String file) {
    return PREFIX + file + SUFFIX;
  }

  private static boolean isPending(String value) {
    return value.startsWith(PREFIX) && value.endsWith(SUFFIX);
  }

  private static String fileOf(String value) {
    return value.substring(PREFIX.length(), value.length() - SUFFIX.length());
  }

  /** The files whose digests the values of {@code tags} still wait for. */
  static List<String> files(Map<String, String> tags) {
    return tags.values().stream()
        .filter(PendingDigest::isPending)
        .map(PendingDigest::fileOf)
        .toList();
  }

  /**
   * {@code tags} with every pending digest filled in by {@code sha256} (file to hex digest).
   *
   * @throws IllegalStateException for a file {@code sha256} does not know: never tagged unfilled
   */
  static Map<String, String> fill(Map<String, String> tags, Function<String, String> sha256) {
    Map<String, String> filled = new LinkedHashMap<>();
    tags.forEach(
        (k, v) -> {
          if (isPending(v)) {
            String file = fileOf(v);
            String digest = sha256.apply(file);
            if (digest == null) {
              throw new IllegalStateException(
                  "the digest of " + file + " is not known: it was not written in this run");
            }
            filled.put(k, digest);
          } else {
            filled.put(k, v);
          }
        });
    return filled;
  }
}

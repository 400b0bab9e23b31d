package org.rdsecho.config;

import java.util.List;
import java.util.Optional;

/**
 * The scrub scripts and their checks.
 *
 * @param encryptTo default: the export's keys, so scrubbed dumps are never less protected
 */
public record SanitizeSettings(
    List<String> scripts,
    String checks,
    List<String> databases,
    String dir,
    Integer keep,
    List<String> encryptTo,
    String s3Uri) {

  public SanitizeSettings {
    encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
  }

  public boolean configured() {
    return !scripts.isEmpty();
  }

  /** The rdsecho.sanitize.* keys; databases, keep and keys default to the export's. */
  static SanitizeSettings read(ConfigReader r) {
    List<String> databases = r.list(ConfigKeys.SANITIZE_DATABASES);
    return new SanitizeSettings(
        r.list(ConfigKeys.SANITIZE_SCRIPTS),
        r.string(ConfigKeys.SANITIZE_CHECKS),
        databases.isEmpty() ? r.list(ConfigKeys.EXPORT_DATABASES) : databases,
        r.string(ConfigKeys.SANITIZE_DIR),
        Optional.ofNullable(r.integer(ConfigKeys.SANITIZE_KEEP, 1, 10_000))
            .orElse(r.integer(ConfigKeys.EXPORT_KEEP, 1, 10_000)),
        r.list(ConfigKeys.SANITIZE_ENCRYPT_TO).isEmpty()
            ? r.list(ConfigKeys.EXPORT_ENCRYPT_TO)
            : r.list(ConfigKeys.SANITIZE_ENCRYPT_TO),
        r.string(ConfigKeys.SANITIZE_S3_URI));
  }
}

package org.rdsecho.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where and how the data plane dumps (checked by the export command). */
public record ExportSettings(
    List<String> databases,
    String dir,
    String user,
    String passwordEnv,
    String passwordFile,
    String password,
    String host,
    Integer port,
    String sslCa,
    String compression,
    Integer keep,
    Map<String, List<String>> tables,
    boolean dataOnly,
    String where,
    List<String> encryptTo,
    String s3Uri,
    String s3Sse,
    String s3KmsKeyId,
    boolean s3Only,
    // how many dump processes share one database's tables; null: chosen from the cores
    Integer streams) {

  /** Where a set goes locally before its upload when only export.s3Uri is set (§14). */
  public static final String UPLOAD_STAGING_DIR = ".rds-echo-upload/{name}/{instance}";

  /**
   * The directory sets are written to: export.dir, or with only s3Uri a staging directory; null
   * when neither.
   */
  public String effectiveDir() {
    return dir != null ? dir : s3Uri != null ? UPLOAD_STAGING_DIR : null;
  }

  public ExportSettings {
    encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
    // in the order given: the dumps follow it
    tables =
        tables == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** rdsecho.export.compression, read before the rest. */
  static String compression(ConfigReader r) {
    return r.oneOf(ConfigKeys.EXPORT_COMPRESSION, "gzip", "gzip", "zstd", "none");
  }

  /** The rdsecho.export.* keys, with the compression read (and checked) first. */
  static ExportSettings read(ConfigReader r, String compression) {
    return new ExportSettings(
        r.list(ConfigKeys.EXPORT_DATABASES),
        r.string(ConfigKeys.EXPORT_DIR),
        r.string(ConfigKeys.EXPORT_USER),
        r.string(ConfigKeys.EXPORT_PASSWORD_ENV),
        r.string(ConfigKeys.EXPORT_PASSWORD_FILE),
        r.string(ConfigKeys.EXPORT_PASSWORD),
        r.string(ConfigKeys.EXPORT_HOST),
        r.integer(ConfigKeys.EXPORT_PORT, 1, 65535),
        r.string(ConfigKeys.EXPORT_SSL_CA),
        compression,
        r.integer(ConfigKeys.EXPORT_KEEP, 1, 10_000),
        r.tables(ConfigKeys.EXPORT_TABLES),
        r.bool(ConfigKeys.EXPORT_DATA_ONLY, false),
        r.string(ConfigKeys.EXPORT_WHERE),
        r.list(ConfigKeys.EXPORT_ENCRYPT_TO),
        r.string(ConfigKeys.EXPORT_S3_URI),
        s3Sse(r),
        r.string(ConfigKeys.EXPORT_S3_KMS_KEY),
        // with s3Uri and no export.dir, the local copy is only a staging area
        r.bool(
            ConfigKeys.EXPORT_S3_ONLY,
            r.string(ConfigKeys.EXPORT_S3_URI) != null && r.string(ConfigKeys.EXPORT_DIR) == null),
        "auto".equalsIgnoreCase(r.string(ConfigKeys.EXPORT_STREAMS))
            ? null
            : r.integerOr(
                ConfigKeys.EXPORT_STREAMS, 1, 64, "a whole number from 1 to 64, or auto"));
  }

  private static String s3Sse(ConfigReader r) {
    String sse = r.string(ConfigKeys.EXPORT_S3_SSE);
    if (sse == null) {
      return r.string(ConfigKeys.EXPORT_S3_KMS_KEY) == null ? null : "aws:kms";
    }
    if (!sse.equals("AES256") && !sse.equals("aws:kms")) {
      throw new ConfigException(
          ConfigKeys.EXPORT_S3_SSE + "=" + sse + " is not valid: expected AES256 or aws:kms");
    }
    return sse;
  }
}

package org.rdsecho.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated configuration, read once at start-up. Every present key is type-checked here,
 * before any AWS call; keys only some commands need are checked by {@code require*} methods that
 * the commands call first.
 */
public record EchoConfig(
    String name,
    boolean interactive,
    String region,
    SnapshotSettings snapshot,
    RestoreSettings restore,
    boolean replaceUnpromoted,
    ModifySettings modify,
    PromoteSettings promote,
    RetireSettings retire,
    ExportSettings export,
    SanitizeSettings sanitize,
    Path logDir,
    VerifySettings verify,
    CarrySettings carry,
    RawConfig raw) {

  private static final Pattern NAME = Pattern.compile("[a-z](?:-?[a-z0-9])*");
  public static final int MAX_NAME = 40;

  /** Which snapshots of the source count as candidates. */
  public enum SnapshotType {
    ANY,
    AUTOMATED,
    MANUAL,
    /** new first takes a manual snapshot of the source (unless one of ours is younger than maxAge). */
    FRESH,
    /** new restores the source as it was at snapshot.restoreTime. */
    POINT_IN_TIME,
    /** snapshots of the source shared with this account by another one. */
    SHARED;

    public String apiValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where to restore from. */
  /**
   * @param restoreTime with pointInTime: an instant, or null for {@code latest}
   */
  /**
   * @param sourceClusterId the Aurora source cluster (§12); then the source is a cluster and
   *     {@code sourceInstanceId} is null
   * @param copyOnWrite new.restoreType=copy-on-write: clone the live source cluster
   */
  public record SnapshotSettings(String sourceInstanceId, SnapshotType type, String identifier, Duration maxAge,
      Integer keep, java.time.Instant restoreTime, String copyKmsKeyId, String sourceClusterId, boolean copyOnWrite) {
    public SnapshotSettings(String sourceInstanceId, SnapshotType type, String identifier) {
      this(sourceInstanceId, type, identifier, Duration.ofHours(20), 2, null, null, null, false);
    }

    /** Whether the source, and so every clone, is an Aurora cluster. */
    public boolean aurora() {
      return sourceClusterId != null;
    }

    /** The source instance or cluster. */
    public String source() {
      return aurora() ? sourceClusterId : sourceInstanceId;
    }

    /** The key that names the source, for messages. */
    public String sourceKey() {
      return aurora() ? ConfigKeys.SNAPSHOT_CLUSTER : ConfigKeys.SNAPSHOT_SOURCE;
    }

    /** Whether rds-echo makes snapshots of its own (fresh ones, copies), which retire prunes. */
    public boolean makesSnapshots() {
      return type == SnapshotType.FRESH || copyKmsKeyId != null;
    }
  }

  /** RestoreDBInstanceFromDBSnapshot parameters; null means "let RDS decide". */
  public record RestoreSettings(
      String engine,
      String licenseModel,
      String dbInstanceClass,
      Boolean multiAz,
      String storageType,
      Integer iops,
      Integer port,
      String optionGroupName,
      Boolean autoMinorVersionUpgrade,
      Map<String, String> tags,
      String dbSubnetGroupName,
      List<String> vpcSecurityGroupIds,
      String dbParameterGroupName,
      String availabilityZone,
      Boolean publiclyAccessible,
      String dbClusterParameterGroupName) {}

  /** ModifyDBInstance parameters; null or empty means "leave as it is". */
  public record ModifySettings(
      String dbParameterGroupName,
      List<String> dbSecurityGroups,
      Integer backupRetentionPeriod,
      boolean applyImmediately,
      List<String> vpcSecurityGroupIds,
      String masterUserPasswordEnv,
      String dbClusterParameterGroupName) {

    public ModifySettings(String dbParameterGroupName, List<String> dbSecurityGroups, Integer backupRetentionPeriod,
        boolean applyImmediately, List<String> vpcSecurityGroupIds, String masterUserPasswordEnv) {
      this(dbParameterGroupName, dbSecurityGroups, backupRetentionPeriod, applyImmediately, vpcSecurityGroupIds,
          masterUserPasswordEnv, null);
    }
  }

  /** The DNS switch. */
  /** @param remindEvery how often a confirmation still awaited is announced again under -q (§17) */
  public record PromoteSettings(
      String cname, long ttl, Map<String, String> tags, String hostedZoneId, boolean requireConfirmation,
      Duration remindEvery) {
    public static final Duration DEFAULT_REMIND_EVERY = Duration.ofHours(24);

    public PromoteSettings(String cname, long ttl, Map<String, String> tags, String hostedZoneId,
        boolean requireConfirmation) {
      this(cname, ttl, tags, hostedZoneId, requireConfirmation, DEFAULT_REMIND_EVERY);
    }
  }

  /**
   * DeleteDBInstance parameters, how many final snapshots of retired clones to keep, and the
   * rollback window (§17).
   *
   * @param keepFinalSnapshots null keeps every one
   * @param after how long a forgotten clone is kept for a rollback before retire deletes it
   * @param whenIdle also keep it while CloudWatch saw database connections in the last 15 minutes
   */
  public record RetireSettings(boolean skipFinalSnapshot, String finalSnapshotIdentifier, Integer keepFinalSnapshots,
      Duration after, boolean whenIdle) {
    public RetireSettings {
      after = after == null ? Duration.ZERO : after;
    }

    public RetireSettings(boolean skipFinalSnapshot, String finalSnapshotIdentifier, Integer keepFinalSnapshots) {
      this(skipFinalSnapshot, finalSnapshotIdentifier, keepFinalSnapshots, Duration.ZERO, false);
    }

    public RetireSettings(boolean skipFinalSnapshot, String finalSnapshotIdentifier) {
      this(skipFinalSnapshot, finalSnapshotIdentifier, 3);
    }
  }

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

    /** The directory sets are written to: export.dir, or with only s3Uri a staging directory; null when neither. */
    public String effectiveDir() {
      return dir != null ? dir : s3Uri != null ? UPLOAD_STAGING_DIR : null;
    }

    public ExportSettings {
      encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
      // in the order given: the dumps follow it
      tables = tables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }
  }

  /** The scrub scripts and their checks. */
  /** @param encryptTo default: the export's keys, so scrubbed dumps are never less protected */
  public record SanitizeSettings(
      List<String> scripts, String checks, List<String> databases, String dir, Integer keep, List<String> encryptTo,
      String s3Uri) {

    public SanitizeSettings {
      encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
    }


    public boolean configured() {
      return !scripts.isEmpty();
    }
  }

  /**
   * The scratch server {@code verify} loads dumps into (§13), logged into like the clone.
   *
   * @param required {@code promote} refuses clones not verified
   */
  public record VerifySettings(String host, Integer port, String user, String passwordEnv, String passwordFile,
      String sslCa, boolean required) {

    public boolean configured() {
      return host != null;
    }

    /** The same shape as the clone's connection settings, so one builder makes both connections. */
    public ExportSettings asConnection() {
      return new ExportSettings(List.of(), null, user, passwordEnv, passwordFile, null, host, port, sslCa, null, null,
          Map.of(), false, null, List.of(), null, null, null, false, 1);
    }
  }

  /**
   * What {@code carry} copies from the promoted clone into the new one (§13).
   *
   * @param tables database to its tables, in the order given
   * @param floor the AUTO_INCREMENT value from which rows are staging-made; null carries all rows
   */
  public record CarrySettings(Map<String, List<String>> tables, String fromHost, Integer fromPort, Long floor) {
    public CarrySettings {
      tables = tables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public boolean configured() {
      return !tables.isEmpty() || floor != null;
    }
  }

  /** Parses and validates every present key. */
  public static EchoConfig from(RawConfig raw) {
    Reader r = new Reader(raw);
    r.rejectUnknownKeys();
    String name = r.string(ConfigKeys.NAME);
    if (name != null) {
      checkName(name, raw);
    }
    String snapshotType = r.oneOf(ConfigKeys.SNAPSHOT_TYPE, "any", "any", "automated", "manual", "fresh",
        "pointInTime", "shared");
    SnapshotType type = snapshotType.equals("pointintime") ? SnapshotType.POINT_IN_TIME
        : SnapshotType.valueOf(snapshotType.toUpperCase(Locale.ROOT));
    java.time.Instant restoreTime = r.instantOrLatest(ConfigKeys.SNAPSHOT_RESTORE_TIME);
    if (type == SnapshotType.POINT_IN_TIME && raw.get(ConfigKeys.SNAPSHOT_RESTORE_TIME).isEmpty()) {
      throw new ConfigException(ConfigKeys.SNAPSHOT_RESTORE_TIME + " is not set (looked in " + raw.searched()
          + "): with rdsecho.snapshot.type=pointInTime, set it to an ISO-8601 UTC time such as"
          + " 2026-11-21T10:13:00Z, or latest");
    }
    boolean copyOnWrite = r.oneOf(ConfigKeys.NEW_RESTORE_TYPE, "snapshot", "snapshot", "copy-on-write")
        .equals("copy-on-write");
    checkAurora(r, raw, type, copyOnWrite);
    Integer iops = r.integer(ConfigKeys.NEW_IOPS, 0, 256_000);
    Map<String, String> newTags = r.tags(ConfigKeys.NEW_TAGS);
    Map<String, String> promoteTags = r.tags(ConfigKeys.PROMOTE_TAGS);
    checkTagBudget(newTags, promoteTags);
    String cname = r.string(ConfigKeys.PROMOTE_CNAME);
    Integer ttl = r.integer(ConfigKeys.PROMOTE_TTL, 0, 2_147_483_647);
    String compression = r.oneOf(ConfigKeys.EXPORT_COMPRESSION, "gzip", "gzip", "zstd", "none");
    List<String> exportDatabases = r.list(ConfigKeys.EXPORT_DATABASES);
    List<String> sanitizeDatabases = r.list(ConfigKeys.SANITIZE_DATABASES);
    String logDir = r.string(ConfigKeys.LOG_DIR);
    return new EchoConfig(
        name,
        r.bool(ConfigKeys.INTERACTIVE, true),
        r.string(ConfigKeys.REGION),
        new SnapshotSettings(
            r.string(ConfigKeys.SNAPSHOT_SOURCE),
            type,
            r.string(ConfigKeys.SNAPSHOT_IDENTIFIER),
            r.duration(ConfigKeys.SNAPSHOT_MAX_AGE, Duration.ofHours(20)),
            Optional.ofNullable(r.integer(ConfigKeys.SNAPSHOT_KEEP, 1, 1000)).orElse(2),
            restoreTime,
            copyKey(r),
            r.string(ConfigKeys.SNAPSHOT_CLUSTER),
            copyOnWrite),
        new RestoreSettings(
            r.string(ConfigKeys.NEW_ENGINE),
            r.string(ConfigKeys.NEW_LICENSE_MODEL),
            r.string(ConfigKeys.NEW_INSTANCE_CLASS),
            r.boolOrNull(ConfigKeys.NEW_MULTI_AZ),
            r.string(ConfigKeys.NEW_STORAGE_TYPE),
            iops == null || iops == 0 ? null : iops,
            r.integer(ConfigKeys.NEW_PORT, 1150, 65535),
            r.string(ConfigKeys.NEW_OPTION_GROUP),
            r.boolOrNull(ConfigKeys.NEW_AUTO_MINOR),
            newTags,
            r.string(ConfigKeys.NEW_SUBNET_GROUP),
            r.list(ConfigKeys.NEW_VPC_SECURITY_GROUPS),
            r.string(ConfigKeys.NEW_PARAMETER_GROUP),
            r.string(ConfigKeys.NEW_AVAILABILITY_ZONE),
            r.boolOrNull(ConfigKeys.NEW_PUBLICLY_ACCESSIBLE),
            r.string(ConfigKeys.NEW_CLUSTER_PARAMETER_GROUP)),
        r.bool(ConfigKeys.NEW_REPLACE_UNPROMOTED, false),
        new ModifySettings(
            r.string(ConfigKeys.MOD_PARAMETER_GROUP),
            r.list(ConfigKeys.MOD_DB_SECURITY_GROUPS),
            r.integer(ConfigKeys.MOD_BACKUP_RETENTION, 0, 35),
            r.bool(ConfigKeys.MOD_APPLY_IMMEDIATELY, true),
            r.list(ConfigKeys.MOD_VPC_SECURITY_GROUPS),
            r.string(ConfigKeys.MOD_PASSWORD_ENV),
            r.string(ConfigKeys.MOD_CLUSTER_PARAMETER_GROUP)),
        new PromoteSettings(
            cname == null ? null : DnsNames.absolute(cname),
            ttl == null ? 300 : ttl,
            promoteTags,
            r.string(ConfigKeys.PROMOTE_ZONE),
            r.bool(ConfigKeys.PROMOTE_REQUIRE_CONFIRMATION, false),
            r.duration(ConfigKeys.PROMOTE_REMIND_EVERY, PromoteSettings.DEFAULT_REMIND_EVERY)),
        new RetireSettings(
            r.bool(ConfigKeys.RETIRE_SKIP_FINAL_SNAPSHOT, false),
            r.string(ConfigKeys.RETIRE_FINAL_SNAPSHOT),
            "all".equalsIgnoreCase(r.string(ConfigKeys.RETIRE_KEEP_FINAL_SNAPSHOTS)) ? null
                : Optional.ofNullable(r.integerOr(ConfigKeys.RETIRE_KEEP_FINAL_SNAPSHOTS, 0, 10_000,
                    "a whole number from 0 to 10000, or all")).orElse(3),
            r.duration(ConfigKeys.RETIRE_AFTER, Duration.ZERO),
            r.bool(ConfigKeys.RETIRE_WHEN_IDLE, false)),
        new ExportSettings(
            exportDatabases,
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
            r.bool(ConfigKeys.EXPORT_S3_ONLY, r.string(ConfigKeys.EXPORT_S3_URI) != null
                && r.string(ConfigKeys.EXPORT_DIR) == null),
            "auto".equalsIgnoreCase(r.string(ConfigKeys.EXPORT_STREAMS)) ? null
                : r.integerOr(ConfigKeys.EXPORT_STREAMS, 1, 64, "a whole number from 1 to 64, or auto")),
        new SanitizeSettings(
            r.list(ConfigKeys.SANITIZE_SCRIPTS),
            r.string(ConfigKeys.SANITIZE_CHECKS),
            sanitizeDatabases.isEmpty() ? exportDatabases : sanitizeDatabases,
            r.string(ConfigKeys.SANITIZE_DIR),
            Optional.ofNullable(r.integer(ConfigKeys.SANITIZE_KEEP, 1, 10_000))
                .orElse(r.integer(ConfigKeys.EXPORT_KEEP, 1, 10_000)),
            r.list(ConfigKeys.SANITIZE_ENCRYPT_TO).isEmpty() ? r.list(ConfigKeys.EXPORT_ENCRYPT_TO)
                : r.list(ConfigKeys.SANITIZE_ENCRYPT_TO),
            r.string(ConfigKeys.SANITIZE_S3_URI)),
        logDir == null ? null : Path.of(logDir),
        new VerifySettings(
            r.string(ConfigKeys.VERIFY_HOST),
            r.integer(ConfigKeys.VERIFY_PORT, 1, 65535),
            r.string(ConfigKeys.VERIFY_USER),
            r.string(ConfigKeys.VERIFY_PASSWORD_ENV),
            r.string(ConfigKeys.VERIFY_PASSWORD_FILE),
            r.string(ConfigKeys.VERIFY_SSL_CA),
            r.bool(ConfigKeys.VERIFY_REQUIRED, false)),
        new CarrySettings(
            r.tables(ConfigKeys.CARRY_TABLES),
            r.string(ConfigKeys.CARRY_FROM_HOST),
            r.integer(ConfigKeys.CARRY_FROM_PORT, 1, 65535),
            r.longValue(ConfigKeys.CARRY_FLOOR, 1L, Long.MAX_VALUE / 2)),
        raw);
  }

  /**
   * The key a snapshot is copied with before it is restored. RDS restores an instance with its
   * snapshot's encryption and takes no key in the restore itself, so new.kmsKeyId and
   * new.storageEncrypted=true are honoured by restoring a copy made with that key (the account's
   * default RDS key for storageEncrypted alone); snapshot.copyKmsKeyId wins when set.
   */
  private static String copyKey(Reader r) {
    String copy = r.string(ConfigKeys.SNAPSHOT_COPY_KMS_KEY);
    if (copy != null) {
      return copy;
    }
    String key = r.string(ConfigKeys.NEW_KMS_KEY_ID);
    if (key != null) {
      return key;
    }
    return Boolean.TRUE.equals(r.boolOrNull(ConfigKeys.NEW_STORAGE_ENCRYPTED)) ? "alias/aws/rds" : null;
  }

  /**
   * An Aurora source (§12) excludes an instance source, and settings that only instances have are
   * errors rather than silently ignored: the operator would otherwise believe them applied.
   */
  private static void checkAurora(Reader r, RawConfig raw, SnapshotType type, boolean copyOnWrite) {
    boolean aurora = r.string(ConfigKeys.SNAPSHOT_CLUSTER) != null;
    if (!aurora) {
      for (String key : List.of(ConfigKeys.NEW_RESTORE_TYPE, ConfigKeys.NEW_CLUSTER_PARAMETER_GROUP,
          ConfigKeys.MOD_CLUSTER_PARAMETER_GROUP)) {
        if (r.string(key) != null && !(key.equals(ConfigKeys.NEW_RESTORE_TYPE) && !copyOnWrite)) {
          throw new ConfigException(key + " (from " + raw.originOf(key) + ") applies only to an Aurora source: set "
              + ConfigKeys.SNAPSHOT_CLUSTER + ", or remove " + key);
        }
      }
      return;
    }
    if (r.string(ConfigKeys.SNAPSHOT_SOURCE) != null) {
      throw new ConfigException("both " + ConfigKeys.SNAPSHOT_SOURCE + " and " + ConfigKeys.SNAPSHOT_CLUSTER
          + " are set (from " + raw.originOf(ConfigKeys.SNAPSHOT_SOURCE) + "): the source is one instance or one"
          + " Aurora cluster; remove one of them");
    }
    for (String key : List.of(ConfigKeys.NEW_MULTI_AZ, ConfigKeys.NEW_LICENSE_MODEL, ConfigKeys.NEW_IOPS,
        ConfigKeys.NEW_OPTION_GROUP, ConfigKeys.MOD_DB_SECURITY_GROUPS)) {
      String value = r.string(key);
      boolean harmless = value == null || (key.equals(ConfigKeys.NEW_MULTI_AZ) && value.equalsIgnoreCase("false"))
          || (key.equals(ConfigKeys.NEW_IOPS) && value.equals("0"));
      if (!harmless) {
        throw new ConfigException(key + " (from " + raw.originOf(key) + ") does not apply to an Aurora cluster ("
            + ConfigKeys.SNAPSHOT_CLUSTER + " is set): remove it");
      }
    }
    if (copyOnWrite) {
      List<String> contradicting = new java.util.ArrayList<>();
      if (type != SnapshotType.ANY) {
        contradicting.add(ConfigKeys.SNAPSHOT_TYPE);
      }
      for (String key : List.of(ConfigKeys.SNAPSHOT_IDENTIFIER, ConfigKeys.SNAPSHOT_COPY_KMS_KEY,
          ConfigKeys.SNAPSHOT_RESTORE_TIME, ConfigKeys.NEW_KMS_KEY_ID, ConfigKeys.NEW_STORAGE_ENCRYPTED)) {
        if (r.string(key) != null) {
          contradicting.add(key);
        }
      }
      if (!contradicting.isEmpty()) {
        throw new ConfigException(ConfigKeys.NEW_RESTORE_TYPE + "=copy-on-write clones the live source cluster, so "
            + String.join(", ", contradicting) + " cannot apply: remove " + (contradicting.size() == 1 ? "it" : "them")
            + ", or use " + ConfigKeys.NEW_RESTORE_TYPE + "=snapshot");
      }
    }
  }

  /** AWS's limit of tags on one RDS resource. */
  public static final int AWS_TAGS_PER_RESOURCE = 50;
  /** The most tags of its own rds-echo keeps on a clone at once (docs/stages.md lists them, §15). */
  public static final int MAX_BOOKKEEPING_TAGS = 10;

  /**
   * §15 "Tags fit": a clone carries new.tags from birth and promote.tags from its promotion, plus
   * rds-echo's bookkeeping; more than AWS allows would fail half way through a promotion, after
   * the CNAME moved. Refused here, before any command writes anything.
   */
  private static void checkTagBudget(Map<String, String> newTags, Map<String, String> promoteTags) {
    java.util.Set<String> keys = new java.util.HashSet<>(newTags.keySet());
    keys.addAll(promoteTags.keySet());
    int room = AWS_TAGS_PER_RESOURCE - MAX_BOOKKEEPING_TAGS;
    if (keys.size() > room) {
      throw new ConfigException(ConfigKeys.NEW_TAGS + " (" + newTags.size() + " tags) and " + ConfigKeys.PROMOTE_TAGS
          + " (" + promoteTags.size() + ") give a clone " + keys.size() + " tags of yours; with rds-echo's "
          + MAX_BOOKKEEPING_TAGS + " own that is more than the " + AWS_TAGS_PER_RESOURCE + " AWS allows on one"
          + " resource: keep at most " + room + " between them (a key in both counts once)");
    }
  }

  private static String s3Sse(Reader r) {
    String sse = r.string(ConfigKeys.EXPORT_S3_SSE);
    if (sse == null) {
      return r.string(ConfigKeys.EXPORT_S3_KMS_KEY) == null ? null : "aws:kms";
    }
    if (!sse.equals("AES256") && !sse.equals("aws:kms")) {
      throw new ConfigException(ConfigKeys.EXPORT_S3_SSE + "=" + sse + " is not valid: expected AES256 or aws:kms");
    }
    return sse;
  }

  private static void checkName(String name, RawConfig raw) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          ConfigKeys.NAME
              + "='"
              + name
              + "' (from "
              + raw.originOf(ConfigKeys.NAME)
              + ") is not a valid name: use lowercase letters, digits and single hyphens, starting"
              + " with a letter and not ending with a hyphen, at most "
              + MAX_NAME
              + " characters (it prefixes RDS instance identifiers), e.g. 'development'");
    }
  }

  /** The echo name; every command that touches AWS needs it. */
  public String requireName() {
    if (name == null) {
      throw missing(
          ConfigKeys.NAME, "a short name for this echo, e.g. 'development' (it prefixes instance ids)");
    }
    return name;
  }

  public void requireSnapshotSource() {
    if (snapshot.aurora() && restore.dbInstanceClass() == null) {
      throw missing(ConfigKeys.NEW_INSTANCE_CLASS, "the class of the Aurora clone's writer instance, e.g."
          + " db.r6g.large (" + ConfigKeys.SNAPSHOT_CLUSTER + " is set)");
    }
    if (snapshot.source() == null && snapshot.identifier() == null) {
      throw missing(
          ConfigKeys.SNAPSHOT_SOURCE,
          "the production instance whose snapshots to restore (or set "
              + ConfigKeys.SNAPSHOT_IDENTIFIER
              + " to restore one exact snapshot)");
    }
  }

  /**
   * §15: a pipeline with no CNAME, no export and no sanitize restores a clone and deletes it,
   * keeping nothing and recording nothing of what it restored, night after night. The commands
   * that start the pipeline (new, advance) refuse it.
   */
  public void requirePurpose() {
    if (promote.cname() == null && export.effectiveDir() == null && !sanitize.configured()) {
      throw new ConfigException("this configuration gives a clone nothing to do (looked in " + raw.searched() + "):"
          + " with none of " + ConfigKeys.PROMOTE_CNAME + ", " + ConfigKeys.EXPORT_DIR + " (or "
          + ConfigKeys.EXPORT_S3_URI + ") and " + ConfigKeys.SANITIZE_SCRIPTS + " set, each clone would be restored,"
          + " then deleted, keeping nothing; set at least one of them");
    }
  }

  public String requireCname() {
    if (promote.cname() == null) {
      throw missing(ConfigKeys.PROMOTE_CNAME, "the DNS name to point at the clone, e.g. dev-db.example.com.");
    }
    return promote.cname();
  }

  public ConfigException missing(String key, String what) {
    return new ConfigException(
        key + " is not set (looked in " + raw.searched() + "): set it to " + what);
  }

  /** A value as messages may quote it: the values of keys about passwords never appear. */
  public static String masked(String key, String value) {
    return key.toLowerCase(Locale.ROOT).contains("password") ? "****" : value;
  }

  /** Typed accessors that name the key, its value and its origin when a value is malformed. */
  private static final class Reader {
    private final RawConfig raw;

    Reader(RawConfig raw) {
      this.raw = raw;
    }

    void rejectUnknownKeys() {
      for (String key : raw.values().keySet().stream().sorted().toList()) {
        if (key.startsWith(ConfigKeys.PREFIX) && !ConfigKeys.ALL.contains(key)) {
          throw new ConfigException(
              "unknown configuration key "
                  + key
                  + " (from "
                  + raw.originOf(key)
                  + "): did you mean "
                  + ConfigKeys.closest(key).orElse("?")
                  + "? See rdsecho.properties.sample for every key");
        }
      }
    }

    String string(String key) {
      return raw.get(key).orElse(null);
    }

    private ConfigException malformed(String key, String value, String expected) {
      return new ConfigException(
          key + "='" + masked(key, value) + "' (from " + raw.originOf(key) + ") is not valid: expected " + expected);
    }

    boolean bool(String key, boolean fallback) {
      Boolean value = boolOrNull(key);
      return value == null ? fallback : value;
    }

    Boolean boolOrNull(String key) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty()) {
        return null;
      }
      return switch (value.get().toLowerCase(Locale.ROOT)) {
        case "true", "yes" -> true;
        case "false", "no" -> false;
        default -> throw malformed(key, value.get(), "true or false");
      };
    }

    Integer integerOr(String key, int min, int max, String expected) {
      try {
        return integer(key, min, max);
      } catch (ConfigException e) {
        throw malformed(key, raw.get(key).orElse(""), expected);
      }
    }

    Integer integer(String key, int min, int max) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty()) {
        return null;
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed < min || parsed > max) {
          throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
      }
    }

    Long longValue(String key, long min, long max) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty()) {
        return null;
      }
      try {
        long parsed = Long.parseLong(value.get().replace("_", ""));
        if (parsed < min || parsed > max) {
          throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw malformed(key, value.get(), "a whole number from " + min + " to " + max);
      }
    }

    String oneOf(String key, String fallback, String... allowed) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty()) {
        return fallback;
      }
      return Arrays.stream(allowed).filter(a -> a.equalsIgnoreCase(value.get())).findFirst()
          .map(a -> a.toLowerCase(Locale.ROOT))
          .orElseThrow(() -> malformed(key, value.get(), "one of " + String.join(", ", allowed)));
    }

    List<String> list(String key) {
      return raw.get(key)
          .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
          .orElse(List.of());
    }

    /** An ISO-8601 UTC instant, or null for {@code latest} (and when absent). */
    java.time.Instant instantOrLatest(String key) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty() || value.get().equalsIgnoreCase("latest")) {
        return null;
      }
      try {
        return java.time.Instant.parse(value.get());
      } catch (java.time.format.DateTimeParseException e) {
        throw malformed(key, value.get(), "an ISO-8601 UTC time such as 2026-11-21T10:13:00Z, or latest");
      }
    }

    /** {@code 90s}, {@code 45m}, {@code 20h}, {@code 2d} (a whole number and a unit). */
    Duration duration(String key, Duration fallback) {
      Optional<String> value = raw.get(key);
      if (value.isEmpty()) {
        return fallback;
      }
      if (value.get().trim().equals("0")) {
        return Duration.ZERO; // "none" needs no unit (rdsecho.retire.after=0, as the contract writes it)
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(value.get().trim());
      if (!m.matches()) {
        throw malformed(key, value.get(), "a duration such as 90s, 45m, 20h or 2d (or 0)");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }

    /** {@code db.table,db.table}: the tables of each database, in the order given. */
    Map<String, List<String>> tables(String key) {
      Map<String, List<String>> tables = new LinkedHashMap<>();
      for (String entry : list(key)) {
        int dot = entry.indexOf('.');
        if (dot <= 0 || dot == entry.length() - 1) {
          throw malformed(key, raw.get(key).orElse(""), "comma-separated database.table names, e.g."
              + " billing.invoices,billing.payments");
        }
        tables.computeIfAbsent(entry.substring(0, dot), d -> new java.util.ArrayList<>()).add(entry.substring(dot + 1));
      }
      Map<String, List<String>> copy = new LinkedHashMap<>();
      tables.forEach((d, t) -> copy.put(d, List.copyOf(t)));
      return copy;
    }

    /** {@code key=value,key=value}, the 0.1.x format. */
    Map<String, String> tags(String key) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (String pair : list(key)) {
        int eq = pair.indexOf('=');
        String tagKey = eq < 0 ? pair : pair.substring(0, eq).trim();
        String tagValue = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (eq <= 0 || tagKey.length() > 128 || tagValue.length() > 256) {
          throw malformed(
              key, raw.get(key).orElse(""), "comma-separated key=value pairs (keys up to 128"
                  + " characters, values up to 256), e.g. team=qa,env=dev");
        }
        if (tagKey.startsWith("aws:") || tagKey.startsWith("rdsecho:")) {
          throw malformed(
              key, raw.get(key).orElse(""), "tag keys that do not start with 'aws:' or 'rdsecho:'"
                  + " (those prefixes are reserved)");
        }
        tags.put(tagKey, tagValue);
      }
      return Map.copyOf(tags);
    }
  }
}

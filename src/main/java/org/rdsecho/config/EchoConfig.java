package org.rdsecho.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated configuration, read once at start-up. Every present key is type-checked before any
 * AWS call, each section ({@link SnapshotSettings}, {@link ExportSettings}, ...) reading and
 * checking its own keys; keys only some commands need are checked by {@code require*} methods that
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

  /**
   * Parses and validates every present key. The reads run in the order below because that is the
   * order in which errors are reported when several keys are wrong: keep it.
   */
  public static EchoConfig from(RawConfig raw) {
    ConfigReader r = new ConfigReader(raw);
    r.rejectUnknownKeys();
    String name = r.string(ConfigKeys.NAME);
    if (name != null) {
      checkName(name, raw);
    }
    SnapshotType type = SnapshotType.read(r);
    java.time.Instant restoreTime = SnapshotSettings.restoreTime(r, type);
    boolean copyOnWrite = SnapshotSettings.copyOnWrite(r);
    AuroraKeys.check(r, type, copyOnWrite);
    Integer iops = RestoreSettings.iops(r);
    Map<String, String> newTags = r.tags(ConfigKeys.NEW_TAGS);
    Map<String, String> promoteTags = r.tags(ConfigKeys.PROMOTE_TAGS);
    TagBudget.check(newTags, promoteTags);
    Integer ttl = PromoteSettings.ttl(r);
    String compression = ExportSettings.compression(r);
    String logDir = r.string(ConfigKeys.LOG_DIR);
    return new EchoConfig(
        name,
        r.bool(ConfigKeys.INTERACTIVE, true),
        r.string(ConfigKeys.REGION),
        SnapshotSettings.read(r, type, restoreTime, copyOnWrite),
        RestoreSettings.read(r, iops, newTags),
        r.bool(ConfigKeys.NEW_REPLACE_UNPROMOTED, false),
        ModifySettings.read(r),
        PromoteSettings.read(r, ttl, promoteTags),
        RetireSettings.read(r),
        ExportSettings.read(r, compression),
        SanitizeSettings.read(r),
        logDir == null ? null : Path.of(logDir),
        VerifySettings.read(r),
        CarrySettings.read(r),
        raw);
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
          ConfigKeys.NAME,
          "a short name for this echo, e.g. 'development' (it prefixes instance ids)");
    }
    return name;
  }

  public void requireSnapshotSource() {
    if (snapshot.aurora() && restore.dbInstanceClass() == null) {
      throw missing(
          ConfigKeys.NEW_INSTANCE_CLASS,
          "the class of the Aurora clone's writer instance, e.g."
              + " db.r6g.large ("
              + ConfigKeys.SNAPSHOT_CLUSTER
              + " is set)");
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
   * keeping nothing and recording nothing of what it restored, night after night. The commands that
   * start the pipeline (new, advance) refuse it.
   */
  public void requirePurpose() {
    if (promote.cname() == null && export.effectiveDir() == null && !sanitize.configured()) {
      throw new ConfigException(
          "this configuration gives a clone nothing to do (looked in "
              + raw.searched()
              + "):"
              + " with none of "
              + ConfigKeys.PROMOTE_CNAME
              + ", "
              + ConfigKeys.EXPORT_DIR
              + " (or "
              + ConfigKeys.EXPORT_S3_URI
              + ") and "
              + ConfigKeys.SANITIZE_SCRIPTS
              + " set, each clone would be restored,"
              + " then deleted, keeping nothing; set at least one of them");
    }
  }

  public String requireCname() {
    if (promote.cname() == null) {
      throw missing(
          ConfigKeys.PROMOTE_CNAME, "the DNS name to point at the clone, e.g. dev-db.example.com.");
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
}

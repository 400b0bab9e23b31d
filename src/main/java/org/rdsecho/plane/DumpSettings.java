package org.rdsecho.plane;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.rdsecho.aws.S3Location;
import org.rdsecho.aws.S3Objects;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.dump.Compression;
import org.rdsecho.dump.ConnectionSpec;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.PgpEncryption;
import org.rdsecho.dump.Placeholders;
import org.rdsecho.dump.TableStreams;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpRequest;
import org.rdsecho.stage.DumpSelection;
import org.rdsecho.stage.EchoInstance;

/**
 * One run's dump set of a clone as the configuration says: where it goes (placeholders filled in
 * once, so the observation and the writes see the same directory and prefix), the engine's tools,
 * the connection, compression, keys and streams. Read once per run; a bad key file, password or S3
 * URI is an error here, before anything is observed.
 */
public final class DumpSettings {
  final PlaneContext ctx;
  final EchoInstance instance;
  final DumpKind kind;
  final Instant startedAt;
  final MysqlTools tools;
  final ConnectionSpec connection;
  final Compression compression;
  final PgpEncryption encryption;

  /** Where the set is uploaded (§14); null without s3Uri. */
  final S3Location s3;

  /**
   * The set's directory; null when this kind has none configured (carry asks for the databases
   * only).
   */
  final Path dir;

  final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final int streams;

  private DumpSettings(PlaneContext ctx, EchoInstance instance, DumpKind kind) {
    this.ctx = ctx;
    this.instance = instance;
    this.kind = kind;
    this.startedAt = ctx.now();
    EchoConfig config = ctx.config();
    this.tools = MysqlTools.find(ctx.variables().get("PATH"));
    this.connection = Connections.to(instance, config.export(), ctx);
    this.compression = Compression.of(config.export().compression());
    this.encryption = encryption(ctx, kind);
    String s3Template = raw() ? config.export().s3Uri() : config.sanitize().s3Uri();
    this.s3 =
        s3Template == null
            ? null
            : S3Location.parse(
                Placeholders.expand(s3Template, ctx.name(), instance.id(), startedAt), s3Key());
    Integer configured = config.export().streams();
    this.streams = configured == null ? TableStreams.auto(threads) : configured;
    String template = raw() ? config.export().effectiveDir() : config.sanitize().dir();
    this.dir =
        template == null
            ? null
            : ctx.workDir()
                .resolve(Placeholders.expand(template, ctx.name(), instance.id(), startedAt));
  }

  /**
   * @param kind {@link DumpKind#RAW} (export) or {@link DumpKind#SANITIZED} (sanitize)
   */
  public static DumpSettings of(PlaneContext ctx, EchoInstance instance, DumpKind kind) {
    return new DumpSettings(ctx, instance, kind);
  }

  /** What the configuration asks of this set, for the planner. */
  public DumpRequest request() {
    var export = ctx.config().export();
    var sanitize = ctx.config().sanitize();
    // with export.tables, the databases follow the tables listed
    List<String> databases =
        !raw()
            ? sanitize.databases()
            : export.tables().isEmpty()
                ? export.databases()
                : List.copyOf(export.tables().keySet());
    DumpSelection selection =
        raw()
            ? new DumpSelection(export.tables(), export.dataOnly(), export.where())
            : DumpSelection.WHOLE;
    return new DumpRequest(
        ctx.name(),
        kind,
        instance.id(),
        databases,
        tools.systemDatabases(),
        selection,
        streams,
        compression.extension() + (encryption == null ? "" : PgpEncryption.EXTENSION),
        raw() ? export.keep() : sanitize.keep());
  }

  boolean raw() {
    return kind == DumpKind.RAW;
  }

  /** The key that names the directory, for refusals (§16). */
  String dirKey() {
    return !raw()
        ? ConfigKeys.SANITIZE_DIR
        : ctx.config().export().dir() != null ? ConfigKeys.EXPORT_DIR : ConfigKeys.EXPORT_S3_URI;
  }

  String s3Key() {
    return raw() ? ConfigKeys.EXPORT_S3_URI : ConfigKeys.SANITIZE_S3_URI;
  }

  S3Objects.Sse sse() {
    return new S3Objects.Sse(ctx.config().export().s3Sse(), ctx.config().export().s3KmsKeyId());
  }

  /** What this run's objects are marked as (x-amz-meta-rdsecho-set): echo, kind and clone. */
  String owner() {
    return ctx.name() + "/" + kind.wireName() + "/" + instance.id();
  }

  /**
   * The operator's part of this kind's directory template (before any placeholder): followed as the
   * OS resolves it. Every directory below it is rds-echo's, never a link (§16).
   */
  Path root() {
    String template = raw() ? ctx.config().export().effectiveDir() : ctx.config().sanitize().dir();
    return template == null ? null : ctx.workDir().resolve(Placeholders.fixedRoot(template));
  }

  /**
   * Reads the key files of the dumps this configuration makes (§16), so a revoked, expired or
   * sign-only key, or a file that is not a key, is a configuration error (2) before the command's
   * first write (new checks them before it restores a clone that could then not be exported).
   */
  public static void checkKeys(PlaneContext ctx) {
    if (ctx.config().export().effectiveDir() != null) {
      encryption(ctx, DumpKind.RAW);
    }
    if (ctx.config().sanitize().configured()) {
      encryption(ctx, DumpKind.SANITIZED);
    }
  }

  /**
   * The keys of export.encryptTo (raw sets) or sanitize.encryptTo (scrubbed ones), read now; null
   * for none.
   */
  private static PgpEncryption encryption(PlaneContext ctx, DumpKind kind) {
    boolean raw = kind == DumpKind.RAW;
    List<String> files =
        raw ? ctx.config().export().encryptTo() : ctx.config().sanitize().encryptTo();
    if (files.isEmpty()) {
      return null;
    }
    String key = raw ? ConfigKeys.EXPORT_ENCRYPT_TO : ConfigKeys.SANITIZE_ENCRYPT_TO;
    return PgpEncryption.toKeys(
        files.stream().map(f -> ctx.workDir().resolve(f)).toList(), key, ctx.now());
  }
}

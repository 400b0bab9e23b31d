package org.rdsecho.plane;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.aws.S3Location;
import org.rdsecho.aws.S3Objects;
import org.rdsecho.aws.S3StreamingUploads;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.dump.Compression;
import org.rdsecho.dump.DumpSetWriter;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.dump.DumpedFile;
import org.rdsecho.dump.Dumper;
import org.rdsecho.dump.ExportPlan;
import org.rdsecho.dump.Exporter;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.dump.ManifestJson;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.PgpEncryption;
import org.rdsecho.dump.Placeholders;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.dump.SqlStatements;
import org.rdsecho.dump.TableStreams;
import org.rdsecho.files.SafeDir;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.DumpSelection;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * The data plane of one clone for one run: observes what a decision needs (its databases, the
 * dump sets on disk) and applies the data-plane actions of the decision (scripts, checks, dumps,
 * manifest, removal of older sets), holding the dump directory's lock while it writes there.
 */
public final class DataPlane implements DataActions, DataAction.Visitor<Void> {
  private final PlaneContext ctx;
  private final EchoInstance instance;
  private final String kind;
  private final SqlClient sql;
  private final Exporter exporter;
  private final Compression compression;
  private final PgpEncryption encryption;
  /** Where this set is uploaded (§14), placeholders filled in; null without s3Uri. */
  private final S3Location s3;
  /** How many dump processes may share a database's tables (rdsecho.export.streams). */
  private final int streams;
  private DumpSetWriter writer;
  private List<DumpedFile> written = List.of();
  private String writtenTo;

  /** @param kind {@code raw} (export) or {@code sanitized} (sanitize) */
  public DataPlane(PlaneContext ctx, EchoInstance instance, String kind) {
    this.ctx = ctx;
    this.instance = instance;
    this.kind = kind;
    EchoConfig config = ctx.config();
    MysqlTools tools = MysqlTools.find(ctx.variables().get("PATH"));
    var connection = Connections.to(instance, config.export(), ctx);
    this.sql = new SqlClient(tools, connection);
    this.compression = Compression.of(config.export().compression());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.encryption = encryption(ctx, kind);
    String s3Template = DumpPlanner.RAW.equals(kind) ? config.export().s3Uri() : config.sanitize().s3Uri();
    this.s3 = s3Template == null ? null : S3Location.parse(Placeholders.expand(s3Template, ctx.name(), instance.id(),
        ctx.now()), DumpPlanner.RAW.equals(kind) ? ConfigKeys.EXPORT_S3_URI
        : ConfigKeys.SANITIZE_S3_URI);
    Integer configured = config.export().streams();
    this.streams = configured == null ? TableStreams.auto(threads) : configured;
    Dumper dumper = new Dumper(tools, connection, compression, threads, encryption);
    if (s3 != null) {
      // each dump streams to S3 while it is written; the UploadFile action then finds it there
      dumper.uploadingTo(new S3StreamingUploads(ctx.s3(), s3, new S3Objects.Sse(
          config.export().s3Sse(), config.export().s3KmsKeyId()), owner(), to -> beforeUploading(to, null)));
    }
    this.exporter = new Exporter(sql, dumper,
        ctx.clock(),
        line -> ctx.progress().accept(line));
  }

  public List<String> databases(List<String> configured) {
    return exporter.databases(configured);
  }

  /** The writes of a dump set of {@code databases} into the expanded {@code dirTemplate}. */
  public List<Action> planDumps(String dirTemplate, Integer keep, List<String> databases) {
    return planDumps(dirTemplate, keep, databases, DumpSelection.WHOLE);
  }

  /** As above, dumping only what {@code selection} selects (a table export for recovering rows). */
  public List<Action> planDumps(String dirTemplate, Integer keep, List<String> databases, DumpSelection selection) {
    Path dir = directory(dirTemplate);
    checkApart(dir);
    Map<String, String> files = new LinkedHashMap<>();
    databases.forEach(d -> files.put(d, DumpSetWriter.fileName(d, compression, encryption != null)));
    List<Action> actions = new ArrayList<>(DumpPlanner.actions(files, selection, streams, dir.toString(), kind,
        DumpSets.siblings(dir, root(), ctx.name(), kind), keep));
    if (s3 != null) {
      // §14: after the local set is complete, its files and sidecars, then the manifest last
      List<Action> uploads = new ArrayList<>();
      files.values().forEach(f -> {
        uploads.add(new DataAction.UploadFile(dir.toString(), f, s3.resolve(f).toString()));
        uploads.add(new DataAction.UploadFile(dir.toString(), f + ".sha256", s3.resolve(f + ".sha256").toString()));
      });
      uploads.add(new DataAction.UploadFile(dir.toString(), Exporter.MANIFEST, s3.resolve(Exporter.MANIFEST).toString()));
      if (ctx.config().export().s3Only()) {
        List<String> local = new ArrayList<>();
        files.values().forEach(f -> {
          local.add(f);
          local.add(f + ".sha256");
        });
        uploads.add(new DataAction.RemoveUploadedFiles(dir.toString(), local));
      }
      int manifest = indexOfManifest(actions);
      actions.addAll(manifest + 1, uploads);
      if (keep != null) {
        actions.addAll(olderS3Sets(keep));
      }
    }
    return actions;
  }

  /**
   * §16: the destination (the directory, and the S3 prefix) is observed before anything is
   * written or uploaded; another echo's, clone's or kind's complete set there is refused (4).
   */
  private void checkApart(Path dir) {
    boolean raw = DumpPlanner.RAW.equals(kind);
    List<DumpPlanner.Occupant> found = new ArrayList<>();
    DumpSets.manifestBytes(dir).ifPresent(bytes -> found.add(occupant(dir.toString(), bytes)));
    String dirKey = raw ? (ctx.config().export().dir() != null ? ConfigKeys.EXPORT_DIR : ConfigKeys.EXPORT_S3_URI)
        : ConfigKeys.SANITIZE_DIR;
    DumpPlanner.checkApart(found, ctx.name(), kind, instance.id(), dirKey);
    if (s3 != null) {
      List<DumpPlanner.Occupant> there = new ArrayList<>();
      ctx.s3().read(s3.resolve(Exporter.MANIFEST)).ifPresent(bytes -> there.add(occupant(s3.toString(), bytes)));
      DumpPlanner.checkApart(there, ctx.name(), kind, instance.id(), raw ? ConfigKeys.EXPORT_S3_URI
          : ConfigKeys.SANITIZE_S3_URI);
    }
  }

  /**
   * §16 at write time (attack F2): the directory checked again under its lock, just before the
   * first file of the set is created, so a set another run completed there since planning is
   * never overwritten.
   */
  private void checkApartUnderLock(SafeDir set) {
    List<DumpPlanner.Occupant> found = new ArrayList<>();
    set.readIfOwn(Exporter.MANIFEST, 4 << 20).ifPresent(bytes -> found.add(occupant(set.path().toString(), bytes)));
    boolean raw = DumpPlanner.RAW.equals(kind);
    DumpPlanner.checkApart(found, ctx.name(), kind, instance.id(), raw ? (ctx.config().export().dir() != null
        ? ConfigKeys.EXPORT_DIR : ConfigKeys.EXPORT_S3_URI) : ConfigKeys.SANITIZE_DIR);
  }

  /** What this run's objects are marked as (x-amz-meta-rdsecho-set): echo, kind and clone. */
  private String owner() {
    return ctx.name() + "/" + kind + "/" + instance.id();
  }

  /**
   * §16 at write time (attack F2), before anything is sent to {@code to}: the prefix holds no other
   * set's manifest (read again now: another run may have completed its set since planning), and
   * no object of that name from another set (another run still uploading its set there), so
   * nothing of theirs is overwritten; their objects are left as they are.
   *
   * @param sha256 what is about to be uploaded, when known: the very same bytes already there are
   *     no overwrite (an earlier run of this clone by an rds-echo that did not mark its objects)
   */
  private void beforeUploading(S3Location to, String sha256) {
    boolean raw = DumpPlanner.RAW.equals(kind);
    String key = raw ? ConfigKeys.EXPORT_S3_URI : ConfigKeys.SANITIZE_S3_URI;
    List<DumpPlanner.Occupant> there = new ArrayList<>();
    ctx.s3().read(s3.resolve(Exporter.MANIFEST)).ifPresent(bytes -> there.add(occupant(s3.toString(), bytes)));
    DumpPlanner.checkApart(there, ctx.name(), kind, instance.id(), key);
    if (to.equals(s3.resolve(Exporter.MANIFEST))) {
      return;
    }
    var owner = ctx.s3().owner(to);
    if (owner.isEmpty() || owner.get().equals(owner())) {
      return;
    }
    if (owner.get().isEmpty() && sha256 != null && ctx.s3().sha256(to).filter(sha256::equalsIgnoreCase).isPresent()) {
      return;
    }
    throw new EchoException(Outcome.REFUSED, "refusing to upload the " + kind + " dump set of " + instance.id()
        + " to " + s3 + ": " + to + " is already there and is not this set's ("
        + (owner.get().isEmpty() ? "no rds-echo set's mark" : "it belongs to " + owner.get()) + "), perhaps another"
        + " run's set being uploaded, and is never overwritten: add {name} and {instance} to " + key
        + " (e.g. .../{name}/{date}/{instance}) so each echo's and clone's sets are kept apart"
        + (owner.get().isEmpty() ? "; if it is a leftover of this clone's own earlier run, remove it" : ""));
  }

  private static DumpPlanner.Occupant occupant(String where, byte[] manifest) {
    return ManifestJson.read(manifest).map(m -> new DumpPlanner.Occupant(where, true, m.name(), m.kind(),
        m.instance())).orElse(new DumpPlanner.Occupant(where, false, null, null, null));
  }

  private static int indexOfManifest(List<Action> actions) {
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof DataAction.WriteManifest) {
        return i;
      }
    }
    throw new IllegalStateException("a dump set has a manifest");
  }

  /** The sets of this name and kind beside the upload prefix beyond {@code keep} (the one written now counts). */
  private List<Action> olderS3Sets(int keep) {
    List<Map.Entry<String, String>> older = new ArrayList<>();
    for (S3Location set : ctx.s3().children(s3.parent())) {
      if (set.key().equals(s3.key())) {
        continue;
      }
      // a manifest not of ours (another tool's, garbled) is never removed
      ctx.s3().read(set.resolve(Exporter.MANIFEST)).flatMap(ManifestJson::read).filter(m -> m.of(ctx.name(), kind))
          .ifPresent(m -> older.add(Map.entry(set.toString(), m.finishedAt())));
    }
    older.sort(Map.Entry.<String, String>comparingByValue().reversed());
    return older.stream().skip(Math.max(0, keep - 1)).map(e -> (Action) new DataAction.RemoveS3Set(e.getKey(), keep))
        .toList();
  }

  /**
   * Reads the key files of the dumps this configuration makes (§16), so a revoked, expired or
   * sign-only key, or a file that is not a key, is a configuration error (2) before the command's
   * first write (new checks them before it restores a clone that could then not be exported).
   */
  public static void checkKeys(PlaneContext ctx) {
    if (ctx.config().export().effectiveDir() != null) {
      encryption(ctx, DumpPlanner.RAW);
    }
    if (ctx.config().sanitize().configured()) {
      encryption(ctx, DumpPlanner.SANITIZED);
    }
  }

  /** The keys of export.encryptTo (raw sets) or sanitize.encryptTo (scrubbed ones), read now; null for none. */
  private static PgpEncryption encryption(PlaneContext ctx, String kind) {
    boolean raw = DumpPlanner.RAW.equals(kind);
    List<String> files = raw ? ctx.config().export().encryptTo() : ctx.config().sanitize().encryptTo();
    if (files.isEmpty()) {
      return null;
    }
    String key = raw ? ConfigKeys.EXPORT_ENCRYPT_TO : ConfigKeys.SANITIZE_ENCRYPT_TO;
    return PgpEncryption.toKeys(files.stream().map(f -> ctx.workDir().resolve(f)).toList(), key,
        ctx.now());
  }

  private Path directory(String template) {
    return ctx.workDir().resolve(Placeholders.expand(template, ctx.name(), instance.id(), ctx.now()));
  }

  /**
   * The operator's part of this kind's directory template (before any placeholder): followed as the
   * OS resolves it. Every directory below it is rds-echo's, never a link (§16).
   */
  private Path root() {
    String template = DumpPlanner.RAW.equals(kind) ? ctx.config().export().effectiveDir()
        : ctx.config().sanitize().dir();
    return template == null ? null : ctx.workDir().resolve(Placeholders.fixedRoot(template));
  }

  /** Applies one data-plane action of the decision; an action of another plane is a bug, never skipped. */
  @Override
  public void apply(DataAction action) {
    action.accept(this);
  }

  @Override
  public Void runScript(DataAction.RunScript r) {
    runScriptOn(r);
    return null;
  }

  @Override
  public Void runChecks(DataAction.RunChecks c) {
    check(c);
    return null;
  }

  @Override
  public Void dump(DataAction.Dump d) {
    writer(d.dir()).dump(d.database(), d.tables(), d.dataOnly(), d.where(), d.streams());
    return null;
  }

  @Override
  public Void writeManifest(DataAction.WriteManifest m) {
    manifestSha256.put(m.dir() + "/" + Exporter.MANIFEST, writer(m.dir()).writeManifest());
    written = writer.files();
    writtenTo = m.dir();
    long sqlBytes = written.stream().mapToLong(DumpedFile::sqlBytes).sum();
    long bytes = written.stream().mapToLong(DumpedFile::bytes).sum();
    double seconds = written.stream().mapToDouble(DumpedFile::seconds).sum();
    ctx.progress().accept(String.format("exported %d database(s) to %s: %.1f MB of SQL -> %.1f MB in %.1fs",
        written.size(), m.dir(), sqlBytes / 1e6, bytes / 1e6, seconds));
    return null;
  }

  @Override
  public Void removeDumpSet(DataAction.RemoveDumpSet r) {
    DumpSets.remove(Path.of(r.dir()), root(), ctx.name(), kind, line -> ctx.progress().accept(line));
    return null;
  }

  @Override
  public Void uploadFile(DataAction.UploadFile u) {
    upload(u);
    return null;
  }

  @Override
  public Void removeUploadedFiles(DataAction.RemoveUploadedFiles r) {
    // through the set's handle: only files of this user's, never what a link names
    try (SafeDir set = SafeDir.open(Path.of(r.dir()), root(), false)) {
      for (String file : r.files()) {
        set.requireAbsentOrOwnFile(file);
      }
      for (String file : r.files()) {
        set.deleteOwn(file);
      }
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot remove the uploaded files from " + r.dir() + ": "
          + e.getMessage());
    }
    return null;
  }

  @Override
  public Void removeS3Set(DataAction.RemoveS3Set r) {
    removeS3Set(S3Location.parse(r.prefix(), "the upload prefix"));
    return null;
  }

  @Override
  public Void dropScratchDatabase(DataAction.DropScratchDatabase action) {
    return notThisPlane(action);
  }

  @Override
  public Void verifyDump(DataAction.VerifyDump action) {
    return notThisPlane(action);
  }

  @Override
  public Void carryRows(DataAction.CarryRows action) {
    return notThisPlane(action);
  }

  @Override
  public Void raiseCounters(DataAction.RaiseCounters action) {
    return notThisPlane(action);
  }

  private Void notThisPlane(DataAction action) {
    throw new IllegalStateException("the " + kind + " export plane does not apply: " + action.describe());
  }

  private final Map<String, String> uploaded = new LinkedHashMap<>();
  /** The manifests written in this run, by path, to their SHA-256 as written (not as read back from the share). */
  private final Map<String, String> manifestSha256 = new LinkedHashMap<>();

  @Override
  public String sha256Written(String file) {
    return manifestSha256.get(file);
  }

  private void upload(DataAction.UploadFile u) {
    Path file = Path.of(u.setDir()).resolve(u.file());
    boolean sent;
    // read through the set's handle: a file of this user's, never what a link names
    try (SafeDir set = SafeDir.open(Path.of(u.setDir()), root(), false);
        FileChannel channel = set.readOwn(u.file())) {
      // a dump written in this run was digested as it was written: reading it again costs the whole file
      String sha256 = written.stream().filter(f -> f.path().equals(file)).map(DumpedFile::sha256).findFirst()
          .orElseGet(() -> FileDigests.sha256(channel, file));
      var export = ctx.config().export();
      S3Location to = S3Location.parse(u.destination(), "the upload destination");
      beforeUploading(to, sha256);
      sent = ctx.s3().upload(channel, file, to, sha256, new S3Objects.Sse(export.s3Sse(), export.s3KmsKeyId()),
          owner());
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + file + " to upload it: " + e.getMessage());
    }
    uploaded.put(u.file(), u.destination());
    ctx.progress().accept((sent ? "uploaded " : "already uploaded: ") + u.destination());
  }

  /** The manifest goes first, so a reader never finds a manifest whose files are gone. */
  private void removeS3Set(S3Location set) {
    var bytes = ctx.s3().read(set.resolve(Exporter.MANIFEST));
    if (bytes.isEmpty()) {
      return; // removed by an earlier run
    }
    var manifest = ManifestJson.read(bytes.get());
    if (manifest.isEmpty()) {
      return; // not a manifest of ours
    }
    List<String> files = manifest.get().files();
    ctx.s3().delete(set.resolve(Exporter.MANIFEST));
    files.forEach(f -> ctx.s3().delete(set.resolve(f)));
    ctx.progress().accept("removed the older dump set " + set);
  }

  private DumpSetWriter writer(String dir) {
    if (writer == null) {
      ExportPlan plan = new ExportPlan(ctx.name(), kind, instance.id(), ctx.tags().snapshotOf(instance).orElse(null),
          List.of(), Path.of(dir), compression, null, ctx.now(), s3 == null ? null : s3.toString(), root());
      writer = exporter.open(plan, this::checkApartUnderLock);
    }
    return writer;
  }

  private void runScriptOn(DataAction.RunScript r) {
    Path script = ctx.workDir().resolve(r.script());
    ctx.progress().accept("running " + script.getFileName() + " on " + Printable.quote(r.database()));
    try {
      sql.runScript(r.database(), script);
    } catch (EchoException e) {
      throw new EchoException(e.outcome(), e.getMessage().replace(" — fix the SQL and run the command again", "")
          + " — fix the script, then run 'rds-echo sanitize --rerun-scripts' if the scripts are safe to run"
          + " twice, or 'rds-echo forget --instance " + instance.id() + "' and 'rds-echo new' if not", e);
    }
  }

  /** Every check query must return no rows; failures name the query and the count, never values. */
  private void check(DataAction.RunChecks c) {
    Path checks = ctx.workDir().resolve(c.checks());
    List<SqlStatements.Statement> queries;
    try {
      queries = SqlStatements.split(Files.readString(checks));
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + checks + ": " + e.getMessage());
    }
    List<String> failures = new ArrayList<>();
    for (SqlStatements.Statement q : queries) {
      long rows = sql.countRows(c.database(), q.sql());
      if (rows > 0) {
        failures.add(c.database() + ": " + checks.getFileName() + " line " + q.line() + " returned " + rows
            + " row(s): " + q.sql().replaceAll("\\s+", " "));
      }
    }
    if (!failures.isEmpty()) {
      throw new EchoException(Outcome.FAILED,
          "sanitize checks failed, so no scrubbed dump was written and the clone stays unsanitized:\n  "
              + String.join("\n  ", failures) + "\nfix the scripts and run 'rds-echo sanitize --rerun-scripts' if"
              + " they are safe to run twice (or 'rds-echo forget' this clone and 'rds-echo new'), or fix the checks and"
              + " run 'rds-echo sanitize'");
    }
  }

  /** The contract's {@code files} rows for the set written in this run. */
  @Override
  public Map<String, Object> resultFields() {
    if (writtenTo == null) {
      return Map.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DumpedFile f : written) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", f.path().toString());
      row.put("bytes", f.bytes());
      row.put("sha256", f.sha256());
      row.put("database", f.database());
      String name = f.path().getFileName().toString();
      if (uploaded.containsKey(name)) {
        row.put("s3Uri", uploaded.get(name));
      }
      rows.add(row);
    }
    return Map.of("files", rows);
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}

package org.rdsecho.plane;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rdsecho.aws.S3Location;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.dump.DumpSetRemoval;
import org.rdsecho.dump.DumpSetWriter;
import org.rdsecho.dump.Dumper;
import org.rdsecho.dump.ExportPlan;
import org.rdsecho.dump.Exporter;
import org.rdsecho.dump.ManifestJson;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.files.SafeDir;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.Manifest;

/**
 * Applies the data-plane actions of an export or sanitize decision, and decides nothing: scripts,
 * checks, dumps (streamed where each says), the manifest, uploads, removals of older sets, holding
 * the set directory's lock while it writes there. What it re-checks under way (the directory under
 * its lock, the S3 prefix before each upload) is the planner's own §16 rule, in case another run
 * completed a set there since the plan.
 */
public final class DataPlane implements DataActions, DataAction.Visitor<Void> {
  private final DumpSettings settings;
  private final PlaneContext ctx;
  private final SqlClient sql;
  private final Exporter exporter;
  private final S3Sets s3;
  private final SqlScripts scripts;
  private DumpSetWriter writer;
  private final WrittenSet written = new WrittenSet();

  /**
   * @param settings the same settings the decision was planned with
   */
  public DataPlane(DumpSettings settings) {
    this.settings = settings;
    this.ctx = settings.ctx;
    this.sql = new SqlClient(settings.tools, settings.connection);
    Dumper dumper =
        new Dumper(
            settings.tools,
            settings.connection,
            settings.compression,
            settings.threads,
            settings.encryption);
    this.s3 = settings.s3 == null ? null : new S3Sets(settings);
    if (s3 != null) {
      dumper.uploadingTo(s3.streaming());
    }
    this.exporter = new Exporter(sql, dumper, ctx.clock(), ctx.progress());
    this.scripts = new SqlScripts(ctx, sql, settings.instance.id());
  }

  /**
   * Applies one data-plane action of the decision; an action of another plane is a bug, never
   * skipped.
   */
  @Override
  public void apply(DataAction action) {
    action.accept(this);
  }

  @Override
  public Void runScript(DataAction.RunScript r) {
    scripts.run(r);
    return null;
  }

  @Override
  public Void runChecks(DataAction.RunChecks c) {
    scripts.check(c);
    return null;
  }

  @Override
  public Void dump(DataAction.Dump d) {
    writer(d.dir())
        .dump(d.database(), d.tables(), d.dataOnly(), d.where(), d.streams(), d.streamTo());
    return null;
  }

  @Override
  public Void writeManifest(DataAction.WriteManifest m) {
    String sha256 = writer(m.dir()).writeManifest();
    written.set(m.dir(), writer.files(), sha256);
    ctx.progress().accept(written.summary());
    return null;
  }

  @Override
  public Void removeDumpSet(DataAction.RemoveDumpSet r) {
    DumpSetRemoval.remove(
        Path.of(r.dir()), settings.root(), ctx.name(), settings.kind, ctx.progress());
    return null;
  }

  @Override
  public Void uploadFile(DataAction.UploadFile u) {
    // a dump written in this run was digested as it was written: reading it again costs the whole
    // file
    String sha256 = written.sha256(Path.of(u.setDir()).resolve(u.file()));
    boolean sent =
        s3Sets(u)
            .upload(
                Path.of(u.setDir()),
                u.file(),
                S3Location.parse(u.destination(), "the upload destination"),
                sha256);
    written.uploaded(u.file(), u.destination());
    ctx.progress().accept((sent ? "uploaded " : "already uploaded: ") + u.destination());
    return null;
  }

  @Override
  public Void removeUploadedFiles(DataAction.RemoveUploadedFiles r) {
    // through the set's handle: only files of this user's, never what a link names
    try (SafeDir set = SafeDir.open(Path.of(r.dir()), settings.root(), false)) {
      for (String file : r.files()) {
        set.requireAbsentOrOwnFile(file);
      }
      for (String file : r.files()) {
        set.deleteOwn(file);
      }
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot remove the uploaded files from " + r.dir() + ": " + e.getMessage());
    }
    return null;
  }

  @Override
  public Void removeS3Set(DataAction.RemoveS3Set r) {
    s3Sets(r).remove(S3Location.parse(r.prefix(), "the upload prefix"));
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
    throw new IllegalStateException(
        "the " + settings.kind + " export plane does not apply: " + action.describe());
  }

  private S3Sets s3Sets(DataAction action) {
    if (s3 == null) {
      throw new IllegalStateException(
          "planned without an S3 prefix configured: " + action.describe());
    }
    return s3;
  }

  @Override
  public String sha256Written(String file) {
    return written.manifestSha256(file);
  }

  private DumpSetWriter writer(String dir) {
    if (writer == null) {
      ExportPlan plan =
          new ExportPlan(
              ctx.name(),
              settings.kind,
              settings.instance.id(),
              ctx.tags().snapshotOf(settings.instance).orElse(null),
              Path.of(dir),
              settings.compression,
              ctx.now(),
              settings.s3 == null ? null : settings.s3.toString(),
              settings.root());
      writer = exporter.open(plan, this::checkApartUnderLock);
    }
    return writer;
  }

  /**
   * §16 at write time (attack F2): the directory checked again under its lock, just before the
   * first file of the set is created, so a set another run completed there since planning is never
   * overwritten.
   */
  private void checkApartUnderLock(SafeDir set) {
    String where = set.path().toString();
    DumpPlanner.checkApart(
        set
            .readIfOwn(Manifest.FILE, 4 << 20)
            .map(bytes -> DumpPlanner.Occupant.of(where, ManifestJson.read(bytes)))
            .stream()
            .toList(),
        ctx.name(),
        settings.kind,
        settings.instance.id(),
        settings.dirKey());
  }

  /** The contract's {@code files} rows for the set written in this run. */
  @Override
  public Map<String, Object> resultFields() {
    return written.resultFields();
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }
}

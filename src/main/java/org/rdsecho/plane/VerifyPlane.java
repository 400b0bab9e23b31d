package org.rdsecho.plane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.aws.S3Location;
import org.rdsecho.core.Printable;
import org.rdsecho.dump.DumpSource;
import org.rdsecho.dump.DumpVerifier;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.EchoInstance;

/**
 * Applies {@code verify}'s data-plane actions as decided: drops of leftover scratch databases, and
 * the loads and comparisons (each file's digest checked again before it is loaded, and the client
 * sandboxed: the last-line guards). Any other action is not verify's, and throws.
 */
public final class VerifyPlane implements DataActions, DataAction.Visitor<Void> {
  private final PlaneContext ctx;
  private final DumpVerifier verifier;
  private final List<DumpVerifier.TableCheck> checked = new ArrayList<>();

  public VerifyPlane(PlaneContext ctx, EchoInstance clone) {
    this.ctx = ctx;
    MysqlTools tools = MysqlTools.find(ctx.variables().get("PATH"));
    var server = Connections.toVerifyServer(ctx.config().verify(), ctx);
    this.verifier =
        new DumpVerifier(
            tools, new SqlClient(tools, Connections.to(clone, ctx.config().export(), ctx)), server);
  }

  @Override
  public void apply(DataAction action) {
    action.accept(this);
  }

  @Override
  public Void dropScratchDatabase(DataAction.DropScratchDatabase d) {
    verifier.drop(d.database());
    return null;
  }

  @Override
  public Void verifyDump(DataAction.VerifyDump v) {
    Path file = Path.of(v.setDir()).resolve(v.file());
    long started = System.nanoTime();
    DumpSource source =
        v.s3Object() == null
            ? DumpSource.of(file)
            : DumpSource.downloaded(
                v.s3Object(),
                v.file(),
                () -> ctx.s3().open(S3Location.parse(v.s3Object(), "the manifest's s3Uri")));
    List<DumpVerifier.TableCheck> tables =
        verifier.verify(ctx.name(), v.database(), source, v.compression(), v.sha256());
    checked.addAll(tables);
    ctx.progress()
        .accept(
            String.format(
                "%s restored and matches the clone: %d table(s), %d row(s) in %.1fs",
                Printable.quote(v.database()),
                tables.size(),
                tables.stream().mapToLong(DumpVerifier.TableCheck::rows).sum(),
                (System.nanoTime() - started) / 1e9));
    return null;
  }

  @Override
  public Void runScript(DataAction.RunScript action) {
    return notVerifys(action);
  }

  @Override
  public Void runChecks(DataAction.RunChecks action) {
    return notVerifys(action);
  }

  @Override
  public Void dump(DataAction.Dump action) {
    return notVerifys(action);
  }

  @Override
  public Void writeManifest(DataAction.WriteManifest action) {
    return notVerifys(action);
  }

  @Override
  public Void carryRows(DataAction.CarryRows action) {
    return notVerifys(action);
  }

  @Override
  public Void raiseCounters(DataAction.RaiseCounters action) {
    return notVerifys(action);
  }

  @Override
  public Void uploadFile(DataAction.UploadFile action) {
    return notVerifys(action);
  }

  @Override
  public Void removeUploadedFiles(DataAction.RemoveUploadedFiles action) {
    return notVerifys(action);
  }

  @Override
  public Void removeS3Set(DataAction.RemoveS3Set action) {
    return notVerifys(action);
  }

  @Override
  public Void removeDumpSet(DataAction.RemoveDumpSet action) {
    return notVerifys(action);
  }

  private static Void notVerifys(DataAction action) {
    throw new IllegalStateException("verify does not apply " + action.describe());
  }

  /** §8: {@code tables}, with database, table, rows and match. */
  @Override
  public Map<String, Object> resultFields() {
    if (checked.isEmpty()) {
      return Map.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DumpVerifier.TableCheck t : checked) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("database", t.database());
      row.put("table", t.table());
      row.put("rows", t.rows());
      row.put("match", t.match());
      rows.add(row);
    }
    return Map.of("tables", rows);
  }

  @Override
  public void close() {}
}

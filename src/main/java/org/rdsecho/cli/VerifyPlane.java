package org.rdsecho.cli;

import org.rdsecho.plane.DataActions;
import org.rdsecho.plane.Connections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.aws.S3Location;
import org.rdsecho.dump.DumpVerifier;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.core.Printable;

/** Applies {@code verify}'s data-plane actions: drops of leftover scratch databases, and the loads and comparisons. */
final class VerifyPlane implements DataActions {
  private final Context ctx;
  private final DumpVerifier verifier;
  private final List<DumpVerifier.TableCheck> checked = new ArrayList<>();

  VerifyPlane(Context ctx, EchoInstance clone) {
    this.ctx = ctx;
    MysqlTools tools = MysqlTools.find(ctx.env().variables().get("PATH"));
    this.verifier = new DumpVerifier(tools, new SqlClient(tools, Connections.to(clone, ctx.config().export(), PlaneWiring.of(ctx))),
        Connections.toVerifyServer(ctx.config().verify(), PlaneWiring.of(ctx)));
  }

  DumpVerifier verifier() {
    return verifier;
  }

  @Override
  public void apply(DataAction action) {
    if (action instanceof DataAction.DropScratchDatabase d) {
      verifier.drop(d.database());
    } else if (action instanceof DataAction.VerifyDump v) {
      Path file = Path.of(v.setDir()).resolve(v.file());
      long started = System.nanoTime();
      DumpVerifier.Source source = v.s3Object() == null ? DumpVerifier.Source.of(file)
          : DumpVerifier.Source.downloaded(v.s3Object(), v.file(), () -> ctx.s3().open(
              S3Location.parse(v.s3Object(), "the manifest's s3Uri")));
      List<DumpVerifier.TableCheck> tables = verifier.verify(ctx.name(), v.database(), source, v.compression(),
          v.sha256());
      checked.addAll(tables);
      ctx.console().progress(String.format("%s restored and matches the clone: %d table(s), %d row(s) in %.1fs",
          Printable.quote(v.database()), tables.size(), tables.stream().mapToLong(DumpVerifier.TableCheck::rows).sum(),
          (System.nanoTime() - started) / 1e9));
    } else {
      throw new IllegalStateException("verify does not apply " + action.describe());
    }
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

package org.rdsecho.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.dump.Compression;
import org.rdsecho.dump.DumpedFile;
import org.rdsecho.dump.Dumper;
import org.rdsecho.dump.ExportPlan;
import org.rdsecho.dump.Exporter;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.Placeholders;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.EchoInstance;

/** Wires the data plane for one clone: tools, connection, SQL client and exporter. */
final class DataPlane {
  private final Context ctx;
  private final EchoInstance instance;
  final SqlClient sql;
  private final Exporter exporter;
  private final Compression compression;

  DataPlane(Context ctx, EchoInstance instance) {
    this.ctx = ctx;
    this.instance = instance;
    EchoConfig config = ctx.config();
    MysqlTools tools = MysqlTools.find(ctx.env().variables().get("PATH"));
    var connection = Connections.to(instance, config.export(), ctx);
    this.sql = new SqlClient(tools, connection);
    this.compression = Compression.of(config.export().compression());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.exporter = new Exporter(sql, new Dumper(tools, connection, compression, threads), ctx.env().clock(),
        line -> ctx.console().progress(line));
  }

  List<String> databases(List<String> configured) {
    return exporter.databases(configured);
  }

  /** Dumps to the expanded directory template; returns the contract's {@code files} rows. */
  Map<String, Object> export(String kind, String dirTemplate, Integer keep, List<String> databases) {
    Path dir = ctx.env().workDir().resolve(
        Placeholders.expand(dirTemplate, ctx.name(), instance.id(), ctx.now()));
    ExportPlan plan = new ExportPlan(ctx.name(), kind, instance.id(), ctx.tags().snapshotOf(instance).orElse(null),
        databases, dir, compression, keep, ctx.now());
    List<DumpedFile> files = exporter.export(plan, databases);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DumpedFile f : files) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", f.path().toString());
      row.put("bytes", f.bytes());
      row.put("sha256", f.sha256());
      row.put("database", f.database());
      rows.add(row);
    }
    long sql = files.stream().mapToLong(DumpedFile::sqlBytes).sum();
    long bytes = files.stream().mapToLong(DumpedFile::bytes).sum();
    double seconds = files.stream().mapToDouble(DumpedFile::seconds).sum();
    ctx.console().progress(String.format("exported %d database(s) to %s: %.1f MB of SQL -> %.1f MB in %.1fs",
        files.size(), dir, sql / 1e6, bytes / 1e6, seconds));
    return Map.of("files", rows);
  }
}

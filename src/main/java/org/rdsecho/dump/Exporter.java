package org.rdsecho.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;

/**
 * Exports the databases of a clone to one directory: a dump and a {@code .sha256} per database,
 * then {@code manifest.json}, written last, which marks the directory as a complete rds-echo
 * dump. Older dumps are pruned only after that.
 */
public final class Exporter {
  static final Set<String> SYSTEM = Set.of("information_schema", "mysql", "performance_schema", "sys");
  static final String MANIFEST = "manifest.json";

  private final SqlClient sql;
  private final Dumper dumper;
  private final Clock clock;
  private final Consumer<String> progress;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Exporter(SqlClient sql, Dumper dumper, Clock clock, Consumer<String> progress) {
    this.sql = sql;
    this.dumper = dumper;
    this.clock = clock;
    this.progress = progress;
  }

  /** The databases to dump: the configured ones (checked to exist), or every non-system one. */
  public List<String> databases(List<String> configured) {
    List<String> present = sql.query(null, "SHOW DATABASES").stream().map(r -> r[0]).toList();
    if (configured.isEmpty()) {
      return present.stream().filter(d -> !SYSTEM.contains(d.toLowerCase())).sorted().toList();
    }
    List<String> missing = configured.stream().filter(d -> !present.contains(d)).toList();
    if (!missing.isEmpty()) {
      throw new EchoException(Outcome.FAILED, "database(s) " + missing + " not found on the clone (it has "
          + present.stream().filter(d -> !SYSTEM.contains(d)).toList() + "): fix rdsecho.export.databases"
          + " or rdsecho.sanitize.databases");
    }
    return configured;
  }

  public List<DumpedFile> export(ExportPlan plan, List<String> databases) {
    try {
      SafeFiles.createDirectories(plan.dir());
      SafeFiles.removeLeftovers(plan.dir());
      Map<String, List<Map<String, Object>>> tables = tables(databases);
      List<DumpedFile> files = new ArrayList<>();
      long started = System.nanoTime();
      progress.accept("compressing with " + plan.compression().engine());
      if (plan.compression() == Compression.GZIP) {
        Deflaters.best().slowBecause().ifPresent(why -> progress.accept("  " + why + ", so gzip runs on Java's zlib,"
            + " several times slower; rdsecho.export.compression=zstd is fast everywhere"));
      }
      for (String database : databases) {
        progress.accept("dumping " + database + " (" + tables.getOrDefault(database, List.of()).size() + " tables)");
        DumpedFile file = dumper.dump(database, plan.dir(), bytes -> progress.accept(
            "  " + database + ": " + mb(bytes) + " MB of SQL"));
        progress.accept(String.format("  %s: %s MB of SQL -> %s MB in %.1fs (%.0f MB/s)", database, mb(file.sqlBytes()),
            mb(file.bytes()), file.seconds(), file.sqlBytes() / 1e6 / Math.max(file.seconds(), 0.001)));
        files.add(file);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      writeManifest(plan, files, tables, seconds);
      prune(plan);
      return files;
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot write to " + plan.dir() + ": " + e.getMessage()
          + " — check the directory's permissions and free space", e);
    }
  }

  private Map<String, List<Map<String, Object>>> tables(List<String> databases) {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    if (databases.isEmpty()) {
      return tables;
    }
    String in = String.join(",", databases.stream().map(d -> "'" + d.replace("\\", "\\\\").replace("'", "''") + "'").toList());
    for (String[] row : sql.query(null, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, IFNULL(TABLE_ROWS, 0)"
        + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + in + ") ORDER BY 1, 2")) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("name", row[1]);
      table.put("type", row[2].equals("VIEW") ? "view" : "table");
      table.put("rowsEstimated", Long.parseLong(row[3]));
      tables.computeIfAbsent(row[0], k -> new ArrayList<>()).add(table);
    }
    return tables;
  }

  private void writeManifest(ExportPlan plan, List<DumpedFile> files, Map<String, List<Map<String, Object>>> tables,
      double seconds) throws IOException {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("tool", "rds-echo");
    manifest.put("name", plan.name());
    manifest.put("instance", plan.instanceId());
    manifest.put("snapshot", plan.snapshotId());
    manifest.put("compression", plan.compression().name().toLowerCase());
    manifest.put("compressor", plan.compression().engine());
    manifest.put("startedAt", plan.startedAt().toString());
    manifest.put("finishedAt", clock.instant().toString());
    manifest.put("seconds", Math.round(seconds * 10) / 10.0);
    List<Map<String, Object>> dbs = new ArrayList<>();
    for (DumpedFile f : files) {
      Map<String, Object> db = new LinkedHashMap<>();
      db.put("database", f.database());
      db.put("file", f.path().getFileName().toString());
      db.put("bytes", f.bytes());
      db.put("sqlBytes", f.sqlBytes());
      db.put("sha256", f.sha256());
      db.put("seconds", Math.round(f.seconds() * 10) / 10.0);
      db.put("tables", tables.getOrDefault(f.database(), List.of()));
      dbs.add(db);
    }
    manifest.put("databases", dbs);
    SafeFiles.writeAtomically(plan.dir().resolve(MANIFEST), json.writeValueAsBytes(manifest));
  }

  /** Keeps the newest N complete rds-echo dumps beside this one; never touches anything else. */
  private void prune(ExportPlan plan) throws IOException {
    Path parent = plan.dir().toAbsolutePath().getParent();
    if (plan.keep() == null || parent == null) {
      return;
    }
    List<Path> dumps;
    try (Stream<Path> siblings = Files.list(parent)) {
      dumps = siblings.filter(Files::isDirectory).filter(this::isOurDump)
          .sorted(Comparator.comparing(this::finishedAt).reversed()).toList();
    }
    for (Path old : dumps.subList(Math.min(plan.keep(), dumps.size()), dumps.size())) {
      if (old.toAbsolutePath().equals(plan.dir().toAbsolutePath())) {
        continue;
      }
      progress.accept("removing old dump " + old + " (rdsecho.export.keep=" + plan.keep() + ")");
      try (Stream<Path> walk = Files.walk(old)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private boolean isOurDump(Path dir) {
    return manifest(dir).map(m -> "rds-echo".equals(m.path("tool").asText())).orElse(false);
  }

  private String finishedAt(Path dir) {
    return manifest(dir).map(m -> m.path("finishedAt").asText()).orElse("");
  }

  private java.util.Optional<JsonNode> manifest(Path dir) {
    try {
      Path m = dir.resolve(MANIFEST);
      return Files.isRegularFile(m) ? java.util.Optional.of(json.readTree(m.toFile())) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  static String mb(long bytes) {
    return String.format("%.1f", bytes / 1e6);
  }
}

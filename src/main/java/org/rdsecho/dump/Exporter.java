package org.rdsecho.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;
import org.rdsecho.stage.Printable;

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
    // names travel as hex, so no byte of a hostile name (a newline, a tab) can split the listing
    List<String> present =
        sql.query(null, "SELECT HEX(SCHEMA_NAME) FROM information_schema.SCHEMATA").stream().map(r -> unhex(r[0])).toList();
    if (configured.isEmpty()) {
      return present.stream().filter(d -> !SYSTEM.contains(d.toLowerCase())).sorted().toList();
    }
    configured = configured.stream().distinct().toList();
    List<String> missing = configured.stream().filter(d -> !present.contains(d)).toList();
    if (!missing.isEmpty()) {
      throw new EchoException(Outcome.FAILED, "database(s) " + quoted(missing) + " not found on the clone (it has "
          + quoted(present.stream().filter(d -> !SYSTEM.contains(d)).toList()) + "): fix rdsecho.export.databases"
          + " or rdsecho.sanitize.databases");
    }
    return configured;
  }

  public List<DumpedFile> export(ExportPlan plan, List<String> databases) {
    try {
      SafeFiles.createDirectories(plan.dir());
      try (DirectoryLock lock = DirectoryLock.acquire(plan.dir(), "rds-echo " + plan.kind() + " export of "
          + plan.instanceId(), clock)) {
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
          String shown = Printable.quote(database);
          progress.accept("dumping " + shown + " (" + tables.getOrDefault(database, List.of()).size() + " tables)");
          DumpedFile file = dumper.dump(database, plan.dir(), bytes -> progress.accept(
              "  " + shown + ": " + mb(bytes) + " MB of SQL"), lock::verifyHeld);
          progress.accept(String.format("  %s: %s MB of SQL -> %s MB in %.1fs (%.0f MB/s)", shown, mb(file.sqlBytes()),
              mb(file.bytes()), file.seconds(), file.sqlBytes() / 1e6 / Math.max(file.seconds(), 0.001)));
          files.add(file);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        lock.verifyHeld();
        writeManifest(plan, files, tables, seconds);
        prune(plan);
        return files;
      }
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
    String in = String.join(",", databases.stream().map(d -> "'" + hex(d) + "'").toList());
    for (String[] row : sql.query(null, "SELECT HEX(TABLE_SCHEMA), HEX(TABLE_NAME), TABLE_TYPE, IFNULL(TABLE_ROWS, 0)"
        + " FROM information_schema.TABLES WHERE HEX(TABLE_SCHEMA) IN (" + in + ") ORDER BY 1, 2")) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("name", unhex(row[1]));
      table.put("type", row[2].equals("VIEW") ? "view" : "table");
      table.put("rowsEstimated", Long.parseLong(row[3]));
      tables.computeIfAbsent(unhex(row[0]), k -> new ArrayList<>()).add(table);
    }
    return tables;
  }

  private void writeManifest(ExportPlan plan, List<DumpedFile> files, Map<String, List<Map<String, Object>>> tables,
      double seconds) throws IOException {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("tool", "rds-echo");
    manifest.put("name", plan.name());
    manifest.put("kind", plan.kind());
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

  /**
   * Keeps the newest N complete dump sets of this echo name and kind beside this one. Another
   * name's dumps, the other kind (raw beside sanitized), directories without our manifest, links,
   * sets another run is writing, and files a manifest does not list are never touched.
   */
  private void prune(ExportPlan plan) throws IOException {
    Path parent = plan.dir().toAbsolutePath().getParent();
    if (plan.keep() == null || parent == null) {
      return;
    }
    List<Path> dumps;
    try (Stream<Path> siblings = Files.list(parent)) {
      dumps = siblings.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> isOurs(p, plan))
          .sorted(Comparator.comparing(this::finishedAt).reversed()).toList();
    }
    for (Path old : dumps.subList(Math.min(plan.keep(), dumps.size()), dumps.size())) {
      if (old.toAbsolutePath().equals(plan.dir().toAbsolutePath()) || DirectoryLock.isHeld(old)) {
        continue;
      }
      progress.accept("removing old dump " + old + " (keep=" + plan.keep() + ")");
      removeSet(old);
    }
  }

  /** Deletes the files the manifest lists, their sidecars, then the manifest and the emptied directory. */
  private void removeSet(Path dir) throws IOException {
    JsonNode manifest = manifest(dir).orElseThrow();
    for (JsonNode db : manifest.path("databases")) {
      String file = db.path("file").asText("");
      // a manifest is a file on a share: only plain names inside this directory are followed
      if (file.isEmpty() || file.contains("/") || file.startsWith(".") || !file.equals(Path.of(file).getFileName().toString())) {
        continue;
      }
      Files.deleteIfExists(dir.resolve(file + ".sha256"));
      Files.deleteIfExists(dir.resolve(file));
    }
    Files.deleteIfExists(dir.resolve(MANIFEST));
    try (Stream<Path> rest = Files.list(dir)) {
      if (rest.findAny().isEmpty()) {
        Files.deleteIfExists(dir);
      }
    }
  }

  private boolean isOurs(Path dir, ExportPlan plan) {
    return manifest(dir).map(m -> "rds-echo".equals(m.path("tool").asText())
        && plan.name().equals(m.path("name").asText())
        && plan.kind().equals(m.path("kind").asText())).orElse(false);
  }

  private String finishedAt(Path dir) {
    return manifest(dir).map(m -> m.path("finishedAt").asText()).orElse("");
  }

  private java.util.Optional<JsonNode> manifest(Path dir) {
    try {
      Path m = dir.resolve(MANIFEST);
      return Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)
          ? java.util.Optional.of(json.readTree(m.toFile())) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(Printable::quote).toList());
  }

  static String hex(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String unhex(String hex) {
    return new String(HexFormat.of().parseHex(hex.trim()), StandardCharsets.UTF_8);
  }

  static String mb(long bytes) {
    return String.format("%.1f", bytes / 1e6);
  }
}

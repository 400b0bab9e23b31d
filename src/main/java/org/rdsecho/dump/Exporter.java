package org.rdsecho.dump;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.rdsecho.files.SafeDir;
import org.rdsecho.stage.Manifest;

/**
 * What a dump set needs from the clone beside the dumps themselves: which databases there are,
 * their tables for the manifest, and the manifest, written last, which marks the directory as a
 * complete rds-echo dump set. {@link DumpSetWriter} applies the dumps.
 */
public final class Exporter {
  public static final String MANIFEST = "manifest.json";

  private final SqlClient sql;
  private final Dumper dumper;
  private final Clock clock;
  private final Consumer<String> progress;

  public Exporter(SqlClient sql, Dumper dumper, Clock clock, Consumer<String> progress) {
    this.sql = sql;
    this.dumper = dumper;
    this.clock = clock;
    this.progress = progress;
  }

  /** How JSON is written with indentation (the manifest: {@link ManifestJson}). */
  static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * Opens the directory for writing a set: created, locked, leftovers of dead runs removed; {@code
   * underLock} looks at the directory once it is locked, before anything is written (throws to
   * refuse).
   */
  public DumpSetWriter open(
      ExportPlan plan, java.util.function.Consumer<org.rdsecho.files.SafeDir> underLock) {
    return DumpSetWriter.open(plan, this, dumper, clock, progress, underLock);
  }

  /** The clone's databases, as its client lists them (the planner chooses among them). */
  public static List<String> databases(SqlClient sql) {
    // names travel as hex, so no byte of a hostile name (a newline, a tab) can split the listing
    return sql.query(null, "SELECT HEX(SCHEMA_NAME) FROM information_schema.SCHEMATA").stream()
        .map(r -> SqlNames.unhex(r[0]))
        .toList();
  }

  Map<String, List<Manifest.Table>> tables(List<String> databases) {
    Map<String, List<Manifest.Table>> tables = new LinkedHashMap<>();
    if (databases.isEmpty()) {
      return tables;
    }
    String in = String.join(",", databases.stream().map(d -> "'" + SqlNames.hex(d) + "'").toList());
    for (String[] row :
        sql.query(
            null,
            "SELECT HEX(TABLE_SCHEMA), HEX(TABLE_NAME), TABLE_TYPE, IFNULL(TABLE_ROWS, 0)"
                + " FROM information_schema.TABLES WHERE HEX(TABLE_SCHEMA) IN ("
                + in
                + ") ORDER BY 1, 2")) {
      tables
          .computeIfAbsent(SqlNames.unhex(row[0]), k -> new ArrayList<>())
          .add(
              new Manifest.Table(
                  SqlNames.unhex(row[1]),
                  row[2].equals("VIEW") ? "view" : "table",
                  Long.parseLong(row[3])));
    }
    return tables;
  }

  /**
   * A database's tables and views with the bytes of their data, for sharing the dump among streams.
   */
  List<TableStreams.Table> tableSizes(String database) {
    return sql
        .query(
            null,
            "SELECT HEX(TABLE_NAME), TABLE_TYPE, IFNULL(DATA_LENGTH, 0) FROM information_schema.TABLES"
                + " WHERE HEX(TABLE_SCHEMA) = '"
                + SqlNames.hex(database)
                + "'")
        .stream()
        .map(
            r ->
                new TableStreams.Table(
                    SqlNames.unhex(r[0]), r[1].equals("VIEW"), Long.parseLong(r[2].trim())))
        .toList();
  }

  /**
   * @return the SHA-256 of the manifest's bytes as written, for the clone's tag (§16)
   */
  String writeManifest(
      ExportPlan plan,
      SafeDir dir,
      List<DumpedFile> files,
      Map<String, List<Manifest.Table>> tables,
      double seconds,
      boolean dataOnly,
      String where)
      throws IOException {
    List<Manifest.Database> dbs = new ArrayList<>();
    for (DumpedFile f : files) {
      dbs.add(
          new Manifest.Database(
              f.database(),
              f.path().getFileName().toString(),
              f.bytes(),
              f.sqlBytes(),
              f.sha256(),
              tenths(f.seconds()),
              f.streams(),
              tables.getOrDefault(f.database(), List.of())));
    }
    PgpEncryption keys = dumper.encryption();
    // every recipient by its primary key's fingerprint (what gpg --list-keys shows), and the
    // (sub)key each was encrypted to, in the same order (what gpg --list-packets shows)
    Manifest manifest =
        new Manifest(
            plan.name(),
            plan.kind(),
            plan.instanceId(),
            plan.snapshotId(),
            plan.compression().name().toLowerCase(Locale.ROOT),
            plan.compression().engine(),
            keys == null ? List.of() : keys.fingerprints(),
            keys == null ? List.of() : keys.encryptionFingerprints(),
            plan.s3Uri(),
            plan.startedAt().toString(),
            clock.instant().toString(),
            tenths(seconds),
            dataOnly,
            where,
            dbs);
    byte[] bytes = ManifestJson.write(manifest);
    SafeFiles.writeAtomically(dir, MANIFEST, bytes);
    return FileDigests.sha256(bytes);
  }

  private static double tenths(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  static String mb(long bytes) {
    return String.format("%.1f", bytes / 1e6);
  }
}

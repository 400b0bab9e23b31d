package org.rdsecho.dump;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;
import org.rdsecho.files.SafeDir;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.stage.FileNames;

/**
 * Writes one dump set into a directory it holds the lock of: each database's dump as the decision
 * lists them, then the manifest. Closing it releases the lock; a run that stops half way leaves no
 * manifest, so the set never looks complete.
 */
public final class DumpSetWriter implements AutoCloseable {
  private final ExportPlan plan;
  private final Exporter exporter;
  private final Dumper dumper;
  private final Consumer<String> progress;
  private final DirectoryLock lock;
  private final SafeDir dir;
  private final List<DumpedFile> files = new ArrayList<>();
  private final java.util.Map<String, List<String>> selected = new java.util.LinkedHashMap<>();
  private boolean dataOnly;
  private String where;
  private final long started = System.nanoTime();

  private DumpSetWriter(
      ExportPlan plan,
      Exporter exporter,
      Dumper dumper,
      Consumer<String> progress,
      SafeDir dir,
      DirectoryLock lock) {
    this.dir = dir;
    this.plan = plan;
    this.exporter = exporter;
    this.dumper = dumper;
    this.progress = progress;
    this.lock = lock;
  }

  static DumpSetWriter open(
      ExportPlan plan,
      Exporter exporter,
      Dumper dumper,
      Clock clock,
      Consumer<String> progress,
      Consumer<SafeDir> underLock) {
    SafeDir dir = null;
    try {
      // every directory below the operator's root opened (or made, 0700) without following a link
      dir = SafeDir.open(plan.dir(), plan.root(), true);
      DirectoryLock lock =
          DirectoryLock.acquire(
              dir, "rds-echo " + plan.kind() + " export of " + plan.instanceId(), clock);
      try {
        // what the destination holds is looked at again now that no other run of ours can write
        // there
        underLock.accept(dir);
        SafeFiles.removeLeftovers(dir);
        dir.requireAbsentOrOwnFile(Exporter.MANIFEST);
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
      progress.accept("compressing with " + plan.compression().engine());
      if (plan.compression() == Compression.GZIP) {
        Deflaters.best()
            .slowBecause()
            .ifPresent(
                why ->
                    progress.accept(
                        "  "
                            + why
                            + ", so gzip runs on Java's zlib,"
                            + " several times slower; rdsecho.export.compression=zstd is fast everywhere"));
      }
      return new DumpSetWriter(plan, exporter, dumper, progress, dir, lock);
    } catch (IOException | RuntimeException e) {
      if (dir != null) {
        dir.close();
      }
      if (e instanceof EchoException echo && echo.outcome() == Outcome.FAILED) {
        // a refusal names what is in the way; say where the run was writing too
        throw new EchoException(
            Outcome.FAILED, "cannot write to " + plan.dir() + ": " + echo.getMessage(), echo);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new EchoException(
          Outcome.FAILED,
          "cannot write to "
              + plan.dir()
              + ": "
              + e.getMessage()
              + " — check the directory's permissions and free space",
          e);
    }
  }

  /** The file name a database's dump gets in this set. */
  public static String fileName(String database, Compression compression) {
    return fileName(database, compression, false);
  }

  /** As above; an encrypted dump ends in {@code .gpg} (§14). */
  public static String fileName(String database, Compression compression, boolean encrypted) {
    return FileNames.encode(database)
        + compression.extension()
        + (encrypted ? PgpEncryption.EXTENSION : "");
  }

  /**
   * Dumps some tables of a database (all when empty), rows only, or rows matching a condition, in
   * up to {@code streams} processes at once (see {@link TableStreams}), streaming the file to
   * {@code streamTo} as it is written (null: nowhere).
   */
  public DumpedFile dump(
      String database,
      List<String> tables,
      boolean dataOnly,
      String where,
      int streams,
      String streamTo) {
    this.dataOnly |= dataOnly;
    this.where = where == null ? this.where : where;
    String shown = Printable.quote(database);
    progress.accept(
        "dumping " + shown + (tables.isEmpty() ? "" : " (" + tables.size() + " table(s))"));
    // the tables as they are now, after any sanitize script, so no table is left out
    List<TableStreams.Part> parts =
        streams < 2
            ? List.of(TableStreams.Part.whole(tables))
            : TableStreams.split(exporter.tableSizes(database), tables, dataOnly, streams);
    int running = TableStreams.streams(parts);
    if (running > 1) {
      progress.accept("  " + shown + ": its tables in " + running + " streams at once");
    }
    DumpedFile file =
        dumper.dump(
            database,
            parts,
            dataOnly,
            where,
            streamTo,
            dir,
            bytes -> progress.accept("  " + shown + ": " + Exporter.mb(bytes) + " MB of SQL"),
            lock::verifyHeld);
    progress.accept(
        String.format(
            "  %s: %s MB of SQL -> %s MB in %.1fs (%.0f MB/s)",
            shown,
            Exporter.mb(file.sqlBytes()),
            Exporter.mb(file.bytes()),
            file.seconds(),
            file.sqlBytes() / 1e6 / Math.max(file.seconds(), 0.001)));
    files.add(file);
    selected.put(database, tables);
    return file;
  }

  /**
   * Writes the manifest of the dumps written: from now on the set is complete.
   *
   * @return the SHA-256 of the manifest's bytes as written
   */
  public String writeManifest() {
    try {
      lock.verifyHeld();
      List<String> databases = files.stream().map(DumpedFile::database).toList();
      var tables = exporter.tables(databases);
      // a table export lists only the tables it holds
      selected.forEach(
          (db, chosen) -> {
            if (!chosen.isEmpty() && tables.containsKey(db)) {
              tables.put(
                  db, tables.get(db).stream().filter(t -> chosen.contains(t.name())).toList());
            }
          });
      return exporter.writeManifest(
          plan, dir, files, tables, (System.nanoTime() - started) / 1e9, dataOnly, where);
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot write the manifest in "
              + plan.dir()
              + ": "
              + e.getMessage()
              + " — check free space and permissions; the set stays incomplete and a rerun writes it again",
          e);
    }
  }

  public List<DumpedFile> files() {
    return List.copyOf(files);
  }

  @Override
  public void close() {
    lock.close();
    dir.close();
  }
}

package org.rdsecho.stage;

import java.util.List;
import org.rdsecho.core.Printable;

/**
 * A write of the data plane rather than AWS: scripts and checks on the clone, dump files and
 * manifests, uploads, verify loads, carried rows, removals of older sets. The data plane applies
 * each through its {@link Visitor}.
 */
// Over 250 lines on purpose: the catalogue of data-plane writes, read as one list (issue 20).
public sealed interface DataAction extends Action {
  /**
   * The directory the action writes in (locked while the run writes there), or null: most write
   * none.
   */
  default String dir() {
    return null;
  }

  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of action, so whoever applies them is told by the compiler of a new one.
   */
  interface Visitor<R> {
    R runScript(DataAction.RunScript action);

    R runChecks(DataAction.RunChecks action);

    R dump(DataAction.Dump action);

    R writeManifest(DataAction.WriteManifest action);

    R dropScratchDatabase(DataAction.DropScratchDatabase action);

    R verifyDump(DataAction.VerifyDump action);

    R carryRows(DataAction.CarryRows action);

    R raiseCounters(DataAction.RaiseCounters action);

    R uploadFile(DataAction.UploadFile action);

    R removeUploadedFiles(DataAction.RemoveUploadedFiles action);

    R removeS3Set(DataAction.RemoveS3Set action);

    R removeDumpSet(DataAction.RemoveDumpSet action);
  }

  /** Runs one sanitize script on one database of the clone. */
  record RunScript(String database, String script) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.runScript(this);
    }

    @Override
    public String describe() {
      return "run " + script + " on database " + Printable.quote(database);
    }
  }

  /** Runs the sanitize checks on one database; any row stops the step. */
  record RunChecks(String database, String checks) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.runChecks(this);
    }

    @Override
    public String describe() {
      return "check database "
          + Printable.quote(database)
          + " with "
          + checks
          + " (every query must return no rows)";
    }
  }

  /**
   * Dumps one database of the clone (or some of its tables, or rows) to a compressed file and its
   * {@code .sha256}.
   *
   * @param streams at most this many dump processes share its tables (fewer when it has fewer
   *     tables)
   * @param streamTo where the file is uploaded while it is written (§14 streaming upload), or null
   */
  record Dump(
      String database,
      String dir,
      String file,
      List<String> tables,
      boolean dataOnly,
      String where,
      int streams,
      String streamTo)
      implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.dump(this);
    }

    public Dump {
      tables = List.copyOf(tables);
      streams = Math.max(1, streams);
    }

    public Dump(
        String database,
        String dir,
        String file,
        List<String> tables,
        boolean dataOnly,
        String where,
        int streams) {
      this(database, dir, file, tables, dataOnly, where, streams, null);
    }

    public Dump(String database, String dir, String file) {
      this(database, dir, file, List.of(), false, null, 1);
    }

    @Override
    public String describe() {
      String what =
          tables.isEmpty()
              ? "database " + Printable.quote(database)
              : "table(s) "
                  + String.join(", ", tables.stream().map(Printable::quote).toList())
                  + " of database "
                  + Printable.quote(database);
      List<String> how = new java.util.ArrayList<>();
      if (dataOnly) {
        how.add("rows only");
      }
      if (where != null) {
        how.add("where " + where);
      }
      if (streams > 1) {
        how.add("in up to " + streams + " streams");
      }
      return "dump "
          + what
          + (how.isEmpty() ? "" : " (" + String.join(", ", how) + ")")
          + " to "
          + dir
          + "/"
          + file
          + " (and "
          + file
          + ".sha256)"
          + (streamTo == null ? "" : ", streaming it to " + streamTo + " as it is written");
    }
  }

  /** Writes the manifest of the dumps written this run: the set is complete from then on. */
  record WriteManifest(String dir, DumpKind kind) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.writeManifest(this);
    }

    @Override
    public String describe() {
      return "write " + dir + "/manifest.json, completing the " + kind + " dump set";
    }
  }

  /** Drops a scratch database an interrupted {@code verify} left on the verification server. */
  record DropScratchDatabase(String server, String database) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.dropScratchDatabase(this);
    }

    @Override
    public String describe() {
      return "drop the scratch database "
          + database
          + " that an interrupted verify left on "
          + server;
    }
  }

  /**
   * Loads one dump file into a new scratch database on the verification server as a user would
   * restore it, compares it with the clone's database, and drops the scratch database.
   */
  record VerifyDump(
      String database,
      String setDir,
      String file,
      String compression,
      String sha256,
      String server,
      String s3Object)
      implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.verifyDump(this);
    }

    public VerifyDump(
        String database,
        String setDir,
        String file,
        String compression,
        String sha256,
        String server) {
      this(database, setDir, file, compression, sha256, server, null);
    }

    @Override
    public String describe() {
      boolean encrypted = file.endsWith(".gpg");
      String source = encrypted ? "gpg --decrypt " + file + " | " : "";
      String load =
          switch (compression) {
            case "zstd" -> source + (encrypted ? "zstd -dc" : "zstd -dc " + file) + " | mysql";
            case "none" -> encrypted ? source + "mysql" : "mysql < " + file;
            default -> source + (encrypted ? "gunzip -c" : "gunzip -c " + file) + " | mysql";
          };
      return "load "
          + (s3Object != null ? s3Object + " (s3Only: read from S3)" : setDir + "/" + file)
          + " into a new scratch database rdsecho_verify_… on "
          + server
          + " ("
          + load
          + "), compare its tables (rows, CHECKSUM TABLE), views, routines, triggers and events with database "
          + Printable.quote(database)
          + " of the clone, then drop it";
    }
  }

  /**
   * Copies the staging-made rows of one table from the promoted clone into this clone, replacing
   * rows with the same key (§13); a table without a single-column key is copied whole (§16).
   *
   * @param key the single-column primary key, or null to copy the table whole
   * @param floor rows whose key is at least this are carried; null carries every row
   */
  record CarryRows(String database, String table, String key, Long floor, String from)
      implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.carryRows(this);
    }

    @Override
    public String describe() {
      return "copy the rows of "
          + Printable.quote(database + "." + table)
          + (floor == null ? "" : " whose " + Printable.quote(key) + " >= " + floor)
          + " from "
          + from
          + (key == null
              ? " into the clone, replacing all of the clone's rows of it (it has no single-column key)"
              : " into the clone, replacing rows with the same key");
    }
  }

  /**
   * Raises the AUTO_INCREMENT counters of a database's tables on the clone to at least {@code
   * floor}.
   */
  record RaiseCounters(String database, List<String> tables, long floor) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.raiseCounters(this);
    }

    public RaiseCounters {
      tables = List.copyOf(tables);
    }

    @Override
    public String describe() {
      return "raise the AUTO_INCREMENT counter of "
          + String.join(", ", tables.stream().map(Printable::quote).toList())
          + " in database "
          + Printable.quote(database)
          + " on the clone to "
          + floor;
    }
  }

  /**
   * Uploads one finished file of a set (§14) with a SHA-256 checksum S3 verifies, unless an object
   * with the same SHA-256 is there already; the manifest is uploaded last.
   */
  record UploadFile(String setDir, String file, String destination) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.uploadFile(this);
    }

    @Override
    public String describe() {
      return "upload "
          + setDir
          + "/"
          + file
          + " to "
          + destination
          + " (SHA-256 checked by S3; skipped when the same"
          + " file is there)";
    }
  }

  /**
   * s3Only: deletes the set's dump files and their sidecars once their uploads were verified (the
   * manifest stays).
   */
  record RemoveUploadedFiles(String dir, List<String> files) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.removeUploadedFiles(this);
    }

    public RemoveUploadedFiles {
      files = List.copyOf(files);
    }

    @Override
    public String describe() {
      return "remove the local copies of "
          + String.join(", ", files)
          + " in "
          + dir
          + " (uploaded and verified;"
          + " rdsecho.export.s3Only)";
    }
  }

  /**
   * Removes an older set of this name and kind under the S3 prefix: its manifest first, then its
   * files.
   */
  record RemoveS3Set(String prefix, int keep) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.removeS3Set(this);
    }

    @Override
    public String describe() {
      return "remove the older dump set " + prefix + " (keep=" + keep + ")";
    }
  }

  /** Removes an older dump set of this name and kind beyond the ones kept. */
  record RemoveDumpSet(String dir, int keep) implements DataAction {
    @Override
    public <R> R accept(DataAction.Visitor<R> visitor) {
      return visitor.removeDumpSet(this);
    }

    @Override
    public String describe() {
      return "remove the older dump set " + dir + " (keep=" + keep + ")";
    }
  }
}

package org.rdsecho.stage;

import java.util.List;

/**
 * The manifest.json of a complete dump set (§7, §14): what rds-echo wrote there, typed. A file that
 * is not rds-echo's (another tool's, garbled, not JSON) is no Manifest at all: whoever reads one
 * gets an empty Optional ({@code dump.ManifestJson} is the one reader and writer).
 *
 * @param kind null in manifests written before kinds were recorded
 * @param snapshot the snapshot (or point-in-time identity) the clone was restored from; null when
 *     unknown
 * @param encryptedTo every recipient's primary key fingerprint, empty when the files are not
 *     encrypted
 * @param encryptedToKeys the (sub)key each was encrypted to, in the same order
 * @param s3Uri where the set was uploaded, or null
 * @param dataOnly rows only (a table export); written with {@code where} only when either is set
 */
public record Manifest(
    String name,
    DumpKind kind,
    String instance,
    String snapshot,
    String compression,
    String compressor,
    List<String> encryptedTo,
    List<String> encryptedToKeys,
    String s3Uri,
    String startedAt,
    String finishedAt,
    double seconds,
    boolean dataOnly,
    String where,
    List<Database> databases) {

  /** What {@code tool} says in every manifest rds-echo writes. */
  public static final String TOOL = "rds-echo";

  /** Its name in the set's directory (and under the set's S3 prefix). */
  public static final String FILE = "manifest.json";

  public Manifest {
    encryptedTo = List.copyOf(encryptedTo);
    encryptedToKeys = List.copyOf(encryptedToKeys);
    databases = List.copyOf(databases);
  }

  /** One database's dump file. */
  public record Database(
      String database,
      String file,
      long bytes,
      long sqlBytes,
      String sha256,
      double seconds,
      int streams,
      List<Table> tables) {
    public Database {
      tables = List.copyOf(tables);
    }

    /**
     * A file name to follow inside the set's directory: a plain name, never a path, a hidden file
     * or an empty one (a manifest is a file on a share, whoever can write there writes it).
     */
    public boolean plainFile() {
      return !file.isEmpty()
          && !file.contains("/")
          && !file.startsWith(".")
          && file.indexOf('\0') < 0;
    }
  }

  /** A table or view of a dumped database, as the clone described it. */
  public record Table(String name, String type, long rowsEstimated) {}

  public boolean encrypted() {
    return !encryptedTo.isEmpty();
  }

  /** A table export (rows only, or only the rows a condition selects), not a whole copy. */
  public boolean partial() {
    return dataOnly || where != null;
  }

  /** A set of this echo and kind. */
  public boolean of(String echoName, DumpKind setKind) {
    return echoName.equals(name) && setKind == kind;
  }

  /** The dump files and their sidecars, plain names only (see {@link Database#plainFile}). */
  public List<String> files() {
    List<String> files = new java.util.ArrayList<>();
    for (Database d : databases) {
      if (d.plainFile()) {
        files.add(d.file());
        files.add(d.file() + ".sha256");
      }
    }
    return files;
  }
}

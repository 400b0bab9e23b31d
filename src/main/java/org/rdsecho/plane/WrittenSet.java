package org.rdsecho.plane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.dump.DumpedFile;
import org.rdsecho.stage.Manifest;

/**
 * The dump set {@link DataPlane} wrote in this run, as it was written: its files with their
 * digests, its manifest's digest (not as read back from the share), where each file was uploaded,
 * and the contract's {@code files} rows.
 */
final class WrittenSet {
  private String dir;
  private List<DumpedFile> files = List.of();
  private final Map<String, String> uploaded = new LinkedHashMap<>();

  /** The manifests written in this run, by path, to their SHA-256 as written. */
  private final Map<String, String> manifestSha256 = new LinkedHashMap<>();

  /** The set in {@code dir} is complete: its files and its manifest's digest. */
  void set(String dir, List<DumpedFile> files, String manifestSha256) {
    this.dir = dir;
    this.files = files;
    this.manifestSha256.put(dir + "/" + Manifest.FILE, manifestSha256);
  }

  /** The SHA-256 of a file written in this run, digested as it was written; null for another. */
  String sha256(Path file) {
    return files.stream()
        .filter(f -> f.path().equals(file))
        .map(DumpedFile::sha256)
        .findFirst()
        .orElse(null);
  }

  /** The SHA-256 of a manifest written in this run, by its path; null for another. */
  String manifestSha256(String file) {
    return manifestSha256.get(file);
  }

  void uploaded(String file, String destination) {
    uploaded.put(file, destination);
  }

  /** The progress line for the set written. */
  String summary() {
    long sqlBytes = files.stream().mapToLong(DumpedFile::sqlBytes).sum();
    long bytes = files.stream().mapToLong(DumpedFile::bytes).sum();
    double seconds = files.stream().mapToDouble(DumpedFile::seconds).sum();
    return String.format(
        "exported %d database(s) to %s: %.1f MB of SQL -> %.1f MB in %.1fs",
        files.size(), dir, sqlBytes / 1e6, bytes / 1e6, seconds);
  }

  /** The contract's {@code files} rows; none before the set is complete. */
  Map<String, Object> resultFields() {
    if (dir == null) {
      return Map.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DumpedFile f : files) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", f.path().toString());
      row.put("bytes", f.bytes());
      row.put("sha256", f.sha256());
      row.put("database", f.database());
      String name = f.path().getFileName().toString();
      if (uploaded.containsKey(name)) {
        row.put("s3Uri", uploaded.get(name));
      }
      rows.add(row);
    }
    return Map.of("files", rows);
  }
}

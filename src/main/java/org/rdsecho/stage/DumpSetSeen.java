package org.rdsecho.stage;

import java.util.List;

/**
 * A complete dump set that claims to be a clone's, as {@code verify} found it in its directory
 * (§13, §16): the digest of its manifest's bytes (what the clone's tag is compared with) and what
 * the manifest says.
 *
 * @param dir the set's directory
 * @param manifestSha256 the SHA-256 of the manifest's bytes; null when they cannot be read
 * @param manifest what the manifest says; null when it is not JSON
 * @param unreadable why the manifest could not be parsed, or null
 */
public record DumpSetSeen(String dir, String manifestSha256, Contents manifest, String unreadable) {

  /**
   * What verify reads of a manifest.
   *
   * @param compression gzip, zstd or none
   * @param tableExport a table export (dataOnly, where): it restores into an existing database
   * @param s3Prefix where an s3Only set's files were uploaded ({@code s3://bucket/key}), or null
   */
  public record Contents(String compression, boolean tableExport, String s3Prefix, List<File> databases) {
    public Contents {
      databases = List.copyOf(databases);
    }
  }

  /**
   * One database's dump file as the manifest names it.
   *
   * @param sha256 its SHA-256 as the manifest gives it, or null
   * @param local whether the set's directory holds it (an s3Only set keeps only the manifest)
   */
  public record File(String database, String file, String sha256, boolean local) {}
}

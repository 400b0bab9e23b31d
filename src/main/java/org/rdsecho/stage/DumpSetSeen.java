package org.rdsecho.stage;

import java.util.Set;

/**
 * A complete dump set that claims to be a clone's, as {@code verify} found it in its directory
 * (§13, §16): the digest of its manifest's bytes (what the clone's tag is compared with), the
 * manifest, and which of its files the directory holds (an s3Only set keeps only its manifest).
 *
 * @param dir the set's directory
 * @param manifestSha256 the SHA-256 of the manifest's bytes; null when they cannot be read
 * @param manifest the manifest; null when its bytes are not rds-echo's manifest
 * @param localFiles the files the manifest names (plain names only) that are in the directory
 * @param s3Prefix where the set was uploaded ({@code s3://bucket/key}, checked) when a file is not
 *     in the directory; else null
 */
public record DumpSetSeen(
    String dir, String manifestSha256, Manifest manifest, Set<String> localFiles, String s3Prefix) {
  public DumpSetSeen {
    localFiles = Set.copyOf(localFiles);
  }
}

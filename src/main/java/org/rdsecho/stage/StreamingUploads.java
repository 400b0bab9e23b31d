package org.rdsecho.stage;

import java.nio.channels.FileChannel;

/**
 * Uploads a dump while it is written (§14 "streaming multipart upload"): the writer says how far
 * the file has grown, the upload sends each full part from the file as soon as it is there, and
 * completes once the file is committed. The dump's own bytes never pass through memory twice.
 * Declared here, as stage declares the small interfaces the adapters implement: the data plane
 * ({@code dump.Dumper}) writes through it and the S3 adapter ({@code aws.S3StreamingUploads})
 * implements it, and neither of those packages may use the other.
 */
public interface StreamingUploads {
  /**
   * @param destination where the plan says the file goes (its Dump action's streamTo)
   * @param partial the file being written, readable while it grows (its writer closes it)
   */
  Upload start(String destination, FileChannel partial);

  /** One file's upload. */
  interface Upload {
    /** The file now holds {@code bytes} bytes. */
    void grown(long bytes);

    /**
     * The file is complete and committed with this SHA-256: send the rest and complete the upload.
     */
    void finish(String sha256);

    /** The dump failed: give the upload up (no parts left behind). */
    void abort();
  }
}

package org.rdsecho.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Dump sets in S3 (§14): files uploaded with SHA-256 checksums that S3 verifies (per part for large
 * files, as multipart uploads), the whole file's SHA-256 kept as object metadata so a rerun uploads
 * only what is missing or different, server-side encryption as configured, and the sets beside a
 * prefix listed by their manifests for {@code keep}.
 */
public final class S3Objects {
  /** Parts of 64 MiB: a 1 TB dump stays under S3's 10,000 parts. */
  public static final long PART = 64L << 20;

  /** The metadata key holding the whole file's SHA-256 (x-amz-meta-sha256). */
  static final String SHA256 = "sha256";

  /**
   * The metadata key naming the set an object belongs to (x-amz-meta-rdsecho-set:
   * name/kind/instance).
   */
  static final String SET = "rdsecho-set";

  private final S3Client s3;
  private final S3Writes writes;
  private final long partSize;

  public S3Objects(S3Client s3) {
    this(s3, PART);
  }

  /**
   * @param partSize bytes a part (at least S3's 5 MiB); smaller files go in one PutObject
   */
  public S3Objects(S3Client s3, long partSize) {
    this.s3 = s3;
    this.writes = new S3Writes(s3);
    this.partSize = Math.max(5L << 20, partSize);
  }

  /**
   * Server-side encryption: {@code AES256}, or {@code aws:kms} with a key (null for the account's
   * default).
   */
  public record Sse(String algorithm, String kmsKeyId) {
    public static final Sse NONE = new Sse(null, null);
  }

  public long partSize() {
    return partSize;
  }

  /** The requests an upload is made of, for {@link S3StreamingUploads}. */
  S3Writes writes() {
    return writes;
  }

  /**
   * The whole-file SHA-256 recorded on an object (metadata of a single upload, or the tag a
   * streamed upload gets once complete), empty when there is no such object.
   */
  public Optional<String> sha256(S3Location at) {
    try {
      String recorded = head(at).metadata().get(SHA256);
      if (recorded == null) {
        recorded =
            AwsErrors.call(
                    "s3:GetObjectTagging",
                    () -> s3.getObjectTagging(r -> r.bucket(at.bucket()).key(at.key())))
                .tagSet()
                .stream()
                .filter(t -> t.key().equals(SHA256))
                .map(software.amazon.awssdk.services.s3.model.Tag::value)
                .findFirst()
                .orElse("");
      }
      return Optional.of(recorded);
    } catch (EchoException e) {
      return missing(e);
    }
  }

  /**
   * Uploads a file unless an object with the same SHA-256 is there already; an upload a killed run
   * left unfinished for the same key is aborted first, so no orphaned parts stay behind.
   *
   * @param owner the set the object is marked as belonging to (null: unmarked)
   * @return false when the object was there already
   */
  public boolean upload(
      FileChannel in, Path file, S3Location to, String sha256, Sse sse, String owner) {
    if (sha256(to).filter(sha256::equalsIgnoreCase).isPresent()) {
      return false;
    }
    writes.abortUnfinished(to);
    long size;
    try {
      size = in.size();
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED, "cannot read " + file + " to upload it: " + e.getMessage());
    }
    if (size <= partSize) {
      writes.put(to, FileRegion.body(in, 0, size), sha256, sse, owner);
    } else {
      multipart(in, file, size, to, sha256, sse, owner);
    }
    String landed = sha256(to).orElse("");
    if (!landed.equalsIgnoreCase(sha256)) {
      throw new EchoException(
          Outcome.FAILED,
          "the upload of "
              + file
              + " to "
              + to
              + " could not be verified"
              + " (SHA-256 "
              + (landed.isEmpty() ? "missing" : landed)
              + "): run the command again");
    }
    return true;
  }

  private void multipart(
      FileChannel in, Path file, long size, S3Location to, String sha256, Sse sse, String owner) {
    String uploadId = writes.createMultipart(to, sha256, sse, owner);
    List<CompletedPart> parts = new ArrayList<>();
    try {
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        parts.add(
            writes.uploadPart(
                to,
                uploadId,
                number,
                FileRegion.body(in, offset, Math.min(partSize, size - offset))));
      }
      writes.completeMultipart(to, uploadId, parts);
    } catch (RuntimeException e) {
      try {
        writes.abortMultipart(to, uploadId);
      } catch (RuntimeException ignored) {
        // the next run aborts it
      }
      if (e instanceof EchoException echo) {
        throw echo;
      }
      throw new EchoException(
          Outcome.FAILED,
          "cannot upload "
              + file
              + " to "
              + to
              + ": "
              + e.getMessage()
              + "; run the command again (it uploads only what is missing)",
          e);
    }
  }

  /**
   * Whether an object is there, and whose set it says it belongs to: empty when there is no such
   * object; an empty string for an object without the mark (not rds-echo's, or an older one's).
   */
  public Optional<String> owner(S3Location at) {
    try {
      return Optional.of(head(at).metadata().getOrDefault(SET, ""));
    } catch (EchoException e) {
      return missing(e);
    }
  }

  /** The "directories" directly under a prefix (each a candidate dump set). */
  public List<S3Location> children(S3Location parent) {
    String prefix =
        parent.key().isEmpty() || parent.key().endsWith("/") ? parent.key() : parent.key() + "/";
    List<S3Location> children = new ArrayList<>();
    AwsErrors.call(
        "s3:ListBucket",
        () -> {
          s3
              .listObjectsV2Paginator(r -> r.bucket(parent.bucket()).prefix(prefix).delimiter("/"))
              .commonPrefixes()
              .stream()
              .map(CommonPrefix::prefix)
              .forEach(
                  p ->
                      children.add(
                          new S3Location(
                              parent.bucket(),
                              p.endsWith("/") ? p.substring(0, p.length() - 1) : p)));
          return null;
        });
    return children;
  }

  public Optional<byte[]> read(S3Location at) {
    try {
      return Optional.of(
          AwsErrors.call(
                  "s3:GetObject",
                  () -> s3.getObjectAsBytes(r -> r.bucket(at.bucket()).key(at.key())))
              .asByteArray());
    } catch (EchoException e) {
      return missing(e);
    }
  }

  /** Streams an object (verify of an s3Only set). */
  public InputStream open(S3Location at) {
    return AwsErrors.call(
        "s3:GetObject", () -> s3.getObject(r -> r.bucket(at.bucket()).key(at.key())));
  }

  public void delete(S3Location at) {
    AwsErrors.call(
        "s3:DeleteObject", () -> s3.deleteObject(r -> r.bucket(at.bucket()).key(at.key())));
  }

  /** An object's metadata (HeadObject answers to s3:GetObject). */
  private HeadObjectResponse head(S3Location at) {
    return AwsErrors.call(
        "s3:GetObject", () -> s3.headObject(r -> r.bucket(at.bucket()).key(at.key())));
  }

  /** No such object (empty), or the failure as it was. */
  private static <T> Optional<T> missing(EchoException e) {
    if (e.getCause() instanceof NoSuchKeyException
        || (e.getCause() instanceof S3Exception s && s.statusCode() == 404)) {
      return Optional.empty();
    }
    throw e;
  }
}

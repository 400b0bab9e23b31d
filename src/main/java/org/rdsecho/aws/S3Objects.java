package org.rdsecho.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Dump sets in S3 (§14): files uploaded with SHA-256 checksums that S3 verifies (per part for
 * large files, as multipart uploads), the whole file's SHA-256 kept as object metadata so a rerun
 * uploads only what is missing or different, server-side encryption as configured, and the sets
 * beside a prefix listed by their manifests for {@code keep}.
 */
public final class S3Objects {
  /** Parts of 64 MiB: a 1 TB dump stays under S3's 10,000 parts. */
  public static final long PART = 64L << 20;
  /** The metadata key holding the whole file's SHA-256 (x-amz-meta-sha256). */
  static final String SHA256 = "sha256";
  /** The metadata key naming the set an object belongs to (x-amz-meta-rdsecho-set: name/kind/instance). */
  static final String SET = "rdsecho-set";

  private final S3Client s3;
  private final long partSize;

  public S3Objects(S3Client s3) {
    this(s3, PART);
  }

  /** @param partSize bytes a part (at least S3's 5 MiB); smaller files go in one PutObject */
  public S3Objects(S3Client s3, long partSize) {
    this.s3 = s3;
    this.partSize = Math.max(5L << 20, partSize);
  }

  /** Server-side encryption: {@code AES256}, or {@code aws:kms} with a key (null for the account's default). */
  public record Sse(String algorithm, String kmsKeyId) {
    public static final Sse NONE = new Sse(null, null);
  }

  public long partSize() {
    return partSize;
  }

  /**
   * The whole-file SHA-256 recorded on an object (metadata of a single upload, or the tag a
   * streamed upload gets once complete), empty when there is no such object.
   */
  public Optional<String> sha256(S3Location at) {
    try {
      HeadObjectResponse head = AwsErrors.call("s3:GetObject", () -> s3.headObject(r -> r.bucket(at.bucket())
          .key(at.key())));
      String recorded = head.metadata().get(SHA256);
      if (recorded == null) {
        recorded = AwsErrors.call("s3:GetObjectTagging", () -> s3.getObjectTagging(r -> r.bucket(at.bucket())
            .key(at.key()))).tagSet().stream().filter(t -> t.key().equals(SHA256))
            .map(software.amazon.awssdk.services.s3.model.Tag::value).findFirst().orElse("");
      }
      return Optional.of(recorded);
    } catch (EchoException e) {
      if (e.getCause() instanceof NoSuchKeyException
          || e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Uploads a file unless an object with the same SHA-256 is there already; an upload a killed run
   * left unfinished for the same key is aborted first, so no orphaned parts stay behind.
   *
   * @return false when the object was there already
   */
  public boolean upload(FileChannel in, Path file, S3Location to, String sha256, Sse sse) {
    return upload(in, file, to, sha256, sse, null);
  }

  /** As above, the object marked as the set {@code owner}'s (null: unmarked). */
  public boolean upload(FileChannel in, Path file, S3Location to, String sha256, Sse sse, String owner) {
    if (sha256(to).filter(sha256::equalsIgnoreCase).isPresent()) {
      return false;
    }
    abortUnfinished(to);
    long size;
    try {
      size = in.size();
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot read " + file + " to upload it: " + e.getMessage());
    }
    if (size <= partSize) {
      PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(to.bucket()).key(to.key())
          .checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(metadata(sha256, owner));
      encrypt(put, sse);
      AwsErrors.call("s3:PutObject", () -> s3.putObject(put.build(), FileRegion.body(in, 0, size)));
    } else {
      multipart(in, file, size, to, sha256, sse, owner);
    }
    String landed = sha256(to).orElse("");
    if (!landed.equalsIgnoreCase(sha256)) {
      throw new EchoException(Outcome.FAILED, "the upload of " + file + " to " + to + " could not be verified"
          + " (SHA-256 " + (landed.isEmpty() ? "missing" : landed) + "): run the command again");
    }
    return true;
  }

  private void multipart(FileChannel in, Path file, long size, S3Location to, String sha256, Sse sse, String owner) {
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(to.bucket())
        .key(to.key()).checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(metadata(sha256, owner));
    if (sse.algorithm() != null) {
      create.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm())).ssekmsKeyId(sse.kmsKeyId());
    }
    String uploadId = AwsErrors.call("s3:PutObject", () -> s3.createMultipartUpload(create.build())).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    try {
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        parts.add(uploadPart(to, uploadId, number, FileRegion.body(in, offset, Math.min(partSize, size - offset))));
      }
      AwsErrors.call("s3:PutObject", () -> s3.completeMultipartUpload(r -> r.bucket(to.bucket()).key(to.key())
          .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).uploadId(uploadId));
      } catch (RuntimeException ignored) {
        // the next run aborts it
      }
      if (e instanceof EchoException echo) {
        throw echo;
      }
      throw new EchoException(Outcome.FAILED, "cannot upload " + file + " to " + to + ": " + e.getMessage()
          + "; run the command again (it uploads only what is missing)", e);
    }
  }

  // ---- the steps of a streaming upload (S3StreamingUploads) ----

  String createMultipart(S3Location to, Sse sse, String owner) {
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(to.bucket())
        .key(to.key()).checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(metadata(null, owner));
    if (sse.algorithm() != null) {
      create.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm())).ssekmsKeyId(sse.kmsKeyId());
    }
    return AwsErrors.call("s3:PutObject", () -> s3.createMultipartUpload(create.build())).uploadId();
  }

  CompletedPart uploadPart(S3Location to, String uploadId, int number, RequestBody body) {
    UploadPartResponse uploaded = AwsErrors.call("s3:PutObject", () -> s3.uploadPart(r -> r.bucket(to.bucket())
        .key(to.key()).uploadId(uploadId).partNumber(number).checksumAlgorithm(ChecksumAlgorithm.SHA256), body));
    return CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).checksumSHA256(uploaded.checksumSHA256())
        .build();
  }

  void completeMultipart(S3Location to, String uploadId, List<CompletedPart> parts) {
    AwsErrors.call("s3:PutObject", () -> s3.completeMultipartUpload(r -> r.bucket(to.bucket()).key(to.key())
        .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
  }

  void abortMultipart(S3Location to, String uploadId) {
    AwsErrors.call("s3:AbortMultipartUpload", () -> s3.abortMultipartUpload(r -> r.bucket(to.bucket()).key(to.key())
        .uploadId(uploadId)));
  }

  void putBody(S3Location to, RequestBody body, String sha256, Sse sse, String owner) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(to.bucket()).key(to.key())
        .checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(metadata(sha256, owner));
    encrypt(put, sse);
    AwsErrors.call("s3:PutObject", () -> s3.putObject(put.build(), body));
  }

  private static Map<String, String> metadata(String sha256, String owner) {
    Map<String, String> metadata = new java.util.TreeMap<>();
    if (sha256 != null) {
      metadata.put(SHA256, sha256);
    }
    if (owner != null) {
      metadata.put(SET, owner);
    }
    return metadata;
  }

  /**
   * Whether an object is there, and whose set it says it belongs to: empty when there is no such
   * object; an empty string for an object without the mark (not rds-echo's, or an older one's).
   */
  public Optional<String> owner(S3Location at) {
    try {
      HeadObjectResponse head = AwsErrors.call("s3:GetObject", () -> s3.headObject(r -> r.bucket(at.bucket())
          .key(at.key())));
      return Optional.of(head.metadata().getOrDefault(SET, ""));
    } catch (EchoException e) {
      if (e.getCause() instanceof NoSuchKeyException
          || e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Records a streamed object's whole-file SHA-256, known only once it is written. */
  void tagSha256(S3Location at, String sha256) {
    AwsErrors.call("s3:PutObjectTagging", () -> s3.putObjectTagging(r -> r.bucket(at.bucket()).key(at.key())
        .tagging(t -> t.tagSet(software.amazon.awssdk.services.s3.model.Tag.builder().key(SHA256).value(sha256)
            .build()))));
  }

  /** Aborts multipart uploads left for exactly this key by a run that was killed. */
  public void abortUnfinished(S3Location at) {
    List<MultipartUpload> uploads = AwsErrors.call("s3:ListBucketMultipartUploads", () -> s3.listMultipartUploads(r -> r
        .bucket(at.bucket()).prefix(at.key()))).uploads();
    for (MultipartUpload u : uploads) {
      if (u.key().equals(at.key())) {
        AwsErrors.call("s3:AbortMultipartUpload", () -> s3.abortMultipartUpload(r -> r.bucket(at.bucket())
            .key(at.key()).uploadId(u.uploadId())));
      }
    }
  }

  /** Unfinished multipart uploads under a prefix (for tests and status). */
  public List<String> unfinished(S3Location prefix) {
    return AwsErrors.call("s3:ListBucketMultipartUploads", () -> s3.listMultipartUploads(r -> r.bucket(prefix.bucket())
        .prefix(prefix.key()))).uploads().stream().map(MultipartUpload::key).toList();
  }

  /** The "directories" directly under a prefix (each a candidate dump set). */
  public List<S3Location> children(S3Location parent) {
    String prefix = parent.key().isEmpty() || parent.key().endsWith("/") ? parent.key() : parent.key() + "/";
    List<S3Location> children = new ArrayList<>();
    AwsErrors.call("s3:ListBucket", () -> {
      s3.listObjectsV2Paginator(r -> r.bucket(parent.bucket()).prefix(prefix).delimiter("/")).commonPrefixes()
          .stream().map(CommonPrefix::prefix).forEach(p -> children.add(new S3Location(parent.bucket(),
              p.endsWith("/") ? p.substring(0, p.length() - 1) : p)));
      return null;
    });
    return children;
  }

  public Optional<byte[]> read(S3Location at) {
    try {
      return Optional.of(AwsErrors.call("s3:GetObject", () -> s3.getObjectAsBytes(r -> r.bucket(at.bucket())
          .key(at.key()))).asByteArray());
    } catch (EchoException e) {
      if (e.getCause() instanceof NoSuchKeyException
          || e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Streams an object (verify of an s3Only set). */
  public InputStream open(S3Location at) {
    return AwsErrors.call("s3:GetObject", () -> s3.getObject(r -> r.bucket(at.bucket()).key(at.key())));
  }

  public void delete(S3Location at) {
    AwsErrors.call("s3:DeleteObject", () -> s3.deleteObject(r -> r.bucket(at.bucket()).key(at.key())));
  }

  private static void encrypt(PutObjectRequest.Builder put, Sse sse) {
    if (sse.algorithm() != null) {
      put.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm())).ssekmsKeyId(sse.kmsKeyId());
    }
  }
}

package org.rdsecho.aws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The S3 requests an upload is made of (§14): one PutObject, or the steps of a multipart upload,
 * each with a SHA-256 checksum S3 verifies, the object's metadata (its whole-file SHA-256 and its
 * set) and server-side encryption as configured. {@link S3Objects} uploads whole files with them,
 * {@link S3StreamingUploads} a dump while it is written.
 */
final class S3Writes {
  private final S3Client s3;

  S3Writes(S3Client s3) {
    this.s3 = s3;
  }

  void put(S3Location to, RequestBody body, String sha256, S3Objects.Sse sse, String owner) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(to.bucket())
            .key(to.key())
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .metadata(metadata(sha256, owner));
    if (sse.algorithm() != null) {
      put.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm()))
          .ssekmsKeyId(sse.kmsKeyId());
    }
    AwsErrors.call("s3:PutObject", () -> s3.putObject(put.build(), body));
  }

  /**
   * @param sha256 the whole file's, when known before the first part (null for a streamed file)
   */
  String createMultipart(S3Location to, String sha256, S3Objects.Sse sse, String owner) {
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder()
            .bucket(to.bucket())
            .key(to.key())
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .metadata(metadata(sha256, owner));
    if (sse.algorithm() != null) {
      create
          .serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm()))
          .ssekmsKeyId(sse.kmsKeyId());
    }
    return AwsErrors.call("s3:PutObject", () -> s3.createMultipartUpload(create.build()))
        .uploadId();
  }

  CompletedPart uploadPart(S3Location to, String uploadId, int number, RequestBody body) {
    UploadPartResponse uploaded =
        AwsErrors.call(
            "s3:PutObject",
            () ->
                s3.uploadPart(
                    r ->
                        r.bucket(to.bucket())
                            .key(to.key())
                            .uploadId(uploadId)
                            .partNumber(number)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    body));
    return CompletedPart.builder()
        .partNumber(number)
        .eTag(uploaded.eTag())
        .checksumSHA256(uploaded.checksumSHA256())
        .build();
  }

  void completeMultipart(S3Location to, String uploadId, List<CompletedPart> parts) {
    AwsErrors.call(
        "s3:PutObject",
        () ->
            s3.completeMultipartUpload(
                r ->
                    r.bucket(to.bucket())
                        .key(to.key())
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts))));
  }

  void abortMultipart(S3Location to, String uploadId) {
    AwsErrors.call(
        "s3:AbortMultipartUpload",
        () -> s3.abortMultipartUpload(r -> r.bucket(to.bucket()).key(to.key()).uploadId(uploadId)));
  }

  /** Records a streamed object's whole-file SHA-256, known only once it is written. */
  void tagSha256(S3Location at, String sha256) {
    AwsErrors.call(
        "s3:PutObjectTagging",
        () ->
            s3.putObjectTagging(
                r ->
                    r.bucket(at.bucket())
                        .key(at.key())
                        .tagging(
                            t ->
                                t.tagSet(
                                    Tag.builder().key(S3Objects.SHA256).value(sha256).build()))));
  }

  /**
   * Aborts multipart uploads left for exactly this key by a run that was killed, on every page of
   * the listing (a key that a share's other runs also wrote can hold more than one page of them).
   */
  void abortUnfinished(S3Location at) {
    List<MultipartUpload> left =
        AwsErrors.call(
            "s3:ListBucketMultipartUploads",
            () ->
                s3
                    .listMultipartUploadsPaginator(r -> r.bucket(at.bucket()).prefix(at.key()))
                    .uploads()
                    .stream()
                    .filter(u -> u.key().equals(at.key()))
                    .toList());
    for (MultipartUpload u : left) {
      abortMultipart(at, u.uploadId());
    }
  }

  private static Map<String, String> metadata(String sha256, String owner) {
    Map<String, String> metadata = new TreeMap<>();
    if (sha256 != null) {
      metadata.put(S3Objects.SHA256, sha256);
    }
    if (owner != null) {
      metadata.put(S3Objects.SET, owner);
    }
    return metadata;
  }
}

package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The exact S3 requests of an upload's steps, through Mockito on the real SDK interface. */
class S3WritesTest {
  private final S3Client s3 = mock(S3Client.class, Answers.CALLS_REAL_METHODS);
  private final S3Writes writes = new S3Writes(s3);

  private static MultipartUpload upload(String key, String id) {
    return MultipartUpload.builder().key(key).uploadId(id).build();
  }

  @Test
  void unfinishedUploadsOfTheKeyAreAbortedOnEveryPageAndNoOtherKeys() {
    doReturn(
            ListMultipartUploadsResponse.builder()
                .uploads(upload("dev/db.sql.gz", "u1"), upload("dev/db.sql.gz.old", "other"))
                .isTruncated(true)
                .nextKeyMarker("dev/db.sql.gz.old")
                .nextUploadIdMarker("other")
                .build())
        .doReturn(
            ListMultipartUploadsResponse.builder()
                .uploads(upload("dev/db.sql.gz", "u2"))
                .isTruncated(false)
                .build())
        .when(s3)
        .listMultipartUploads(any(ListMultipartUploadsRequest.class));
    doReturn(AbortMultipartUploadResponse.builder().build())
        .when(s3)
        .abortMultipartUpload(any(AbortMultipartUploadRequest.class));

    writes.abortUnfinished(new S3Location("bkt", "dev/db.sql.gz"));

    ArgumentCaptor<ListMultipartUploadsRequest> listed =
        ArgumentCaptor.forClass(ListMultipartUploadsRequest.class);
    verify(s3, times(2)).listMultipartUploads(listed.capture());
    assertEquals("bkt", listed.getAllValues().get(0).bucket());
    assertEquals("dev/db.sql.gz", listed.getAllValues().get(0).prefix());
    assertEquals("dev/db.sql.gz.old", listed.getAllValues().get(1).keyMarker());
    assertEquals("other", listed.getAllValues().get(1).uploadIdMarker());
    ArgumentCaptor<AbortMultipartUploadRequest> aborted =
        ArgumentCaptor.forClass(AbortMultipartUploadRequest.class);
    verify(s3, times(2)).abortMultipartUpload(aborted.capture());
    assertEquals(
        List.of("bkt dev/db.sql.gz u1", "bkt dev/db.sql.gz u2"),
        aborted.getAllValues().stream()
            .map(r -> r.bucket() + " " + r.key() + " " + r.uploadId())
            .toList());
  }
}

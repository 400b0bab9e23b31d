package org.rdsecho.aws;

import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.StreamingUploads;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streaming multipart uploads (§14): while a dump is written, a thread of its own reads each full
 * part back from the growing file and uploads it with its SHA-256 checksum, so the upload ends
 * shortly after the dump does. A file of one part or less goes up in one request at the end. The
 * whole file's SHA-256 is tagged on the object once complete; a run killed before that leaves an
 * unfinished upload that the next run aborts.
 */
public final class S3StreamingUploads implements StreamingUploads {
  private final S3Objects s3;
  private final S3Writes writes;
  private final S3Objects.Sse sse;
  private final String owner;
  private final java.util.function.Consumer<S3Location> beforeWriting;

  /**
   * @param owner the set the objects are marked as (x-amz-meta-rdsecho-set)
   * @param beforeWriting runs before anything is sent for an object (§16: the prefix checked again
   *     just before the first write to it); throws to refuse
   */
  public S3StreamingUploads(
      S3Objects s3,
      S3Objects.Sse sse,
      String owner,
      java.util.function.Consumer<S3Location> beforeWriting) {
    this.s3 = s3;
    this.writes = s3.writes();
    this.sse = sse;
    this.owner = owner;
    this.beforeWriting = beforeWriting;
  }

  @Override
  public Upload start(String destination, FileChannel partial) {
    S3Location to = S3Location.parse(destination, "the streaming upload's destination");
    beforeWriting.accept(to);
    return new FileUpload(to, partial);
  }

  private final class FileUpload implements Upload {
    private final S3Location to;
    private final FileChannel file;
    private final long partSize = s3.partSize();
    private final List<CompletedPart> parts = new ArrayList<>();
    private final Object lock = new Object();
    private final Thread sender;
    private volatile long written;
    private volatile boolean finishing;
    private volatile boolean aborted;
    private volatile RuntimeException failure;
    private long sent;
    private String uploadId;

    FileUpload(S3Location to, FileChannel partial) {
      this.to = to;
      // the very file the dump writes, opened through the dump directory's handle: read
      // positionally
      this.file = partial;
      writes.abortUnfinished(to); // what a killed run left for this key
      this.sender = new Thread(this::sendParts, "rds-echo-upload-" + to.key());
      sender.setDaemon(true);
      sender.start();
    }

    /** Sends every full part as soon as the file holds it. */
    private void sendParts() {
      try {
        while (!aborted) {
          if (written - sent >= partSize) {
            sendPart(partSize);
            continue;
          }
          if (finishing) {
            return;
          }
          synchronized (lock) {
            if (written - sent < partSize && !finishing && !aborted) {
              lock.wait(1000);
            }
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void sendPart(long length) {
      if (uploadId == null) {
        uploadId = writes.createMultipart(to, null, sse, owner);
      }
      parts.add(
          writes.uploadPart(to, uploadId, parts.size() + 1, FileRegion.body(file, sent, length)));
      sent += length;
    }

    @Override
    public void grown(long bytes) {
      written = bytes;
      if (failure != null) {
        throw new EchoException(
            Outcome.FAILED, "uploading " + to + " failed: " + failure.getMessage(), failure);
      }
      if (bytes - sent >= partSize) {
        synchronized (lock) {
          lock.notifyAll();
        }
      }
    }

    @Override
    public void finish(String sha256) {
      finishing = true;
      synchronized (lock) {
        lock.notifyAll();
      }
      try {
        sender.join();
        if (failure != null) {
          throw failure;
        }
        long rest = written - sent;
        if (uploadId == null) {
          writes.put(to, FileRegion.body(file, 0, written), sha256, sse, owner);
        } else {
          if (rest > 0) {
            sendPart(rest);
          }
          writes.completeMultipart(to, uploadId, parts);
          writes.tagSha256(to, sha256);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EchoException(Outcome.FAILED, "interrupted while uploading " + to);
      } catch (RuntimeException e) {
        abort();
        throw e instanceof EchoException echo
            ? echo
            : new EchoException(
                Outcome.FAILED,
                "cannot upload "
                    + to
                    + ": "
                    + e.getMessage()
                    + "; run the command again (it uploads only what is missing)",
                e);
      }
    }

    @Override
    public void abort() {
      aborted = true;
      synchronized (lock) {
        lock.notifyAll();
      }
      try {
        sender.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (uploadId != null) {
        try {
          writes.abortMultipart(to, uploadId);
        } catch (RuntimeException ignored) {
          // the next run aborts it
        }
        uploadId = null;
      }
    }
  }
}

package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * Restores a dump as a user would (§13): {@code gunzip -c < F | mysql scratch} ({@code gpg
 * --decrypt < F | gunzip | mysql scratch} for an encrypted file), every stage's exit status
 * checked. The bytes are fed from here, so their SHA-256 is taken again on the way: a change made
 * in place while it loads is still said.
 */
final class RestorePipeline {
  private RestorePipeline() {}

  static void load(
      SqlClient server,
      DumpSource source,
      FileChannel file,
      String compression,
      String scratch,
      String expected) {
    List<List<String>> stages = new ArrayList<>();
    if (source.fileName().endsWith(PgpEncryption.EXTENSION)) {
      stages.add(List.of(ChildProcesses.tool("gpg").toString(), "--batch", "--quiet", "--decrypt"));
    }
    switch (compression) {
      case "zstd" -> stages.add(List.of(ChildProcesses.tool("zstd").toString(), "-dc"));
      case "none" -> {}
      default -> stages.add(List.of(ChildProcesses.tool("gunzip").toString(), "-c"));
    }
    MessageDigest sha = sha256();
    SqlClient.InputSupplier digested =
        () -> new DigestInputStream(Channels.newInputStream(file), sha);
    if (stages.isEmpty()) {
      try {
        server.load(scratch, digested, source.label());
      } finally {
        checkDigest(source, sha, expected);
      }
      return;
    }
    List<Process> pipeline;
    try {
      pipeline = ChildProcesses.startPipeline(stages);
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot run "
              + stages.get(0).get(0)
              + " to verify "
              + source.label()
              + ": "
              + e.getMessage());
    }
    List<ByteArrayOutputStream> errs = new ArrayList<>();
    List<Thread> drains = new ArrayList<>();
    for (Process p : pipeline) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      errs.add(err);
      drains.add(Streams.drain(p.getErrorStream(), err, 16 * 1024));
    }
    IOException[] readFailure = new IOException[1];
    Thread feeder =
        new Thread(
            () -> {
              try (InputStream in = digested.open();
                  OutputStream out = pipeline.get(0).getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                readFailure[0] = e;
              }
            },
            "rds-echo-verify-feed");
    feeder.start();
    Process last = pipeline.get(pipeline.size() - 1);
    try {
      EchoException loadFailure = null;
      try {
        server.load(scratch, last::getInputStream, source.label());
      } catch (EchoException e) {
        loadFailure = e;
      }
      feeder.join();
      // a file that is not the one its manifest describes is said so first: that is the cause
      if (readFailure[0] == null) {
        checkDigest(source, sha, expected);
      }
      for (int i = 0; i < pipeline.size(); i++) {
        int code = pipeline.get(i).waitFor();
        drains.get(i).join();
        if ((code != 0 && loadFailure == null) || (code != 0 && i == 0)) {
          String tool = Path.of(stages.get(i).get(0)).getFileName().toString();
          throw new EchoException(
              Outcome.FAILED,
              "verify failed: "
                  + source.label()
                  + (tool.equals("gpg")
                      ? " does not decrypt (gpg exit "
                          + code
                          + ": "
                          + errs.get(i).toString(StandardCharsets.UTF_8).trim()
                          + "): the file is damaged, or this machine's keyring (GNUPGHOME) has no secret key it is encrypted"
                          + " to"
                      : " does not decompress whole ("
                          + tool
                          + " exit "
                          + code
                          + ": "
                          + errs.get(i).toString(StandardCharsets.UTF_8).trim()
                          + "): the file is truncated or damaged;"
                          + " export again"));
        }
      }
      if (loadFailure != null) {
        throw new EchoException(
            Outcome.FAILED,
            "verify failed: " + source.label() + " does not restore: " + loadFailure.getMessage(),
            loadFailure);
      }
      if (readFailure[0] != null) {
        throw new EchoException(
            Outcome.FAILED,
            "verify failed: cannot read " + source.label() + ": " + readFailure[0].getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(Outcome.FAILED, "interrupted while verifying " + source.label());
    } finally {
      pipeline.forEach(Process::destroy);
    }
  }

  private static void checkDigest(DumpSource source, MessageDigest sha, String expected) {
    String digest = HexFormat.of().formatHex(sha.digest());
    if (expected != null && !expected.equalsIgnoreCase(digest)) {
      throw new EchoException(
          Outcome.FAILED,
          "verify failed: "
              + source.label()
              + " is not the file its manifest"
              + " describes (SHA-256 "
              + digest
              + ", manifest "
              + expected
              + "): it was changed while it was being"
              + " loaded, after its digest was checked; find out what else writes there, then export again");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

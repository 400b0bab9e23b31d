package org.rdsecho.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;
import org.rdsecho.dump.TableStreams.Part;
import org.rdsecho.files.SafeDir;
import org.rdsecho.stage.FileNames;
import org.rdsecho.stage.StreamingUploads;

/**
 * Dumps one database with mysqldump/mariadb-dump, compressing and checksumming while the bytes
 * stream through: no uncompressed copy ever touches the disk. The file appears under its final name
 * only once complete, with its {@code .sha256} sidecar after it.
 */
public final class Dumper {
  private final DumpEngine engine;
  private final ConnectionSpec connection;
  private final Compression compression;
  private final int threads;
  private final PgpEncryption encryption;
  private StreamingUploads uploads;

  public Dumper(
      DumpEngine engine, ConnectionSpec connection, Compression compression, int threads) {
    this(engine, connection, compression, threads, null);
  }

  /** What streams a file to where its Dump action says, as it is written (§14); null for none. */
  public Dumper uploadingTo(StreamingUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  /**
   * @param encryption encrypts each file to these keys as it is written (§14); null for none
   */
  public Dumper(
      DumpEngine engine,
      ConnectionSpec connection,
      Compression compression,
      int threads,
      PgpEncryption encryption) {
    this.engine = engine;
    this.connection = connection;
    this.compression = compression;
    this.threads = threads;
    this.encryption = encryption;
  }

  public PgpEncryption encryption() {
    return encryption;
  }

  /**
   * Dumps a database in {@code parts} at once (see {@link TableStreams}), rows only or rows
   * matching a condition. The parts' outputs follow each other in the one file, each compressed on
   * its own: gzip members and zstd frames may follow each other, so the file is read whole by
   * {@code gunzip -c} and {@code zstd -dc}.
   *
   * @param streamTo where the file is uploaded while it is written, or null
   * @param progress told the number of SQL bytes dumped so far, now and then
   * @param beforeCommit runs before the file takes its final name (checks the directory lock)
   */
  public DumpedFile dump(
      String database,
      List<Part> parts,
      boolean dataOnly,
      String where,
      String streamTo,
      SafeDir dir,
      LongConsumer progress,
      Runnable beforeCommit) {
    String compressedName = FileNames.encode(database) + compression.extension();
    String target = compressedName + (encryption == null ? "" : PgpEncryption.EXTENSION);
    String sidecar = target + ".sha256";
    long started = System.nanoTime();
    SafeFiles.Partial tmp = null;
    WriteBehind writeBehind = null;
    SegmentJoin join = null;
    List<SafeFiles.Partial> spills = new ArrayList<>();
    List<Pump> pumps = new ArrayList<>();
    StreamingUploads.Upload upload = null;
    boolean complete = false;
    boolean committed = false;
    List<OptionFile> options = new ArrayList<>();
    try {
      // refused now, not after the dump, when something not ours holds a final name
      dir.requireAbsentOrOwnFile(target);
      dir.requireAbsentOrOwnFile(sidecar);
      tmp = SafeFiles.createPartial(dir, target);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (streamTo != null && uploads == null) {
        throw new IllegalStateException(
            "a dump planned to stream to " + streamTo + " with nothing to stream it");
      }
      upload = streamTo == null ? null : uploads.start(streamTo, tmp.channel());
      writeBehind = new WriteBehind(tmp.channel());
      // the channel the partial was created with: large writes straight to the file, as before
      CountingOutput fileBytes =
          new CountingOutput(
              new DigestOutputStream(SafeFiles.output(tmp.channel()), sha), upload, writeBehind);
      // compress each part, join them in order, then (with encryptTo) encrypt, then checksum what
      // reaches the file: the .sha256 and the manifest describe the file as it lies on disk
      OutputStream joined =
          encryption == null ? fileBytes : encryption.encrypting(fileBytes, compressedName);
      for (int i = 1; i < parts.size(); i++) {
        spills.add(SafeFiles.createPartial(dir, target + ".stream" + i));
      }
      join = new SegmentJoin(joined, spills, encryption != null);
      int tableParts = TableStreams.streams(parts);
      int compressors = Math.max(1, (threads + tableParts - 1) / tableParts);
      Pump.SqlProgress sqlBytes = new Pump.SqlProgress(progress);
      // the first failure of any process: the cause, not the siblings it stopped
      AtomicReference<Exception> failure = new AtomicReference<>();
      Runnable stopAll = () -> pumps.forEach(Pump::kill);
      for (int i = 0; i < parts.size(); i++) {
        // a pipe of its own for each process: the option file's pipe serves one reader at a time
        options.add(OptionFile.write(connection));
        Process process =
            ChildProcesses.start(
                engine.dumpCommand(
                    options.get(i).argument(), database, parts.get(i), dataOnly, where),
                connection.password());
        pumps.add(
            new Pump(
                database,
                process,
                compression.wrap(join.segment(i), compressors),
                sqlBytes,
                failure,
                stopAll));
      }
      Pump.runAll(pumps, failure);
      joined.close();
      complete = true;
      String digest = HexFormat.of().formatHex(sha.digest());
      writeBehind.close();
      beforeCommit.run();
      SafeFiles.commit(tmp, target);
      committed = true;
      if (upload != null) {
        upload.finish(digest);
      }
      SafeFiles.writeAtomically(
          dir, sidecar, (digest + "  " + target + "\n").getBytes(StandardCharsets.UTF_8));
      return new DumpedFile(
          database,
          dir.resolve(target),
          fileBytes.count(),
          digest,
          sqlBytes.total(),
          (System.nanoTime() - started) / 1e9,
          tableParts);
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot write the dump of "
              + Printable.quote(database)
              + " to "
              + dir.path()
              + ": "
              + e.getMessage()
              + " — check free space and permissions; earlier dumps were left as they"
              + " were",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(
          Outcome.FAILED, "interrupted while dumping " + Printable.quote(database));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    } finally {
      options.forEach(OptionFile::close);
      if (!complete) {
        if (join != null) {
          join.discard();
        }
        pumps.forEach(Pump::abort);
        if (upload != null) {
          upload.abort();
        }
      }
      spills.forEach(SafeFiles.Partial::discard);
      if (writeBehind != null) {
        writeBehind.close();
      }
      if (tmp != null) {
        if (committed) {
          tmp.close();
        } else {
          tmp.discard();
        }
      }
    }
  }
}

package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;
import org.rdsecho.stage.Printable;

/**
 * Dumps one database with mysqldump/mariadb-dump, compressing and checksumming while the bytes
 * stream through: no uncompressed copy ever touches the disk. The file appears under its final
 * name only once complete, with its {@code .sha256} sidecar after it.
 */
public final class Dumper {
  private final MysqlTools tools;
  private final ConnectionSpec connection;
  private final Compression compression;
  private final int threads;
  private final PgpEncryption encryption;
  private StreamingUploads uploads;

  public Dumper(MysqlTools tools, ConnectionSpec connection, Compression compression, int threads) {
    this(tools, connection, compression, threads, null);
  }

  /** Streams each file to S3 as it is written (§14); null for none. */
  public Dumper uploadingTo(StreamingUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  /** @param encryption encrypts each file to these keys as it is written (§14); null for none */
  public Dumper(MysqlTools tools, ConnectionSpec connection, Compression compression, int threads,
      PgpEncryption encryption) {
    this.tools = tools;
    this.connection = connection;
    this.compression = compression;
    this.threads = threads;
    this.encryption = encryption;
  }

  public PgpEncryption encryption() {
    return encryption;
  }

  /** The dump command; the database's name is the last argument, so the dump has no USE. */
  List<String> command(OptionFile options, String database) {
    return command(options, database, List.of(), false, null);
  }

  /**
   * The dump command for some tables (all when empty), rows only with {@code dataOnly} (as
   * {@code mysqldump -t}, without triggers, routines or events), rows matching {@code where}.
   * The names follow {@code --}, so none can be read as an option.
   */
  List<String> command(OptionFile options, String database, List<String> tables, boolean dataOnly, String where) {
    List<String> command = new ArrayList<>(List.of(
        tools.dump().toString(),
        options.argument(),
        "--single-transaction",
        "--quick"));
    if (dataOnly) {
      command.addAll(List.of("--no-create-info", "--skip-triggers"));
    } else {
      command.addAll(List.of("--routines", "--triggers", "--events"));
    }
    if (where != null) {
      command.add("--where=" + where);
    }
    command.addAll(List.of(
        "--hex-blob",
        "--default-character-set=utf8mb4",
        "--max-allowed-packet=1G",
        "--net-buffer-length=1M",
        "--no-tablespaces",
        "--skip-dump-date"));
    if (tools.isMysqlDump()) {
      command.add("--set-gtid-purged=OFF");
      command.add("--column-statistics=0");
    }
    command.add("--");
    command.add(database);
    command.addAll(tables);
    return command;
  }

  /**
   * @param progress told the number of SQL bytes dumped so far, now and then
   * @param beforeCommit runs before the file takes its final name (checks the directory lock)
   */
  public DumpedFile dump(String database, Path dir, LongConsumer progress, Runnable beforeCommit) {
    return dump(database, List.of(), false, null, dir, progress, beforeCommit);
  }

  /** As above, for some tables, rows only or rows matching a condition. */
  public DumpedFile dump(String database, List<String> tables, boolean dataOnly, String where, Path dir,
      LongConsumer progress, Runnable beforeCommit) {
    String compressedName = FileNames.encode(database) + compression.extension();
    Path target = dir.resolve(compressedName + (encryption == null ? "" : PgpEncryption.EXTENSION));
    long started = System.nanoTime();
    Path tmp = null;
    WriteBehind writeBehind = null;
    try (OptionFile options = OptionFile.write(connection)) {
      tmp = SafeFiles.createPartial(target);
      Process process = ChildProcesses.start(command(options, database, tables, dataOnly, where),
          connection.password());
      process.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errors = Streams.drain(process.getErrorStream(), err, 64 * 1024);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StreamingUploads.Upload upload = uploads == null ? null : uploads.start(target.getFileName().toString(), tmp);
      writeBehind = new WriteBehind(tmp);
      Counting fileBytes = new Counting(new DigestOutputStream(Files.newOutputStream(tmp), sha), upload, writeBehind);
      // compress, then (with encryptTo) encrypt, then checksum what reaches the file: the .sha256
      // and the manifest describe the file as it lies on disk
      OutputStream compressed = compression.wrap(encryption == null ? fileBytes
          : encryption.encrypting(fileBytes, compressedName), threads);
      long sqlBytes = 0;
      boolean complete = false;
      try (InputStream sql = process.getInputStream()) {
        byte[] buffer = new byte[256 * 1024];
        int n;
        long reported = 0;
        while ((n = sql.read(buffer)) > 0) {
          compressed.write(buffer, 0, n);
          sqlBytes += n;
          if (sqlBytes - reported >= 64L << 20) {
            progress.accept(sqlBytes);
            reported = sqlBytes;
          }
        }
        int code = process.waitFor();
        errors.join();
        if (code != 0) {
          throw new EchoException(Outcome.FAILED, "dump of database " + Printable.quote(database) + " failed (exit " + code + "): "
              + ConnectionErrors.explain(err.toString(StandardCharsets.UTF_8)));
        }
        compressed.close();
        complete = true;
      } finally {
        if (!complete) {
          process.destroyForcibly();
          abort(compressed);
          if (upload != null) {
            upload.abort();
          }
        }
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      writeBehind.close();
      beforeCommit.run();
      SafeFiles.commit(tmp, target);
      tmp = null;
      if (upload != null) {
        upload.finish(digest);
      }
      Path sidecar = target.resolveSibling(target.getFileName() + ".sha256");
      SafeFiles.writeAtomically(sidecar, (digest + "  " + target.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
      return new DumpedFile(database, target, fileBytes.count, digest, sqlBytes, (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot write the dump of " + Printable.quote(database) + " to " + dir + ": "
          + e.getMessage() + " — check free space and permissions; earlier dumps were left as they were", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EchoException(Outcome.FAILED, "interrupted while dumping " + Printable.quote(database));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    } finally {
      if (writeBehind != null) {
        writeBehind.close();
      }
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a hidden .partial file; the next run removes it
        }
      }
    }
  }

  private static void abort(OutputStream compressed) {
    if (compressed instanceof ParallelGzipOutputStream gzip) {
      gzip.abort();
    }
    try {
      compressed.close();
    } catch (IOException | RuntimeException ignored) {
      // the partial file is deleted next
    }
  }

  /** Counts the bytes that reach the file, and tells a streaming upload how far it has grown. */
  private static final class Counting extends FilterOutputStream {
    long count;
    private final StreamingUploads.Upload upload;
    private final WriteBehind writeBehind;

    Counting(OutputStream out, StreamingUploads.Upload upload, WriteBehind writeBehind) {
      super(out);
      this.upload = upload;
      this.writeBehind = writeBehind;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
      grown();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
      grown();
    }

    private void grown() {
      writeBehind.written(count);
      if (upload != null) {
        upload.grown(count);
      }
    }
  }
}

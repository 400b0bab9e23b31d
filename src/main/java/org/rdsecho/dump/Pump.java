package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Copies one dump process's SQL into its compressor, on the thread that runs it. A failure is kept
 * (the first of the dump's) and stops the sibling processes, so one broken stream ends the dump.
 */
final class Pump implements Runnable {
  private final String database;
  private final Process process;
  private final OutputStream compressed;
  private final SqlProgress sqlBytes;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread errors;
  private final AtomicReference<Exception> failure;
  private final Runnable stopAll;

  Pump(
      String database,
      Process process,
      OutputStream compressed,
      SqlProgress sqlBytes,
      AtomicReference<Exception> failure,
      Runnable stopAll)
      throws IOException {
    this.database = database;
    this.process = process;
    this.compressed = compressed;
    this.sqlBytes = sqlBytes;
    this.failure = failure;
    this.stopAll = stopAll;
    process.getOutputStream().close();
    this.errors = Streams.drain(process.getErrorStream(), err, 64 * 1024);
  }

  void kill() {
    process.destroyForcibly();
  }

  @Override
  public void run() {
    try (InputStream sql = SandboxLine.stripped(process.getInputStream())) {
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = sql.read(buffer)) > 0) {
        compressed.write(buffer, 0, n);
        sqlBytes.add(n);
      }
      int code = process.waitFor();
      errors.join();
      if (code != 0) {
        throw new EchoException(
            Outcome.FAILED,
            "dump of database "
                + Printable.quote(database)
                + " failed (exit "
                + code
                + "): "
                + ConnectionErrors.explain(err.toString(StandardCharsets.UTF_8)));
      }
      compressed.close();
    } catch (IOException | RuntimeException e) {
      failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(e);
    }
  }

  private void failed(Exception e) {
    failure.compareAndSet(null, e);
    stopAll.run();
  }

  /** After a failure anywhere: the process stopped, the compressor's threads freed. */
  void abort() {
    kill();
    if (compressed instanceof ParallelGzipOutputStream gzip) {
      gzip.abort();
    }
    try {
      compressed.close();
    } catch (IOException | RuntimeException ignored) {
      // the partial file is deleted next
    }
  }

  /** Runs the pumps, the last on this thread; the first failure stops them all and is thrown. */
  static void runAll(List<Pump> pumps, AtomicReference<Exception> failure)
      throws IOException, InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (Pump pump : pumps.subList(0, pumps.size() - 1)) {
      Thread t = new Thread(pump, "dump-stream");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    pumps.get(pumps.size() - 1).run();
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() instanceof IOException e) {
      throw e;
    } else if (failure.get() instanceof InterruptedException e) {
      throw e;
    } else if (failure.get() instanceof RuntimeException e) {
      throw e;
    }
  }

  /** The SQL bytes all streams dumped, told to the progress callback every 64 MB. */
  static final class SqlProgress {
    private final LongConsumer progress;
    private long total;
    private long reported;

    SqlProgress(LongConsumer progress) {
      this.progress = progress;
    }

    synchronized void add(int n) {
      total += n;
      if (total - reported >= 64L << 20) {
        reported = total;
        progress.accept(total);
      }
    }

    synchronized long total() {
      return total;
    }
  }
}

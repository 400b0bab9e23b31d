package org.rdsecho.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an open that could block (a FIFO put in place between the look and the open) on a thread of
 * its own, and gives up after {@link #LIMIT_SECONDS}: the run fails naming the path instead of
 * hanging. What the abandoned open opens later is closed.
 */
final class BoundedOpen {
  static final long LIMIT_SECONDS = 5;

  private BoundedOpen() {}

  static <T> T run(Path path, Callable<T> open) throws IOException {
    FutureTask<T> task = new FutureTask<>(open);
    Thread opener = new Thread(task, "rds-echo-open");
    opener.setDaemon(true);
    opener.start();
    try {
      return task.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw Refusal.blocked(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + path, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }
}

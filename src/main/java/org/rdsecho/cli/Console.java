package org.rdsecho.cli;

import java.io.PrintStream;

/**
 * Progress and warnings for the operator, on stderr (stdout is kept for the result), and every line
 * into the log file. Quiet mode ({@code -q}, for cron) prints none of it: the log still gets all of
 * it.
 */
public final class Console {
  private final PrintStream err;
  private final boolean quiet;
  private final LogFile log;

  Console(PrintStream err, boolean quiet, LogFile log) {
    this.err = err;
    this.quiet = quiet;
    this.log = log;
  }

  public void progress(String line) {
    log.line(line);
    if (!quiet) {
      err.println(line);
      err.flush();
    }
  }

  public void warn(String line) {
    log.line("warning: " + line);
    if (!quiet) {
      err.println("warning: " + line);
      err.flush();
    }
  }

  /** A write to AWS or a file, for the log's story; shown like progress. */
  public void wrote(String what) {
    progress(what);
  }

  /** Only into the log: what was observed, which the operator need not see on every run. */
  public void observed(String what) {
    log.line(what);
  }

  PrintStream stream() {
    return err;
  }
}

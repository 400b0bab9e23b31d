package org.rdsecho.cli;

import java.io.PrintStream;

/**
 * Progress and warnings for the operator, on stderr (stdout is kept for the result). Quiet
 * mode keeps only warnings.
 */
public final class Console {
  private final PrintStream err;
  private final boolean quiet;

  Console(PrintStream err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  public void progress(String line) {
    if (!quiet) {
      err.println(line);
      err.flush();
    }
  }

  public void warn(String line) {
    err.println("warning: " + line);
    err.flush();
  }

  PrintStream stream() {
    return err;
  }
}

package org.rdsecho.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runs a shell line for a test and returns its output. */
final class PrivateMariaDbShell {
  private PrivateMariaDbShell() {}

  static String run(String line) {
    try {
      Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package org.rdsecho.stage;

import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The SQL client found on PATH, and whether it reads its input as data only (§16: MariaDB's {@code
 * --sandbox} with {@code --binary-mode}). Observed before deciding, so a command that would feed it
 * text from outside refuses in its plan, also under {@code --dry-run}; the load itself checks
 * again.
 */
public record ClientSeen(String path, boolean sandboxes) {

  /**
   * Refuses (4) to feed text from outside (a dump from the share or S3, rows dumped from another
   * server) to a client that would run the client commands in it.
   *
   * @param what what would be fed, for the message
   */
  public void requireSandbox(String what) {
    if (!sandboxes) {
      throw new EchoException(
          Outcome.REFUSED,
          "refusing to feed "
              + what
              + " to "
              + path
              + ": this client has no"
              + " --sandbox mode, so a client command in the dump (\\!, system, source, ...) would run on this machine;"
              + " install MariaDB's client 10.5.25, 10.6.18, 10.11.8, 11.0.6 or later (Debian: apt-get install"
              + " mariadb-client) and put it first on PATH");
    }
  }
}

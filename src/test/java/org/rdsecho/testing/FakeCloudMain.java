package org.rdsecho.testing;

import java.nio.file.Path;

/**
 * Runs one rds-echo command in a JVM of its own against the in-memory cloud, with a clone served by
 * a private MariaDB, so a test can kill the tool's process for real ({@code SIGKILL}, {@code
 * SIGTERM}) in the middle of a dump. The process's real environment is the tool's.
 *
 * <p>Arguments: work directory, server port, database, then the command line.
 */
public final class FakeCloudMain {
  private FakeCloudMain() {}

  public static void main(String[] args) {
    String stage = System.getenv().getOrDefault("RDS_ECHO_TEST_STAGE", "rebooted");
    Harness h =
        new Harness(Path.of(args[0])).cloneServedAt(Integer.parseInt(args[1]), args[2], stage);
    // extra keys, k=v;k=v, for the command under test
    for (String pair : System.getenv().getOrDefault("RDS_ECHO_TEST_CONFIG", "").split(";")) {
      if (pair.contains("=")) {
        h.config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    // tags on the clone, k=v;k=v (what an earlier run in another process recorded, say)
    for (String pair : System.getenv().getOrDefault("RDS_ECHO_TEST_TAGS", "").split(";")) {
      if (pair.contains("=")) {
        h.rds
            .instance(Harness.newCloneId())
            .tags
            .put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    h.variables.clear();
    h.variables.putAll(System.getenv());
    String[] command = java.util.Arrays.copyOfRange(args, 3, args.length);
    Harness.Run run = h.run(command);
    System.out.print(run.out());
    System.err.print(run.err());
    System.exit(run.exitCode());
  }
}

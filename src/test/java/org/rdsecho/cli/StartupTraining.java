package org.rdsecho.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rdsecho.dump.DataPlaneTraining;

/**
 * The launcher's training run for its class-data sharing archive (issue 12): {@code status} and
 * {@code export --dry-run} of a stub clone, in one JVM, against {@link RdsStub} on loopback, so the
 * archive holds what a stage command loads end to end (configuration, the SDK's RDS client, the
 * request and the response, the planners, the data plane up to its first connection, which is
 * refused), a tag written ({@code reboot} of a clone with nothing pending), then the compressors an
 * export streams through and its manifest ({@link DataPlaneTraining}). Nothing outside a temporary
 * directory is touched; its output is thrown away.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    // the launcher's entry point, which the runs below bypass (it exits the JVM)
    Class.forName(Main.class.getName(), false, StartupTraining.class.getClassLoader());
    Path dir = Files.createTempDirectory("rds-echo-training-");
    try (RdsStub rds = new RdsStub(9)) {
      Files.writeString(
          dir.resolve("rdsecho.properties"),
          String.join(
              "\n",
              "rdsecho.name=bench",
              "rdsecho.region=us-east-1",
              "rdsecho.snapshot.dbInstanceIdentifier=production",
              "rdsecho.export.user=training",
              "rdsecho.export.host=127.0.0.1",
              "rdsecho.export.port=9",
              "rdsecho.export.dir=dumps/{date}",
              ""));
      rds.rebooted();
      String config = dir.resolve("rdsecho.properties").toString();
      // reboot of a modified clone with nothing pending only tags it: the SDK's write path, which
      // every stage command ends with; -o json for the JSON output
      for (String[] command :
          new String[][] {
            {"status"}, {"export", "--dry-run"}, {"--help"}, {"reboot"}, {"-o", "json", "status"}
          }) {
        if (command[0].equals("reboot")) {
          rds.stage("modified");
        }
        String[] line = new String[command.length + 4];
        line[0] = "--endpoint-url";
        line[1] = rds.endpoint();
        line[2] = "-c";
        line[3] = config;
        System.arraycopy(command, 0, line, 4, command.length);
        new RdsEcho(Environment.system()).run(line);
      }
      DataPlaneTraining.exercise(dir);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

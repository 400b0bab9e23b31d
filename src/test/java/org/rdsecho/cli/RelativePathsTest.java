package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Relative paths in a properties file mean the files beside it, wherever cron starts the tool
 * (§17); and {@code new} and {@code advance} find a configured file that is not there before they
 * restore anything, not at the sanitize step an hour later.
 */
class RelativePathsTest {
  @TempDir Path dir;

  private Harness echoInItsOwnDirectory(String... lines) throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.writeConfigFile = false;
    Path echo = Files.createDirectories(dir.resolve("echo-dev"));
    StringBuilder text = new StringBuilder();
    h.config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(echo.resolve("rdsecho.properties"), text);
    return h;
  }

  @Test
  void filesAndDirectoriesOfThePropertiesFileResolveBesideItAndDashDOnesInTheWorkingDirectory()
      throws Exception {
    echoInItsOwnDirectory(
        "rdsecho.sanitize.scripts=scrub.sql, sql/more.sql",
        "rdsecho.sanitize.dir=clean/{date}",
        "rdsecho.export.dir=/srv/dumps/{date}",
        "rdsecho.log.dir=logs",
        "rdsecho.export.encryptTo=keys/team.asc");
    EchoConfig config =
        EchoConfig.from(
            org.rdsecho.config.RawConfig.load(
                Path.of("echo-dev/rdsecho.properties"),
                dir,
                null,
                new java.util.Properties(),
                java.util.Map.of("rdsecho.sanitize.checks", "checks.sql")));
    Path echo = dir.resolve("echo-dev");
    assertEquals(
        List.of(echo.resolve("scrub.sql").toString(), echo.resolve("sql/more.sql").toString()),
        config.sanitize().scripts());
    assertEquals(echo.resolve("clean/{date}").toString(), config.sanitize().dir());
    assertEquals("/srv/dumps/{date}", config.export().dir(), "absolute paths stay as they are");
    assertEquals(echo.resolve("logs"), config.logDir());
    assertEquals(List.of(echo.resolve("keys/team.asc").toString()), config.export().encryptTo());
    assertEquals(
        "checks.sql",
        config.sanitize().checks(),
        "-D is typed where the command runs: the working directory");
  }

  @Test
  void aListOfFilesBesideAFileInADirectoryWithACommaIsAClearErrorNotTwoFiles() throws Exception {
    Path odd = Files.createDirectories(dir.resolve("team a, b"));
    Files.writeString(
        odd.resolve("rdsecho.properties"),
        "rdsecho.name=development\nrdsecho.sanitize.scripts=scrub.sql\n");
    org.rdsecho.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rdsecho.config.ConfigException.class,
            () ->
                org.rdsecho.config.RawConfig.load(
                    Path.of("team a, b/rdsecho.properties"),
                    dir,
                    null,
                    new java.util.Properties(),
                    java.util.Map.of()));
    assertTrue(
        e.getMessage().contains("rdsecho.sanitize.scripts names scrub.sql")
            && e.getMessage().contains("comma"),
        e.getMessage());
  }

  @Test
  void newNamesAMissingScriptBeforeItRestoresAnything() throws Exception {
    Harness h =
        echoInItsOwnDirectory("rdsecho.sanitize.scripts=scrub.sql", "rdsecho.sanitize.dir=clean");
    Files.writeString(
        dir.resolve("scrub.sql"),
        "UPDATE users SET email = NULL;\n"); // beside the cwd, not the file
    for (String command : List.of("new", "advance")) {
      Run run = h.run("-c", "echo-dev/rdsecho.properties", command, "--yes");
      assertEquals(2, run.exitCode(), command + ": " + run.out() + run.err());
      assertTrue(
          run.err()
              .contains(
                  "rdsecho.sanitize.scripts names "
                      + dir.resolve("echo-dev/scrub.sql")
                      + ", which is missing"),
          run.err());
      assertEquals(List.of(), h.rds.writeLog(), command + " wrote nothing to AWS");
    }

    Files.move(dir.resolve("scrub.sql"), dir.resolve("echo-dev/scrub.sql"));
    Run run = h.run("-c", "echo-dev/rdsecho.properties", "new");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(h.rds.instances().containsKey(Harness.newCloneId()));
  }

  @Test
  void aKeyFileThatCannotEncryptOrADumpDirectoryUnderAFileStopsNewBeforeAnyWrite()
      throws Exception {
    Files.writeString(dir.resolve("not-a-key.asc"), "hello\n");
    Files.writeString(dir.resolve("afile"), "x");
    for (String[] bad :
        new String[][] {
          {"rdsecho.export.encryptTo=../not-a-key.asc", "rdsecho.export.encryptTo"},
          {"rdsecho.export.dir=../afile/{date}", "rdsecho.export.dir"},
          {"rdsecho.export.passwordFile=no-such-password", "rdsecho.export.passwordFile"}
        }) {
      Harness h = echoInItsOwnDirectory("rdsecho.export.dir=dumps/{date}", bad[0]);
      Run run = h.run("-c", "echo-dev/rdsecho.properties", "new");
      assertEquals(2, run.exitCode(), bad[0] + ": " + run.out() + run.err());
      assertTrue(run.err().contains(bad[1]), run.err());
      assertEquals(List.of(), h.rds.writeLog(), bad[0]);
      if (bad[1].contains("password")) {
        assertTrue(
            !run.err().contains("no-such-password"),
            "a password file's name is not shown: " + run.err());
      }
    }
  }
}

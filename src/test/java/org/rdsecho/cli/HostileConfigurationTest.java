package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Issue "Trust under attack", findings 9 (configuration side) and 11: limits, encodings, literal
 * values, masked secrets in messages and private log files.
 */
class HostileConfigurationTest {
  @TempDir Path dir;

  @Test
  void aTimeoutBeyondThirtyDaysIsAUsageErrorWithoutAStackTrace() {
    Harness h = new Harness(dir).usualNight();
    for (String timeout :
        new String[] {"99999999999999h", "721h", "9223372036854775807s", "PT999999999999H"}) {
      Run run = h.run("modify", "--wait", "--timeout", timeout);
      assertEquals(2, run.exitCode(), timeout + ": " + run.out() + run.err());
      assertTrue(run.err().contains("longer than 30 days"), run.err());
      assertFalse((run.out() + run.err()).contains("Exception"), run.err());
    }
    Run json = h.run("-o", "json", "modify", "--wait", "--timeout", "99999999999999h");
    assertEquals(2, json.exitCode());
    assertTrue(json.out().startsWith("{") && json.out().contains("\"exitCode\":2"), json.out());
    assertEquals(0, h.run("status", "--timeout", "720h").exitCode());
  }

  @Test
  void waitGivesUpWithinAPollOfItsTimeoutNotAFullPollAfter() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("new", "creating");

    Run run = h.run("modify", "--wait", "--timeout", "25s");
    assertEquals(75, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("gave up waiting after 25s"), run.out());
    assertEquals(
        Duration.ofSeconds(25),
        Duration.between(Harness.START, h.clock.instant()),
        "slept to the deadline");
  }

  @Test
  void aLatin1PropertiesFileOfZeroOneIsReadAsLatin1() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.writeConfigFile = false;
    byte[] latin1 =
        ("# Datenbank für die Entwicklung (Jürgen)\n"
                + "rdsecho.name=development\nrdsecho.region=us-east-1\n"
                + "rdsecho.snapshot.dbInstanceIdentifier=production\n"
                + "rdsecho.promote.tags=owner=J\u00fcrgen\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("rdsecho.properties"), latin1);
    Run run = h.run("status");
    assertEquals(0, run.exitCode(), run.out() + run.err());

    EchoConfig config =
        EchoConfig.from(RawConfig.load(null, dir, null, new Properties(), Map.of()));
    assertEquals("J\u00fcrgen", config.promote().tags().get("owner"));
  }

  @Test
  void valuesAreLiteralNoInterpolationNoInclude() throws Exception {
    Files.writeString(dir.resolve("other.properties"), "rdsecho.region=eu-west-1\n");
    Files.writeString(
        dir.resolve("rdsecho.properties"),
        "rdsecho.name=development\n"
            + "rdsecho.export.password=${env:HOME}p${sys:user.name}w${file:UTF-8:/etc/hostname}\n"
            + "rdsecho.export.user=${rdsecho.name}\n"
            + "include=other.properties\n");
    EchoConfig config =
        EchoConfig.from(RawConfig.load(null, dir, null, new Properties(), Map.of()));
    assertEquals(
        "${env:HOME}p${sys:user.name}w${file:UTF-8:/etc/hostname}", config.export().password());
    assertEquals("${rdsecho.name}", config.export().user());
    assertEquals(null, config.region(), "include is not followed");
  }

  @Test
  void anRdsEchoOptsErrorNeverQuotesAPieceOfAPassword() {
    Harness h = new Harness(dir).usualNight();
    h.variables.put("RDS_ECHO_OPTS", "-Drdsecho.export.password=correct horse battery");
    Run run = h.run("status");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("word 2 of 3, not shown"), run.err());
    assertFalse(run.err().contains("horse") || run.err().contains("battery"), run.err());

    Run define = h.run("status", "-D", "hunter2");
    assertEquals(2, define.exitCode());
    assertFalse(define.err().contains("hunter2"), define.err());
  }

  @Test
  void aPasswordPutWhereAVariableNameBelongsIsNeverPrinted() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.export.dir", "dumps");
    h.config.put("rdsecho.export.passwordEnv", "s3cr3t-P4ss");
    Run run = h.run("export");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err()
            .contains("rdsecho.export.passwordEnv names an environment variable that is not set"),
        run.err());
    assertFalse(run.err().contains("s3cr3t"), run.err());

    h.config.remove("rdsecho.export.passwordEnv");
    h.config.put("rdsecho.export.passwordFile", "s3cr3t-P4ss");
    Run file = h.run("export");
    assertEquals(2, file.exitCode(), file.out() + file.err());
    assertFalse(file.err().contains("s3cr3t"), file.err());
  }

  @Test
  void logFilesAreOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.log.dir", "logs/rds-echo");
    assertEquals(0, h.run("status").exitCode());
    Path log = dir.resolve("logs/rds-echo/2026-11-21-development.log");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, h.run("status").exitCode());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(log)),
        "tightened");
  }

  @Test
  void aLockDirectoryOthersMayWriteIsRefusedWithAClearMessage() throws Exception {
    Harness h = new Harness(dir).usualNight();
    Path locks = Files.createDirectories(dir.resolve("shared-locks"));
    Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwxrwxrwx"));
    h.variables.put("RDS_ECHO_LOCK_DIR", locks.toString());
    Run run = h.run("modify");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.err().contains("cannot take the run lock in " + locks)
            && run.err().contains("may be written by others")
            && run.err().contains("RDS_ECHO_LOCK_DIR"),
        run.err());
    assertEquals(java.util.List.of(), h.rds.writeLog());
  }

  @Test
  void sanitizedDumpsMayNotShareTheRawDumpsDirectory() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("exported", "available");
    h.config.put("rdsecho.export.dir", "dumps/{date}");
    h.config.put("rdsecho.sanitize.dir", "dumps/{date}");
    h.config.put("rdsecho.sanitize.scripts", "scrub.sql");
    Run run = h.run("sanitize");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("rdsecho.sanitize.dir is the same as rdsecho.export.dir"), run.err());
  }

  @Test
  void exportTablesTakeDatabaseDotTableAndKeepTheirOrder() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.export.tables", "billing");
    Run run = h.run("status");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("rdsecho.export.tables='billing' (from ")
            && run.err().contains("expected comma-separated database.table names"),
        run.err());
    h.config.put("rdsecho.export.tables", "zeta.t2, alpha.t1, zeta.t1");
    assertEquals(
        List.of("zeta", "alpha"), List.copyOf(h.parsedConfig().export().tables().keySet()));
    assertEquals(List.of("t2", "t1"), h.parsedConfig().export().tables().get("zeta"));
  }
}

package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * §16 "Dumps are data": a client that cannot be sandboxed is refused before any dump reaches it.
 */
class MysqlToolsTest {
  @TempDir Path dir;

  private MysqlTools client(String name, String help) throws Exception {
    for (String tool : new String[] {name, "mysqldump"}) {
      Path script = dir.resolve(tool);
      Files.writeString(script, "#!/bin/sh\ncat <<'HELP'\n" + help + "\nHELP\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }
    return MysqlTools.find(dir.toString());
  }

  @Test
  void aClientWithoutSandboxIsRefusedNamingItAndWhatToInstall() throws Exception {
    MysqlTools mysql =
        client(
            "mysql", "mysql  Ver 8.0.40 for Linux on x86_64\n  --binary-mode       By default...");
    assertFalse(mysql.sandboxes());
    EchoException e =
        assertThrows(EchoException.class, () -> mysql.requireSandbox("the dumps of /srv/d"));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(
        e.getMessage()
            .contains(
                "refusing to feed the dumps of /srv/d to "
                    + dir.resolve("mysql")
                    + ": this client has no --sandbox mode"),
        e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install mariadb-client"), e.getMessage());
  }

  @Test
  void mariaDbsClientWithSandboxAndBinaryModeIsAccepted() throws Exception {
    MysqlTools mariadb =
        client(
            "mariadb",
            "  --binary-mode       By default...\n  --sandbox           Disallow commands"
                + " that access the file system");
    assertTrue(mariadb.sandboxes());
    mariadb.requireSandbox("anything");
  }

  @Test
  void theInstalledClientHasTheSandbox() {
    // the machines the suite runs on have Debian's MariaDB client, which verify and carry need
    assertTrue(MysqlTools.find(System.getenv("PATH")).sandboxes());
  }
}

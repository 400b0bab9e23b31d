package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictLoadTest {
  private static String through(String dump) throws IOException {
    try (StrictLoad in =
        new StrictLoad(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void strictModeIsSetAfterTheHeaderJustBeforeTheFirstRows() throws IOException {
    String header =
        "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump\n"
            + "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\n";
    String rows =
        "REPLACE INTO `t` (`id`) VALUES (1),(2);\nREPLACE INTO `t` (`id`) VALUES (3);\n"
            + "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n";
    assertEquals(header + StrictLoad.STRICT + rows, through(header + rows));
    assertEquals("INSERT" + "\n", through("INSERT\n"), "a word alone is no statement");
    assertEquals(
        StrictLoad.STRICT + "INSERT INTO t VALUES (1);", through("INSERT INTO t VALUES (1);"));
  }

  @Test
  void aDumpWithoutRowsPassesThroughUnchanged() throws IOException {
    String header =
        "-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\n-- a long comment line "
            + "x".repeat(10000);
    assertEquals(header, through(header));
    assertEquals("", through(""));
  }
}

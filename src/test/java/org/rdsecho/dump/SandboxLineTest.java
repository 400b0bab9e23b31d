package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rdsecho.testing.ClientCommands;

class SandboxLineTest {
  private static String through(String sql) throws IOException {
    return new String(
        SandboxLine.stripped(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)))
            .readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void mariaDbsSandboxLineIsDroppedSoOraclesClientLoadsTheDump() throws IOException {
    String dump =
        "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19\nINSERT INTO t VALUES ('a\\\\b');\n";
    assertEquals(
        java.util.List.of("line 1: \\-"), ClientCommands.in(dump), "what Oracle's client stops at");
    String out = through(dump);
    assertEquals("-- MariaDB dump 10.19\nINSERT INTO t VALUES ('a\\\\b');\n", out);
    assertEquals(java.util.List.of(), ClientCommands.in(out));
  }

  @Test
  void anythingElseIsLeftAsItIsShortOrLong() throws IOException {
    assertEquals("", through(""));
    assertEquals("-- MySQL dump\n", through("-- MySQL dump\n"));
    assertEquals("/*M!999999\\- enable", through("/*M!999999\\- enable"));
    assertEquals(
        "/*M!999999\\- enable the sandbox mode */ SELECT 1;\n",
        through("/*M!999999\\- enable the sandbox mode */ SELECT 1;\n"),
        "not a line of its own");
    assertEquals("x\n", through("/*M!999999\\- enable the sandbox mode */\r\nx\n"));
    String later = "-- dump\n/*M!999999\\- enable the sandbox mode */\n";
    assertEquals(later, through(later), "only a first line is MariaDB's header");
  }
}

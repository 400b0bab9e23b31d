package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path that starts with {@code ~} means the home directory, from every layer of the config. */
class HomePathsTest {
  @TempDir Path dir;

  private RawConfig load(String file, String opts, Map<String, String> overrides, String home)
      throws IOException {
    Files.writeString(dir.resolve("rdsecho.properties"), file);
    Properties system = new Properties();
    if (home != null) {
      system.setProperty("user.home", home);
    }
    return RawConfig.load(null, dir, opts, system, overrides);
  }

  @Test
  void aTildeInTheFileIsTheHomeDirectoryNotADirectoryBesideTheFile() throws IOException {
    RawConfig raw =
        load(
            "rdsecho.export.dir=~/dumps/{name}\nrdsecho.log.dir=~\n"
                + "rdsecho.sanitize.scripts=~/scrub.sql, scrub2.sql\n",
            null,
            Map.of(),
            "/home/ops");
    assertEquals("/home/ops/dumps/{name}", raw.get(ConfigKeys.EXPORT_DIR).orElseThrow());
    assertEquals("/home/ops", raw.get(ConfigKeys.LOG_DIR).orElseThrow());
    assertEquals(
        "/home/ops/scrub.sql," + dir.resolve("scrub2.sql"),
        raw.get(ConfigKeys.SANITIZE_SCRIPTS).orElseThrow(),
        "each entry of a list on its own; a relative one still resolves beside the file");
  }

  @Test
  void aTildeFromRdsEchoOptsOrDOptionsIsTheHomeDirectoryToo() throws IOException {
    RawConfig raw =
        load(
            "rdsecho.name=x\n",
            "-Drdsecho.export.passwordFile=~/.rds-echo/password",
            Map.of(ConfigKeys.SANITIZE_DIR, "~/scrubbed"),
            "/home/ops/");
    assertEquals(
        "/home/ops/.rds-echo/password", raw.get(ConfigKeys.EXPORT_PASSWORD_FILE).orElseThrow());
    assertEquals("/home/ops/scrubbed", raw.get(ConfigKeys.SANITIZE_DIR).orElseThrow());
  }

  @Test
  void aTildeInsideAPathOrInAKeyThatIsNoPathStaysAsWritten() throws IOException {
    RawConfig raw =
        load(
            "rdsecho.export.dir=/srv/~dumps\nrdsecho.new.tags=owner=~ops\n",
            null,
            Map.of(),
            "/home/ops");
    assertEquals("/srv/~dumps", raw.get(ConfigKeys.EXPORT_DIR).orElseThrow());
    assertEquals("owner=~ops", raw.get(ConfigKeys.NEW_TAGS).orElseThrow());
  }

  @Test
  void anotherUsersHomeIsRefusedNamingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load("rdsecho.export.dir=~bob/dumps\n", null, Map.of(), "/home/ops"));
    assertTrue(e.getMessage().startsWith("rdsecho.export.dir names ~bob/dumps"), e.getMessage());
    assertTrue(e.getMessage().contains("give the absolute path"), e.getMessage());
  }

  @Test
  void aTildeWithNoKnownHomeIsRefusedRatherThanMadeIntoADirectoryNamedTilde() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> load("", "-Drdsecho.log.dir=~/logs", Map.of(), null));
    assertTrue(e.getMessage().startsWith("rdsecho.log.dir names ~/logs"), e.getMessage());
  }

  @Test
  void aHomeWhoseNameHoldsACommaIsRefusedInAListOfFilesRatherThanReadAsTwo() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load("rdsecho.export.encryptTo=~/ops.asc\n", null, Map.of(), "/home/a,b"));
    assertTrue(
        e.getMessage().startsWith("rdsecho.export.encryptTo names ~/ops.asc"), e.getMessage());
  }
}

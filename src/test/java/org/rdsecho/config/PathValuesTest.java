package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one walk over path values, which resolving beside the file and {@code ~} both take. */
class PathValuesTest {
  @TempDir Path dir;

  @Test
  void aListEntryResolvedBesideAFileInADirectoryWithACommaIsRefusedRatherThanReadAsTwo()
      throws Exception {
    Path odd = Files.createDirectory(dir.resolve("a,b"));
    Files.writeString(odd.resolve("rdsecho.properties"), "rdsecho.sanitize.scripts=scrub.sql\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                RawConfig.load(
                    odd.resolve("rdsecho.properties"), dir, null, new Properties(), Map.of()));
    assertTrue(
        e.getMessage().startsWith("rdsecho.sanitize.scripts names scrub.sql, which stands for "),
        e.getMessage());
  }

  @Test
  void blankEntriesAndOtherKeysAreLeftAsWritten() {
    assertEquals("a=b,c", PathValues.map("rdsecho.new.tags", "a=b,c", p -> "/x/" + p));
    assertEquals("/x/a,,/x/b", PathValues.map("rdsecho.sanitize.scripts", "a,,b", p -> "/x/" + p));
    assertEquals("/x/d", PathValues.map(" rdsecho.export.dir ", " d ", p -> "/x/" + p));
  }
}

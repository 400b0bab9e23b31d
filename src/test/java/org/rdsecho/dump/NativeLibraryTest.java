package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {
  @Test
  void aLibraryTheBuildDidNotMakeIsExplainedNotThrown() {
    Optional<String> why = NativeLibrary.load("no-such-library");
    assertEquals(
        Optional.of("this build has no no-such-library for " + NativeLibrary.platform()), why);
  }

  @Test
  void loadingLeavesNothingInTheTemporaryDirectory() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    NativeLibrary.load("rdsecho-deflate");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(
          0, left.filter(p -> p.getFileName().toString().startsWith("rdsecho-native-")).count());
    }
  }

  @Test
  void platformNamesFollowTheBuildScript() {
    assertTrue(NativeLibrary.platform().matches("[a-z]+-[a-z0-9_]+"), NativeLibrary.platform());
  }
}

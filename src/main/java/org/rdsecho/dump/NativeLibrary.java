package org.rdsecho.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads a JNI library the build put in the jar under {@code native/<os>-<arch>/}: copied to a
 * private directory, loaded, and deleted at once (the loaded mapping stays), so nothing is left
 * behind in /tmp even when the process is killed.
 */
final class NativeLibrary {
  private NativeLibrary() {}

  /** Empty when loaded; otherwise why not, for the operator. */
  static Optional<String> load(String name) {
    String platform = platform();
    String resource = "/native/" + platform + "/lib" + name + ".so";
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.of("this build has no " + name + " for " + platform);
      }
      Path dir =
          Files.createTempDirectory(
              "rdsecho-native-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = dir.resolve("lib" + name + ".so");
      try {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        System.load(file.toString());
        return Optional.empty();
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException | LinkageError | SecurityException | UnsupportedOperationException e) {
      return Optional.of("cannot load lib" + name + ".so from the jar (" + e + ")");
    }
  }

  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replace(" ", "");
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> System.getProperty("os.arch");
        };
    return os + "-" + arch;
  }
}

package org.rdsecho.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds finished dump sets by their manifests. A pipeline without DNS deletes its clone once the
 * dumps are written, so the manifest is what remembers that a snapshot was done: {@code new}
 * asks here before restoring it again.
 */
public final class DumpSets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DumpSets() {}

  /**
   * The directory of a complete set of this echo name and kind made from {@code snapshotId}, under
   * the part of {@code template} that has no placeholder left once {@code {name}} is filled in.
   */
  public static Optional<Path> complete(Path workDir, String template, String name, String kind, String snapshotId) {
    String expanded = template.replace("{name}", name);
    int placeholder = expanded.indexOf('{');
    Path fixed = workDir.resolve(placeholder < 0 ? expanded : expanded.substring(0, placeholder));
    Path root = placeholder < 0 || expanded.substring(0, placeholder).endsWith("/") ? fixed : fixed.getParent();
    if (root == null || !Files.isDirectory(root)) {
      return Optional.empty();
    }
    int depth = placeholder < 0 ? 0 : (int) expanded.substring(placeholder).chars().filter(c -> c == '/').count() + 1;
    try (Stream<Path> found = Files.walk(root, depth + 1)) {
      return found.filter(p -> p.getFileName().toString().equals(Exporter.MANIFEST))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> matches(p, name, kind, snapshotId))
          .map(Path::getParent)
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable share: restoring again is the safe side
    }
  }

  private static boolean matches(Path manifest, String name, String kind, String snapshotId) {
    try {
      JsonNode m = JSON.readTree(manifest.toFile());
      return "rds-echo".equals(m.path("tool").asText()) && name.equals(m.path("name").asText())
          && kind.equals(m.path("kind").asText()) && snapshotId.equals(m.path("snapshot").asText());
    } catch (IOException e) {
      return false;
    }
  }
}

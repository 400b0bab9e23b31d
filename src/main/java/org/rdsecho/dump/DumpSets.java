package org.rdsecho.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;

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
    return complete(workDir, template, name, kind, snapshotId::equals);
  }

  /** As above, for a set whose snapshot (or point-in-time identity) satisfies {@code snapshot}. */
  public static Optional<Path> complete(Path workDir, String template, String name, String kind,
      java.util.function.Predicate<String> snapshot) {
    try (Stream<Path> found = manifests(workDir, template.replace("{name}", name))) {
      return found.filter(p -> matches(p, name, kind, snapshot)).map(Path::getParent).findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable share: restoring again is the safe side
    }
  }

  /**
   * The manifests (plain files) under the part of {@code expanded} that has no placeholder left,
   * down to as many levels as the placeholders take.
   */
  private static Stream<Path> manifests(Path workDir, String expanded) throws IOException {
    int placeholder = expanded.indexOf('{');
    Path fixed = workDir.resolve(placeholder < 0 ? expanded : expanded.substring(0, placeholder));
    Path root = placeholder < 0 || expanded.substring(0, placeholder).endsWith("/") ? fixed : fixed.getParent();
    if (root == null || !Files.isDirectory(root)) {
      return Stream.empty();
    }
    int depth = placeholder < 0 ? 0 : (int) expanded.substring(placeholder).chars().filter(c -> c == '/').count() + 1;
    return Files.walk(root, depth + 1)
        .filter(p -> p.getFileName().toString().equals(Exporter.MANIFEST))
        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * The newest complete set (by the manifest's finishedAt) of this echo name and kind that was
   * dumped from {@code instanceId}, under {@code template} as {@link #complete} looks.
   */
  public static Optional<Path> newestOf(Path workDir, String template, String name, String kind, String instanceId) {
    try (Stream<Path> found = manifests(workDir, template.replace("{name}", name).replace("{instance}", instanceId))) {
      return found.map(Path::getParent)
          .filter(dir -> manifest(dir).filter(m -> "rds-echo".equals(m.path("tool").asText())
              && name.equals(m.path("name").asText()) && kind.equals(m.path("kind").asText())
              && instanceId.equals(m.path("instance").asText())).isPresent())
          .max(java.util.Comparator.comparing(dir -> manifest(dir).map(m -> m.path("finishedAt").asText()).orElse("")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The complete sets of this echo name and kind that claim to be dumped from {@code instanceId},
   * newest first (by the manifest's finishedAt): claims only, which {@code verify} then checks
   * against the digest recorded on the clone.
   */
  public static List<Path> claimedBy(Path workDir, String template, String name, String kind, String instanceId) {
    try (Stream<Path> found = manifests(workDir, template.replace("{name}", name).replace("{instance}", instanceId))) {
      return found.map(Path::getParent)
          .filter(dir -> manifest(dir).filter(m -> "rds-echo".equals(m.path("tool").asText())
              && name.equals(m.path("name").asText()) && kind.equals(m.path("kind").asText())
              && instanceId.equals(m.path("instance").asText())).isPresent())
          .sorted(java.util.Comparator.comparing((Path dir) -> manifest(dir).map(m -> m.path("finishedAt").asText())
              .orElse("")).reversed())
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** A set's manifest as bytes (what its digest is taken of); empty when there is none or it is not a plain file. */
  public static Optional<byte[]> manifestBytes(Path dir) {
    Path m = dir.resolve(Exporter.MANIFEST);
    try {
      return Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(m)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A set's manifest, read; empty when there is none (or it is not a plain file). */
  public static Optional<JsonNode> manifestOf(Path dir) {
    return manifest(dir);
  }

  /** The complete sets of this echo name and kind beside {@code dir} (links and others' sets left out). */
  public static List<DumpPlanner.DumpSet> siblings(Path dir, String name, String kind) {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(parent)) {
      return all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> manifest(p).filter(m -> "rds-echo".equals(m.path("tool").asText())
                  && name.equals(m.path("name").asText()) && kind.equals(m.path("kind").asText()))
              .map(m -> new DumpPlanner.DumpSet(p.toString(), m.path("finishedAt").asText(), DirectoryLock.isHeld(p))))
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      return List.of(); // an unreadable share: nothing is pruned
    }
  }

  /**
   * Deletes a set: the files its manifest lists (plain names inside it), their sidecars, then
   * the manifest and the emptied directory; anything else there is left. A set another run holds
   * the lock of is left whole.
   */
  public static void remove(Path dir, Consumer<String> progress) {
    if (DirectoryLock.isHeld(dir)) {
      progress.accept("left " + dir + " alone: another run holds its lock");
      return;
    }
    Optional<JsonNode> manifest = manifest(dir);
    if (manifest.isEmpty()) {
      return; // already removed by an earlier run
    }
    try {
      for (JsonNode db : manifest.get().path("databases")) {
        String file = db.path("file").asText("");
        // a manifest is a file on a share: only plain names inside this directory are followed
        if (file.isEmpty() || file.contains("/") || file.startsWith(".")
            || !file.equals(Path.of(file).getFileName().toString())) {
          continue;
        }
        Files.deleteIfExists(dir.resolve(file + ".sha256"));
        Files.deleteIfExists(dir.resolve(file));
      }
      Files.deleteIfExists(dir.resolve(Exporter.MANIFEST));
      try (Stream<Path> rest = Files.list(dir)) {
        if (rest.findAny().isEmpty()) {
          Files.deleteIfExists(dir);
        }
      }
      progress.accept("removed the older dump set " + dir);
    } catch (IOException e) {
      throw new EchoException(Outcome.FAILED, "cannot remove the older dump set " + dir + ": " + e.getMessage()
          + " — check its permissions; the new set is complete and kept");
    }
  }

  private static Optional<JsonNode> manifest(Path dir) {
    Path m = dir.resolve(Exporter.MANIFEST);
    try {
      return Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS) ? Optional.of(JSON.readTree(m.toFile()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean matches(Path manifest, String name, String kind, java.util.function.Predicate<String> snapshot) {
    try {
      JsonNode m = JSON.readTree(manifest.toFile());
      return "rds-echo".equals(m.path("tool").asText()) && name.equals(m.path("name").asText())
          && kind.equals(m.path("kind").asText()) && snapshot.test(m.path("snapshot").asText());
    } catch (IOException e) {
      return false;
    }
  }
}

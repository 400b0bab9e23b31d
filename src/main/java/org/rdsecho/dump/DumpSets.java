package org.rdsecho.dump;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.rdsecho.files.SafeDir;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.Manifest;

/**
 * Finds finished dump sets by their manifests. A pipeline without DNS deletes its clone once the
 * dumps are written, so the manifest is what remembers that a snapshot was done: {@code new} asks
 * here before restoring it again. Every look goes through directory handles (§16): a scan passes by
 * links, FIFOs and other users' files; pruning ({@link DumpSetRemoval}) refuses them, naming the
 * path.
 */
public final class DumpSets {
  private static final int MANIFEST_LIMIT = 64 << 20;

  private DumpSets() {}

  /**
   * A set's directory (as a path, for messages and records) and its manifest, read through a
   * handle.
   */
  private record Found(Path dir, Manifest manifest) {}

  /**
   * The directory of a complete set of this echo name and kind made from {@code snapshotId}, under
   * the part of {@code template} that has no placeholder left once {@code {name}} is filled in.
   */
  public static Optional<Path> complete(
      Path workDir, String template, String name, DumpKind kind, String snapshotId) {
    return complete(workDir, template, name, kind, snapshotId::equals);
  }

  /** As above, for a set whose snapshot (or point-in-time identity) satisfies {@code snapshot}. */
  public static Optional<Path> complete(
      Path workDir, String template, String name, DumpKind kind, Predicate<String> snapshot) {
    return manifests(workDir, template.replace("{name}", name)).stream()
        .filter(
            f ->
                f.manifest().of(name, kind)
                    && f.manifest().snapshot() != null
                    && snapshot.test(f.manifest().snapshot()))
        .map(Found::dir)
        .findFirst();
  }

  /**
   * Every complete set of this echo name and kind under {@code template}, as the snapshot (or
   * point-in-time identity) it was dumped from and its directory, in the order {@link #complete}
   * finds them.
   */
  public static List<Map.Entry<String, Path>> completeSets(
      Path workDir, String template, String name, DumpKind kind) {
    return manifests(workDir, template.replace("{name}", name)).stream()
        .filter(f -> f.manifest().of(name, kind) && f.manifest().snapshot() != null)
        .map(f -> Map.entry(f.manifest().snapshot(), f.dir()))
        .toList();
  }

  /**
   * The manifests (files of this user's) under the part of {@code expanded} that has no placeholder
   * left, down to as many levels as the placeholders take; links and others' files are passed by.
   */
  private static List<Found> manifests(Path workDir, String expanded) {
    int placeholder = expanded.indexOf('{');
    Path fixed = workDir.resolve(placeholder < 0 ? expanded : expanded.substring(0, placeholder));
    Path root =
        placeholder < 0 || expanded.substring(0, placeholder).endsWith("/")
            ? fixed
            : fixed.getParent();
    List<Found> found = new ArrayList<>();
    if (root == null) {
      return found;
    }
    int depth =
        placeholder < 0
            ? 0
            : (int) expanded.substring(placeholder).chars().filter(c -> c == '/').count() + 1;
    try (SafeDir top = SafeDir.trusted(root)) {
      walk(top, depth, found);
    } catch (IOException | RuntimeException e) {
      // an unreadable share: restoring again is the safe side
    }
    return found;
  }

  private static void walk(SafeDir dir, int depth, List<Found> found) throws IOException {
    manifest(dir).ifPresent(m -> found.add(new Found(dir.path(), m)));
    if (depth <= 0) {
      return;
    }
    for (String name : dir.names()) {
      Optional<SafeDir> sub = dir.directoryIfOwn(name);
      if (sub.isPresent()) {
        try (SafeDir d = sub.get()) {
          walk(d, depth - 1, found);
        }
      }
    }
  }

  /**
   * The newest complete set (by the manifest's finishedAt) of this echo name and kind that was
   * dumped from {@code instanceId}, under {@code template} as {@link #complete} looks.
   */
  public static Optional<Path> newestOf(
      Path workDir, String template, String name, DumpKind kind, String instanceId) {
    return manifests(workDir, template.replace("{name}", name).replace("{instance}", instanceId))
        .stream()
        .filter(f -> f.manifest().of(name, kind) && instanceId.equals(f.manifest().instance()))
        .max(Comparator.comparing(f -> f.manifest().finishedAt()))
        .map(Found::dir);
  }

  /**
   * The complete sets of this echo name and kind that claim to be dumped from {@code instanceId},
   * newest first (by the manifest's finishedAt): claims only, which {@code verify} then checks
   * against the digest recorded on the clone.
   */
  public static List<Path> claimedBy(
      Path workDir, String template, String name, DumpKind kind, String instanceId) {
    return manifests(workDir, template.replace("{name}", name).replace("{instance}", instanceId))
        .stream()
        .filter(f -> f.manifest().of(name, kind) && instanceId.equals(f.manifest().instance()))
        .sorted(Comparator.comparing((Found f) -> f.manifest().finishedAt()).reversed())
        .map(Found::dir)
        .toList();
  }

  /**
   * A set's manifest as bytes (what its digest is taken of), read through the set's handle; empty
   * when there is none or it is not a file of ours.
   */
  public static Optional<byte[]> manifestBytes(Path dir) {
    try (SafeDir set = SafeDir.open(dir, null, false)) {
      return set.readIfOwn(Exporter.MANIFEST, MANIFEST_LIMIT);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A set's manifest, read through a handle; empty when there is none (or it is not a file of
   * ours).
   */
  public static Optional<Manifest> manifestOf(Path dir) {
    try (SafeDir set = SafeDir.open(dir, null, false)) {
      return manifest(set);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The complete sets of this echo name and kind beside {@code dir} (links and others' sets left
   * out), {@code root} being the operator's part of the path (see {@link ExportPlan#root()}).
   */
  public static List<DumpPlanner.DumpSet> siblings(
      Path dir, Path root, String name, DumpKind kind) {
    Path parent = dir.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return List.of();
    }
    List<DumpPlanner.DumpSet> sets = new ArrayList<>();
    try (SafeDir share = SafeDir.openShared(parent, root, false)) {
      for (String entry : share.names()) {
        Optional<SafeDir> sub = share.directoryIfOwn(entry);
        if (sub.isEmpty()) {
          continue;
        }
        try (SafeDir set = sub.get()) {
          manifest(set)
              .filter(m -> m.of(name, kind))
              .ifPresent(
                  m ->
                      sets.add(
                          new DumpPlanner.DumpSet(
                              set.path().toString(), m.finishedAt(), DirectoryLock.isHeld(set))));
        }
      }
    } catch (IOException e) {
      return List.of(); // no share yet, or an unreadable one: nothing is pruned
    }
    return sets;
  }

  /** A set's manifest read through its handle; empty when there is none or it is not ours. */
  static Optional<Manifest> manifest(SafeDir dir) {
    return dir.readIfOwn(Exporter.MANIFEST, MANIFEST_LIMIT).flatMap(ManifestJson::read);
  }
}

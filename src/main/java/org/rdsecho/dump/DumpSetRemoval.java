package org.rdsecho.dump;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.files.SafeDir;
import org.rdsecho.lock.DirectoryLock;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.Manifest;

/**
 * Removes an older dump set that a decision chose to prune (§16): whole or not at all, through
 * handles opened now, never following a link, and never a set another run holds or that is no
 * longer the set chosen.
 */
public final class DumpSetRemoval {
  private DumpSetRemoval() {}

  /**
   * Deletes a set through handles opened now, without following links: the files its manifest lists
   * (plain names inside it), their sidecars, then the manifest and the emptied directory; anything
   * else there is left. The manifest is read again through the same handle that deletes, so a
   * directory swapped since the plan (for a link, or for another echo's set) is refused (1) naming
   * it, and nothing in it is touched. A set another run holds the lock of is left whole.
   */
  public static void remove(
      Path dir, Path root, String name, DumpKind kind, Consumer<String> progress) {
    Path path = dir.toAbsolutePath().normalize();
    try (SafeDir share = SafeDir.openShared(path.getParent(), root, false)) {
      String setName = path.getFileName().toString();
      if (share.stat(setName).isEmpty()) {
        return; // already removed by an earlier run
      }
      try (SafeDir set = share.directory(setName, false)) {
        if (DirectoryLock.isHeld(set)) {
          progress.accept("left " + path + " alone: another run holds its lock");
          return;
        }
        Optional<Manifest> manifest = DumpSets.manifest(set);
        if (manifest.isEmpty()) {
          return; // already removed by an earlier run
        }
        if (!manifest.get().of(name, kind)) {
          throw new EchoException(
              Outcome.FAILED,
              path
                  + " no longer holds a dump set of '"
                  + name
                  + "' ("
                  + kind
                  + "): its manifest changed after this run chose it for removal, so nothing in it was removed."
                  + " Someone else writes there: find out who before the next run");
        }
        List<String> files = new ArrayList<>();
        for (Manifest.Database db : manifest.get().databases()) {
          // a manifest is a file on a share: only plain names inside this directory are followed
          if (db.plainFile()) {
            files.add(db.file() + ".sha256");
            files.add(db.file());
          }
        }
        // every name checked before any is removed: a set is removed whole or not at all
        for (String file : files) {
          set.requireAbsentOrOwnFile(file);
        }
        for (String file : files) {
          set.deleteOwn(file);
        }
        set.deleteOwn(Exporter.MANIFEST);
        if (set.names().isEmpty()) {
          share.deleteEmptyDirectory(setName, set);
        }
      }
      progress.accept("removed the older dump set " + path);
    } catch (NoSuchFileException e) {
      // removed by an earlier run
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED,
          "cannot remove the older dump set "
              + path
              + ": "
              + e.getMessage()
              + " — check its permissions; the new set is complete and kept");
    }
  }
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides the writes of a dump set: one dump per database, the manifest last (the set is
 * complete only then), then the older sets of the same name and kind beyond the ones kept. Pure:
 * the data plane observes the databases and the sets already on disk, and applies the result.
 */
public final class DumpPlanner {
  private DumpPlanner() {}

  /**
   * A dump set already on disk, as its manifest describes it.
   *
   * @param locked another run holds its lock: never removed
   */
  public record DumpSet(String dir, String finishedAt, boolean locked) {}

  /**
   * @param files database to file name (in the directory), in dump order
   * @param existing the sets of this name and kind beside {@code dir}
   * @param keep the number of sets to keep, this one included; null keeps every one
   */
  public static List<Action> actions(Map<String, String> files, String dir, String kind, List<DumpSet> existing,
      Integer keep) {
    return actions(files, DumpSelection.WHOLE, 1, dir, kind, existing, keep);
  }

  /**
   * As above, dumping only what {@code selection} selects of each database, each in up to
   * {@code streams} dump processes at once.
   */
  public static List<Action> actions(Map<String, String> files, DumpSelection selection, int streams, String dir,
      String kind, List<DumpSet> existing, Integer keep) {
    List<Action> actions = new ArrayList<>();
    files.forEach((database, file) -> {
      List<String> tables = selection.tablesOf(database);
      // chosen tables: never more streams than tables; a whole database's tables are listed at dump time
      int most = tables.isEmpty() ? streams : Math.min(streams, tables.size());
      actions.add(new Action.Dump(database, dir, file, tables, selection.dataOnly(), selection.where(), most));
    });
    actions.add(new Action.WriteManifest(dir, kind));
    if (keep != null) {
      List<DumpSet> older = existing.stream()
          .filter(s -> !s.dir().equals(dir))
          .sorted(Comparator.comparing(DumpSet::finishedAt).reversed())
          .toList();
      // the set written now is the newest, so keep - 1 of the older ones stay
      older.stream().skip(Math.max(0, keep - 1)).filter(s -> !s.locked())
          .forEach(s -> actions.add(new Action.RemoveDumpSet(s.dir(), keep)));
    }
    return actions;
  }
}

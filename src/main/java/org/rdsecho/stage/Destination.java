package org.rdsecho.stage;

import java.util.Comparator;
import java.util.List;

/**
 * Where a dump set goes, as observed before planning: the directory its files are dumped into, or a
 * copy of it elsewhere (an S3 prefix, §14; a shared snapshot, §19, next). Each says what it holds
 * already (§16), which writes put the complete set there and which prune its older sets, so a new
 * kind of destination is a new class, not edits across the planners.
 */
public interface Destination {
  /** The directory or prefix the set goes to, placeholders filled in. */
  String where();

  /** The configuration key that names it, for refusals. */
  String key();

  /**
   * The manifest found where the set goes, before anything was written; null when there is none.
   */
  DumpPlanner.Occupant occupant();

  /** Where a file of the set is streamed to while it is dumped; null when it is not. */
  default String streamTo(String file) {
    return null;
  }

  /**
   * The writes that put the complete set there, once its manifest is written in {@code dir}.
   *
   * @param files the dump files of the set, in dump order
   */
  List<Action> place(String dir, List<String> files);

  /** The writes that remove the older sets of this echo and kind there beyond {@code keep}. */
  List<Action> prune(int keep);

  /**
   * The sets beyond {@code keep}, newest first by their manifests' finishedAt: the one written now
   * ({@code current}) is never among them, and counts as the newest; one another run holds is left.
   */
  static List<DumpPlanner.DumpSet> beyondKeep(
      List<DumpPlanner.DumpSet> sets, String current, int keep) {
    return sets.stream()
        .filter(s -> !s.dir().equals(current))
        .sorted(Comparator.comparing(DumpPlanner.DumpSet::finishedAt).reversed())
        .skip(Math.max(0, keep - 1))
        .filter(s -> !s.locked())
        .toList();
  }
}

package org.rdsecho.stage;

import org.rdsecho.core.Outcome;

import org.rdsecho.core.EchoException;

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
  /** The kind of a set of the clone as restored ({@code export}). */
  public static final String RAW = "raw";
  /** The kind of a set of the clone once scrubbed ({@code sanitize}). */
  public static final String SANITIZED = "sanitized";

  private DumpPlanner() {}

  /**
   * A dump set already on disk, as its manifest describes it.
   *
   * @param locked another run holds its lock: never removed
   */
  public record DumpSet(String dir, String finishedAt, boolean locked) {}

  /**
   * What a destination (a directory or an S3 prefix) already holds: the manifest found there, as
   * read. {@code ours} is false for a manifest.json rds-echo did not write (or cannot read).
   */
  public record Occupant(String where, boolean ours, String name, String kind, String instance) {}

  /**
   * §16 "An echo's dump set is its own": a destination holding another echo's, another clone's or
   * another kind's complete set (or a manifest that is not ours) is refused (4) before anything is
   * written, naming the placeholder that keeps the sets apart; this clone's own set of this kind
   * (a rerun after a crash) is written again.
   *
   * @param key the configuration key of the destination, for the message
   */
  public static void checkApart(List<Occupant> found, String name, String kind, String instanceId, String key) {
    for (Occupant o : found) {
      String refusing = "refusing to write the " + kind + " dump set of " + instanceId + " to " + o.where() + ": it holds ";
      if (!o.ours()) {
        throw new EchoException(Outcome.REFUSED, refusing + "a manifest.json that rds-echo did not write, and rds-echo"
            + " never overwrites what is not its own; give " + key + " a destination of its own");
      }
      String theirs = "the complete " + o.kind() + " dump set of ";
      if (!name.equals(o.name())) {
        throw new EchoException(Outcome.REFUSED, refusing + theirs + "echo '" + o.name() + "'"
            + (o.instance() == null || o.instance().isEmpty() ? "" : " (clone " + o.instance() + ")") + ", which is never overwritten: add {name} to " + key + " (e.g. .../{name}/{date}) so each echo's sets"
            + " are kept apart");
      }
      if (!kind.equals(o.kind())) {
        throw new EchoException(Outcome.REFUSED, refusing + theirs + "clone " + o.instance() + ", which is never"
            + " overwritten: give the raw and the sanitized sets destinations apart (rdsecho.export.dir and"
            + " rdsecho.sanitize.dir, rdsecho.export.s3Uri and rdsecho.sanitize.s3Uri)");
      }
      if (!instanceId.equals(o.instance())) {
        throw new EchoException(Outcome.REFUSED, refusing + theirs + "clone " + o.instance() + " of this echo, which"
            + " is never overwritten: add {instance} to " + key + " (e.g. .../{name}/{date}/{instance}) so each"
            + " clone's sets are kept apart");
      }
    }
  }

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
      actions.add(new DataAction.Dump(database, dir, file, tables, selection.dataOnly(), selection.where(), most));
    });
    actions.add(new DataAction.WriteManifest(dir, kind));
    if (keep != null) {
      List<DumpSet> older = existing.stream()
          .filter(s -> !s.dir().equals(dir))
          .sorted(Comparator.comparing(DumpSet::finishedAt).reversed())
          .toList();
      // the set written now is the newest, so keep - 1 of the older ones stay
      older.stream().skip(Math.max(0, keep - 1)).filter(s -> !s.locked())
          .forEach(s -> actions.add(new DataAction.RemoveDumpSet(s.dir(), keep)));
    }
    return actions;
  }
}

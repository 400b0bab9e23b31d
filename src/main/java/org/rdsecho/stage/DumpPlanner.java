package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Decides the whole of a dump set from what was observed: which databases, the §16 refusal of a
 * destination that holds another set, one dump per database (streamed to S3 as written when the set
 * goes there), the manifest (the set is complete only then), the copies to the other destinations,
 * and the older sets beyond the ones kept. Pure: {@code plane.DumpObserver} gathers the observation
 * and {@code plane.DataPlane} applies the result.
 */
public final class DumpPlanner {
  private DumpPlanner() {}

  /**
   * A dump set already there, as its manifest describes it.
   *
   * @param locked another run holds its lock: never removed
   */
  public record DumpSet(String dir, String finishedAt, boolean locked) {}

  /**
   * What a destination (a directory or an S3 prefix) already holds: the manifest found there, as
   * read. {@code ours} is false for a manifest.json rds-echo did not write (or cannot read).
   */
  public record Occupant(String where, boolean ours, String name, DumpKind kind, String instance) {
    /**
     * What {@code where} holds: the manifest read there, or (empty) a file that is not one of ours.
     */
    public static Occupant of(String where, java.util.Optional<Manifest> manifest) {
      return manifest
          .map(m -> new Occupant(where, true, m.name(), m.kind(), m.instance()))
          .orElse(new Occupant(where, false, null, null, null));
    }
  }

  /**
   * The writes of one dump set, in order; throws the refusal or failure the observation calls for.
   */
  public static List<Action> plan(DumpRequest r, DumpObservation seen) {
    List<String> databases = databases(seen.databases(), r.databases(), r.systemDatabases());
    for (Destination d : seen.destinations()) {
      checkApart(
          d.occupant() == null ? List.of() : List.of(d.occupant()),
          r.name(),
          r.kind(),
          r.instanceId(),
          d.key());
    }
    String dir = seen.directory().where();
    List<Action> actions = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (String database : databases) {
      String file = r.fileOf(database);
      files.add(file);
      List<String> tables = r.selection().tablesOf(database);
      // chosen tables: never more streams than tables; a whole database's tables are listed at dump
      // time
      int most = tables.isEmpty() ? r.streams() : Math.min(r.streams(), tables.size());
      // a file streams to one place as it is written (the first copy that takes it)
      String streamTo =
          seen.copies().stream()
              .map(c -> c.streamTo(file))
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      actions.add(
          new DataAction.Dump(
              database,
              dir,
              file,
              tables,
              r.selection().dataOnly(),
              r.selection().where(),
              most,
              streamTo));
    }
    actions.add(new DataAction.WriteManifest(dir, r.kind()));
    for (Destination d : seen.destinations()) {
      actions.addAll(d.place(dir, files));
    }
    if (r.keep() != null) {
      for (Destination d : seen.destinations()) {
        actions.addAll(d.prune(r.keep()));
      }
    }
    return actions;
  }

  /**
   * The databases to dump: the configured ones (each must be on the clone), or every one the clone
   * has but the engine's own, sorted.
   */
  public static List<String> databases(
      List<String> present, List<String> configured, java.util.Set<String> system) {
    if (configured.isEmpty()) {
      return present.stream()
          .filter(d -> !system.contains(d.toLowerCase(Locale.ROOT)))
          .sorted()
          .toList();
    }
    List<String> wanted = configured.stream().distinct().toList();
    List<String> missing = wanted.stream().filter(d -> !present.contains(d)).toList();
    if (!missing.isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "database(s) "
              + quoted(missing)
              + " not found on the clone (it has "
              + quoted(present.stream().filter(d -> !system.contains(d)).toList())
              + "): fix rdsecho.export.databases"
              + " or rdsecho.sanitize.databases");
    }
    return wanted;
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(Printable::quote).toList());
  }

  /**
   * §16 "An echo's dump set is its own": a destination holding another echo's, another clone's or
   * another kind's complete set (or a manifest that is not ours) is refused (4) before anything is
   * written, naming the placeholder that keeps the sets apart; this clone's own set of this kind (a
   * rerun after a crash) is written again. The same rule guards the writes themselves (under the
   * directory's lock, before each upload): another run may have completed a set there since.
   *
   * @param key the configuration key of the destination, for the message
   */
  public static void checkApart(
      List<Occupant> found, String name, DumpKind kind, String instanceId, String key) {
    for (Occupant o : found) {
      String refusing =
          "refusing to write the "
              + kind
              + " dump set of "
              + instanceId
              + " to "
              + o.where()
              + ": it holds ";
      if (!o.ours()) {
        throw new EchoException(
            Outcome.REFUSED,
            refusing
                + "a manifest.json that rds-echo did not write, and rds-echo"
                + " never overwrites what is not its own; give "
                + key
                + " a destination of its own");
      }
      String theirs = "the complete " + o.kind() + " dump set of ";
      if (!name.equals(o.name())) {
        throw new EchoException(
            Outcome.REFUSED,
            refusing
                + theirs
                + "echo '"
                + o.name()
                + "'"
                + (o.instance() == null || o.instance().isEmpty()
                    ? ""
                    : " (clone " + o.instance() + ")")
                + ", which is never overwritten: add {name} to "
                + key
                + " (e.g. .../{name}/{date}) so each echo's sets"
                + " are kept apart");
      }
      if (kind != o.kind()) {
        throw new EchoException(
            Outcome.REFUSED,
            refusing
                + theirs
                + "clone "
                + o.instance()
                + ", which is never"
                + " overwritten: give the raw and the sanitized sets destinations apart (rdsecho.export.dir and"
                + " rdsecho.sanitize.dir, rdsecho.export.s3Uri and rdsecho.sanitize.s3Uri)");
      }
      if (!instanceId.equals(o.instance())) {
        throw new EchoException(
            Outcome.REFUSED,
            refusing
                + theirs
                + "clone "
                + o.instance()
                + " of this echo, which"
                + " is never overwritten: add {instance} to "
                + key
                + " (e.g. .../{name}/{date}/{instance}) so each"
                + " clone's sets are kept apart");
      }
    }
  }
}

package org.rdsecho.dump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How one database's dump is shared among several dump processes ("streams") that run at once and
 * whose outputs follow each other in the one file. A clone is not written to before promotion, so
 * streams that each take their own consistent snapshot still agree with each other.
 *
 * <p>The base tables are dealt out by size, largest first to the stream with least so far, so the
 * streams end at about the same time; each stream dumps its tables with their triggers. Views,
 * routines and events come last in one part of their own: a view can name tables of any stream, and
 * by then the file has created them all. Each part starts with the dump tool's own header (foreign
 * key checks off, the character set) and ends by restoring it, so the file restores with {@code
 * gunzip -c F | mysql DB} exactly as a single dump does.
 */
public final class TableStreams {
  /** A table or view of the database, with the bytes of its data for dealing out the work. */
  public record Table(String name, boolean view, long bytes) {}

  /**
   * One dump process's share.
   *
   * @param tables the tables it dumps; for {@link Kind#WHOLE} empty means every table
   */
  public record Part(Kind kind, List<String> tables) {
    public enum Kind {
      /** The database (or the chosen tables) in one process, with its routines and events. */
      WHOLE,
      /** Some base tables with their triggers, no routines or events. */
      TABLES,
      /** The views (maybe none), the routines and the events, no triggers. */
      OBJECTS
    }

    public Part {
      tables = List.copyOf(tables);
    }

    static Part whole(List<String> tables) {
      return new Part(Kind.WHOLE, tables);
    }
  }

  private TableStreams() {}

  /**
   * The streams to use where nothing is configured: one for every three cores. A stream keeps about
   * one core busy formatting rows in the dump tool, and at least one more compressing them; on two
   * cores a second stream measured no faster (docs/benchmarks.md) and only adds copying.
   */
  public static int auto(int cores) {
    return Math.max(1, cores / 3);
  }

  /** How many processes of {@code parts} dump tables: the streams, the objects part not counted. */
  public static int streams(List<Part> parts) {
    return (int) parts.stream().filter(p -> p.kind() != Part.Kind.OBJECTS).count();
  }

  /**
   * Splits a database's dump into at most {@code streams} table parts (and the objects part).
   *
   * @param tables the database's tables and views
   * @param chosen the tables to dump, empty for all
   * @param dataOnly rows only: no objects part
   */
  public static List<Part> split(
      List<Table> tables, List<String> chosen, boolean dataOnly, int streams) {
    List<Table> selected =
        chosen.isEmpty() ? tables : tables.stream().filter(t -> chosen.contains(t.name())).toList();
    List<Table> base = selected.stream().filter(t -> !t.view()).toList();
    int count = Math.min(streams, base.size());
    if (count < 2 || selected.size() != (chosen.isEmpty() ? tables.size() : chosen.size())) {
      // one stream, or a chosen name the listing does not know: the dump tool decides, as always
      return List.of(Part.whole(chosen));
    }
    long[] load = new long[count];
    List<List<String>> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      groups.add(new ArrayList<>());
    }
    base.stream()
        .sorted(Comparator.comparingLong(Table::bytes).reversed().thenComparing(Table::name))
        .forEach(
            t -> {
              int least = 0;
              for (int i = 1; i < count; i++) {
                if (load[i] < load[least]) {
                  least = i;
                }
              }
              groups.get(least).add(t.name());
              load[least] += Math.max(t.bytes(), 1);
            });
    List<Part> parts = new ArrayList<>();
    for (List<String> group : groups) {
      parts.add(new Part(Part.Kind.TABLES, group.stream().sorted().toList()));
    }
    if (!dataOnly) {
      parts.add(
          new Part(
              Part.Kind.OBJECTS,
              selected.stream().filter(Table::view).map(Table::name).sorted().toList()));
    }
    return parts;
  }
}

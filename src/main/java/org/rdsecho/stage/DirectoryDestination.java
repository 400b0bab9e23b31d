package org.rdsecho.stage;

import java.util.List;

/**
 * The directory a set's files are dumped into (rdsecho.export.dir or rdsecho.sanitize.dir).
 *
 * @param occupant the manifest already in it, or null
 * @param siblings the complete sets of this echo and kind beside it, as their manifests say
 */
public record DirectoryDestination(
    String where, String key, DumpPlanner.Occupant occupant, List<DumpPlanner.DumpSet> siblings)
    implements Destination {
  public DirectoryDestination {
    siblings = List.copyOf(siblings);
  }

  /** The dumps and the manifest are written here: nothing more to place. */
  @Override
  public List<Action> place(String dir, List<String> files) {
    return List.of();
  }

  @Override
  public List<Action> prune(int keep) {
    return Destination.beyondKeep(siblings, where, keep).stream()
        .map(s -> (Action) new DataAction.RemoveDumpSet(s.dir(), keep))
        .toList();
  }
}

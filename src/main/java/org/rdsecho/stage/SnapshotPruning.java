package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * This echo's own snapshots beyond the ones kept, one rule per role, each counted over the set of
 * that role as {@link Ownership} sees it (the same set {@code new} chooses from):
 *
 * <ul>
 *   <li>final snapshots beyond the newest keepFinalSnapshots, where the final snapshots this run is
 *       about to make count among the kept (else keep=1 leaves two);
 *   <li>fresh snapshots beyond the newest snapshot.keep, and copies beyond the newest
 *       snapshot.keep, never the one {@code new} restores tonight (the newest fresh snapshot, the
 *       newest copy, and the copy of that fresh snapshot).
 * </ul>
 *
 * Snapshots still being made are counted but never deleted (RDS refuses); anything people, RDS or
 * another echo made, or that someone copied from ours, has another role and is never touched.
 */
final class SnapshotPruning {
  private SnapshotPruning() {}

  /**
   * @param madeNow final snapshots the deletes of this run make
   */
  static List<Action> beyondKept(RetirePlanner.Inputs in, int madeNow) {
    Ownership ownership = in.fleet().ownership();
    List<SnapshotInfo> manual = in.manualSnapshots().get();
    List<Action> actions = new ArrayList<>();
    Integer keepFinal = in.settings().keepFinalSnapshots();
    if (keepFinal != null) {
      actions.addAll(
          beyond(ownership.snapshots(manual, Ownership.Role.FINAL), keepFinal - madeNow, Set.of()));
    }
    Integer keep = in.keepFreshSnapshots();
    if (keep != null) {
      List<SnapshotInfo> fresh = ownership.snapshots(manual, Ownership.Role.FRESH);
      List<SnapshotInfo> copies = ownership.snapshots(manual, Ownership.Role.COPY);
      Set<String> needed = new HashSet<>();
      fresh.stream()
          .findFirst()
          .ifPresent(
              f -> {
                needed.add(f.id());
                copies.stream()
                    .filter(
                        c ->
                            TagValues.value(f.id())
                                .equals(c.tags().get(in.fleet().tags().copiedFrom())))
                    .forEach(c -> needed.add(c.id()));
              });
      copies.stream().findFirst().ifPresent(c -> needed.add(c.id()));
      actions.addAll(beyond(fresh, keep, needed));
      actions.addAll(beyond(copies, keep, needed));
    }
    return actions;
  }

  private static List<Action> beyond(List<SnapshotInfo> newestFirst, int keep, Set<String> needed) {
    return newestFirst.stream()
        .skip(Math.max(0, keep))
        .filter(SnapshotInfo::isAvailable)
        .filter(s -> !needed.contains(s.id()))
        .map(s -> (Action) new CloudAction.DeleteSnapshot(s.id()))
        .toList();
  }
}

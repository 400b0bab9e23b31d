package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.config.RestoreSettings;

/** Decides what {@code new} does: its snapshot source's decision, under the {@link CloneRules}. */
public final class NewPlanner {
  private NewPlanner() {}

  /** The whole decision of {@code new}: its snapshot source's, under the clone rules. */
  public static Decision plan(NewSettings want, NewObservation seen) {
    return want.source().decide(new NewRound(want, seen));
  }

  /** {@code before}, then {@code writes}. */
  static List<Action> then(List<Action> before, List<Action> writes) {
    List<Action> all = new ArrayList<>(before);
    all.addAll(writes);
    return all;
  }

  static List<Action> then(List<Action> before, Action write) {
    return then(before, List.of(write));
  }

  public static Decision decide(
      EchoFleet fleet, String name, SnapshotInfo snapshot, RestoreSettings settings, Instant now) {
    return decide(fleet, name, snapshot, settings, false, List::of, () -> Optional.empty(), now);
  }

  /**
   * @param replaceUnpromoted {@code rdsecho.new.replaceUnpromoted}: forget an older clone still
   *     before promotion (never the CNAME target) instead of refusing
   * @param cnameTargets where the CNAME's name sends clients now ({@link DnsView#targets}), looked
   *     up only when a replacement is planned
   * @param finishedDumps where a complete dump set of this snapshot lies, for pipelines without DNS
   *     whose clones are deleted once dumped; asked only when no clone of the snapshot exists
   */
  public static Decision decide(
      EchoFleet fleet,
      String name,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      boolean replaceUnpromoted,
      Supplier<List<String>> cnameTargets,
      Supplier<Optional<String>> finishedDumps,
      Instant now) {
    return decide(
        fleet,
        name,
        snapshot,
        settings,
        replaceUnpromoted,
        cnameTargets,
        finishedDumps,
        () -> givenUpOn(fleet, snapshot.id()),
        now);
  }

  /**
   * @param givenUp where this echo recorded {@code snapshot} as restored into a clone it then gave
   *     up (§15 "Bounded"), or empty: then it is restored as usual. Asked only when no clone of it
   *     exists; empty when the configuration names the snapshot (rdsecho.snapshot.identifier).
   */
  public static Decision decide(
      EchoFleet fleet,
      String name,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      boolean replaceUnpromoted,
      Supplier<List<String>> cnameTargets,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp,
      Instant now) {
    return CloneRules.decide(
        fleet,
        name,
        snapshot,
        settings,
        replaceUnpromoted,
        cnameTargets,
        finishedDumps,
        givenUp,
        now,
        (clone, birth, before, replaced) ->
            Decision.act(
                "restoring " + snapshot.id() + " into " + clone + replaced,
                null,
                null,
                Stage.NEW,
                then(before, new CloudAction.Restore(clone, snapshot.id(), settings, birth))));
  }

  /** Which clone of this echo records {@code snapshotId} as given up, in words, or empty. */
  public static Optional<String> givenUpOn(EchoFleet fleet, String snapshotId) {
    String wanted = TagValues.value(snapshotId);
    return fleet.managed().stream()
        .filter(i -> fleet.tags().givenUpOf(i).contains(wanted))
        .findFirst()
        .map(i -> i.id() + " (tag " + fleet.tags().givenUp() + ")");
  }

  /**
   * An Aurora clone's writer instance: {@code <cluster>-1}, with the cluster's tags of ours and the
   * user's.
   */
  public static ClusterAction.CreateWriter writerOf(
      EchoInstance cluster, RestoreSettings settings, EchoTags tags) {
    Map<String, String> writerTags = new LinkedHashMap<>(settings.tags());
    cluster
        .tags()
        .forEach(
            (k, v) -> {
              if (tags.isOurs(k)) {
                writerTags.put(k, v);
              }
            });
    String writer = InstanceNames.writerOf(cluster.id());
    // ours by birth: it names itself, not the cluster
    return new ClusterAction.CreateWriter(
        writer, cluster.id(), settings, tags.namingItself(writerTags, writer));
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One decision of {@code new}: what it is configured to do and what it saw, with the steps every
 * {@link SnapshotSource} shares (restore a snapshot under the clone rules, the writes that make an
 * instance or an Aurora cluster, the given-up and dump-set records).
 */
public final class NewRound {
  private final NewSettings want;
  private final NewObservation seen;
  private final Function<SnapshotInfo, Decision> restorer;

  public NewRound(NewSettings want, NewObservation seen) {
    this(want, seen, null);
  }

  private NewRound(
      NewSettings want, NewObservation seen, Function<SnapshotInfo, Decision> restorer) {
    this.want = want;
    this.seen = seen;
    this.restorer = restorer;
  }

  public NewObservation seen() {
    return seen;
  }

  EchoFleet fleet() {
    return seen.fleet();
  }

  EchoTags tags() {
    return seen.fleet().tags();
  }

  Ownership ownership() {
    return seen.fleet().ownership();
  }

  String name() {
    return tags().name();
  }

  Instant now() {
    return seen.now();
  }

  /**
   * The same round, where what a source chooses to restore goes through {@code restorer} (a copy
   * first).
   */
  NewRound restoringWith(Function<SnapshotInfo, Decision> restorer) {
    return new NewRound(want, seen, restorer);
  }

  /** Restores what the source chose (or, under a {@link KeyedCopySource}, copies it first). */
  Decision restore(SnapshotInfo snapshot) {
    return restorer == null ? restoreDirectly(snapshot) : restorer.apply(snapshot);
  }

  /** Restores {@code snapshot} itself into a new clone, if the clone rules allow one. */
  Decision restoreDirectly(SnapshotInfo snapshot) {
    return clone(
        snapshot,
        (clone, birth, before, replaced) ->
            Decision.act(
                "restoring " + snapshot.id() + " into " + clone + replaced,
                null,
                null,
                Stage.NEW,
                NewPlanner.then(before, restoreFrom(clone, snapshot.id(), birth))));
  }

  /**
   * The clone rules for a clone of {@code identity}; where they allow one, {@code making} says what
   * is written.
   */
  Decision clone(SnapshotInfo identity, CloneRules.Making making) {
    return CloneRules.decide(
        fleet(),
        name(),
        identity,
        want.restore(),
        want.replaceUnpromoted(),
        seen::cnameTargets,
        () -> finishedDump(identity.id()::equals),
        () -> givenUp(identity.id()),
        now(),
        making);
  }

  /**
   * The writes that restore a snapshot into the clone: an instance, or an Aurora cluster and its
   * writer.
   */
  List<Action> restoreFrom(String clone, String snapshotId, Map<String, String> birth) {
    return want.aurora()
        ? withWriter(
            new ClusterAction.RestoreCluster(
                clone, new ClusterAction.FromClusterSnapshot(snapshotId), want.restore(), birth),
            birth)
        : List.of(new CloudAction.Restore(clone, snapshotId, want.restore(), birth));
  }

  /** The writes that restore the source as it was at {@code time} into the clone. */
  List<Action> restoreAt(
      String clone, String source, Instant time, boolean copyOnWrite, Map<String, String> birth) {
    return want.aurora()
        ? withWriter(
            new ClusterAction.RestoreCluster(
                clone,
                new ClusterAction.FromClusterAt(source, time, copyOnWrite),
                want.restore(),
                birth),
            birth)
        : List.of(new CloudAction.RestoreToPointInTime(clone, source, time, want.restore(), birth));
  }

  /**
   * An Aurora clone is two writes, both tagged from birth: the cluster, then its writer, whose
   * identity tag names the writer itself (§15). A run stopped between them leaves a cluster whose
   * status is "writer-missing", and the next {@code new} creates the writer.
   */
  private List<Action> withWriter(ClusterAction.RestoreCluster cluster, Map<String, String> birth) {
    String writer = InstanceNames.writerOf(cluster.clusterId());
    return List.of(
        cluster,
        new ClusterAction.CreateWriter(
            writer, cluster.clusterId(), want.restore(), tags().namingItself(birth, writer)));
  }

  /**
   * Where a complete dump set of a snapshot {@code snapshot} accepts lies, when that ends the
   * pipeline.
   */
  Optional<String> finishedDump(Predicate<String> snapshot) {
    return seen.dumped().stream()
        .filter(d -> snapshot.test(d.snapshot()))
        .map(NewObservation.Dumped::dir)
        .findFirst();
  }

  /**
   * The final snapshots of retired clones: their tags are the clone's, given-up record included.
   */
  List<SnapshotInfo> finalSnapshots() {
    return FinalSnapshots.of(ownership(), seen.manual());
  }

  /**
   * Where this echo recorded the snapshot as restored into a clone it gave up (§15): on a clone
   * (the promoted one carries the record), or on a final snapshot of a retired clone (its tags are
   * the clone's). A snapshot the configuration names is the operator's choice and restored again.
   */
  Optional<String> givenUp(String snapshotId) {
    if (want.pinned()) {
      return Optional.empty();
    }
    String wanted = TagValues.value(snapshotId);
    return NewPlanner.givenUpOn(fleet(), snapshotId)
        .or(
            () ->
                finalSnapshots().stream()
                    .filter(f -> wanted.equals(f.tags().get(tags().snapshot())))
                    .findFirst()
                    .map(
                        f ->
                            "the final snapshot "
                                + f.id()
                                + " of its clone (tag "
                                + tags().snapshot()
                                + ")"));
  }
}

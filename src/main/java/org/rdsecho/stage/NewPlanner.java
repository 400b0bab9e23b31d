package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.config.DnsNames;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.Outcome;

/** Decides what {@code new} does, given the fleet and the chosen snapshot. */
public final class NewPlanner {
  private static final Set<Stage> PRE_PROMOTION =
      EnumSet.copyOf(Arrays.stream(Stage.values()).filter(Stage::isPrePromotion).toList());

  private NewPlanner() {}

  /** The whole decision of {@code new}: its snapshot source's, under the clone rules below. */
  public static Decision plan(NewSettings want, NewObservation seen) {
    return want.source().decide(new NewRound(want, seen));
  }

  /**
   * What is written once the clone rules allow a new clone: the restore itself, or what must be
   * made first (a fresh snapshot, a copy), after {@code before} (older clones forgotten, which
   * {@code replaced} says in words).
   */
  @FunctionalInterface
  public interface Making {
    Decision make(
        String cloneId, Map<String, String> birthTags, List<Action> before, String replaced);
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
    return decide(fleet, name, snapshot, settings, false, () -> null, () -> Optional.empty(), now);
  }

  /**
   * @param replaceUnpromoted {@code rdsecho.new.replaceUnpromoted}: forget an older clone still
   *     before promotion (never the CNAME target) instead of refusing
   * @param cnameTarget the CNAME's current target, looked up only when a replacement is planned
   * @param finishedDumps where a complete dump set of this snapshot lies, for pipelines without DNS
   *     whose clones are deleted once dumped; asked only when no clone of the snapshot exists
   */
  public static Decision decide(
      EchoFleet fleet,
      String name,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      boolean replaceUnpromoted,
      Supplier<String> cnameTarget,
      Supplier<Optional<String>> finishedDumps,
      Instant now) {
    return decide(
        fleet,
        name,
        snapshot,
        settings,
        replaceUnpromoted,
        cnameTarget,
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
      Supplier<String> cnameTarget,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp,
      Instant now) {
    return decide(
        fleet,
        name,
        snapshot,
        settings,
        replaceUnpromoted,
        cnameTarget,
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

  /**
   * @param making what is written where the rules allow a new clone
   */
  static Decision decide(
      EchoFleet fleet,
      String name,
      SnapshotInfo snapshot,
      RestoreSettings settings,
      boolean replaceUnpromoted,
      Supplier<String> cnameTarget,
      Supplier<Optional<String>> finishedDumps,
      Supplier<Optional<String>> givenUp,
      Instant now,
      Making making) {
    String id = InstanceNames.forSnapshot(name, snapshot);
    EchoTags tags = fleet.tags();

    Optional<EchoInstance> clash = fleet.find(id);
    Optional<String> notOurs = clash.flatMap(fleet::notOurs);
    if (notOurs.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "an instance named "
              + id
              + " exists but "
              + notOurs.get()
              + ": rds-echo will not adopt or touch it; rename or delete it by hand",
          clash.get(),
          null);
    }
    Optional<Decision> unreadable = Targets.unknownStages(fleet, "restore a new clone");
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    // the clone under this name is the one of this snapshot unless its snapshot tag says otherwise
    // (a clone of another snapshot, given up and still being deleted): then a new name is chosen
    // below
    Optional<EchoInstance> same =
        clash
            .filter(i -> tags.snapshotOf(i).map(snapshot.id()::equals).orElse(true))
            .or(
                () ->
                    fleet.managed().stream()
                        .filter(i -> tags.snapshotOf(i).filter(snapshot.id()::equals).isPresent())
                        .findFirst());
    if (same.isPresent()) {
      EchoInstance existing = same.get();
      Stage stage = fleet.stageOf(existing);
      if (existing.isFailed() && stage.isPrePromotion()) {
        return Decision.stop(
            Outcome.FAILED,
            Targets.broken(existing, "use") + "; nothing was restored",
            existing,
            stage);
      }
      if (EchoInstance.WRITER_MISSING.equals(existing.status()) && stage.isPrePromotion()) {
        // an Aurora restore stopped between the cluster and its writer: create the writer now
        return Decision.act(
            "creating the writer instance of "
                + existing.id()
                + " (an earlier run restored the"
                + " cluster and stopped)",
            existing,
            stage,
            stage,
            List.of(writerOf(existing, settings, tags)));
      }
      String message =
          stage == Stage.PROMOTED
              ? "already up to date: the promoted instance "
                  + existing.id()
                  + " was restored from "
                  + snapshot.id()
              : "nothing to do: "
                  + existing.id()
                  + " was already restored from "
                  + snapshot.id()
                  + " (stage "
                  + stage
                  + ")";
      return Decision.stop(Outcome.DONE, message, existing, stage);
    }
    Optional<String> recorded = givenUp.get();
    if (recorded.isPresent()) {
      return Decision.stop(
          Outcome.DONE,
          "not restoring "
              + snapshot.id()
              + ": this echo restored it before into a"
              + " clone it then gave up (forgotten, rolled back from or retired), as "
              + recorded.get()
              + " records;"
              + " nothing to do until a newer snapshot (to restore it again anyway, set rdsecho.snapshot.identifier="
              + snapshot.id()
              + ")",
          null,
          null);
    }
    for (EchoInstance zeroOne : fleet.inStages(EnumSet.allOf(Stage.class))) {
      // 0.1.x clones carry no snapshot tag; one created after this snapshot was taken is at least
      // as fresh as anything this snapshot could give, in whatever stage it is: a forgotten or
      // retired one was given up, and its snapshot is not restored again (§15).
      if (tags.snapshotOf(zeroOne).isEmpty()
          && zeroOne.createdAt() != null
          && zeroOne.createdAt().isAfter(snapshot.createdAt())) {
        Stage stage = fleet.stageOf(zeroOne);
        return Decision.stop(
            Outcome.DONE,
            (stage == Stage.PROMOTED
                    ? "already up to date: the promoted instance "
                    : "nothing to do: ")
                + zeroOne.id()
                + " (stage "
                + stage
                + ") was created after "
                + snapshot.id()
                + " was taken",
            zeroOne,
            stage);
      }
    }
    Optional<String> dumped = finishedDumps.get();
    if (dumped.isPresent()) {
      return Decision.stop(
          Outcome.DONE,
          "already done: the dump set of "
              + snapshot.id()
              + " is complete in "
              + dumped.get()
              + "; nothing to restore until a newer snapshot",
          null,
          null);
    }
    Optional<EchoInstance> broken =
        fleet.inStages(PRE_PROMOTION).stream().filter(EchoInstance::isFailed).findFirst();
    if (broken.isPresent()) {
      return Decision.stop(
          Outcome.FAILED,
          Targets.broken(broken.get(), "finish") + "; nothing was restored",
          broken.get(),
          fleet.stageOf(broken.get()));
    }
    Optional<EchoInstance> inFlight = fleet.inStages(PRE_PROMOTION).stream().findFirst();
    List<Action> actions = new ArrayList<>();
    String replaced = "";
    if (inFlight.isPresent() && replaceUnpromoted) {
      String target = cnameTarget.get();
      List<EchoInstance> older = fleet.inStages(PRE_PROMOTION);
      boolean anyIsTarget =
          older.stream().anyMatch(i -> i.endpoint() != null && DnsNames.same(i.endpoint(), target));
      if (!anyIsTarget) {
        for (EchoInstance old : older) {
          actions.add(CloudAction.Tag.add(old, tags.transition(Stage.FORGOTTEN, now)));
        }
        replaced =
            "; forgot "
                + String.join(", ", older.stream().map(EchoInstance::id).toList())
                + " (rdsecho.new.replaceUnpromoted=true), which 'rds-echo retire' deletes";
        inFlight = Optional.empty();
      }
    }
    if (inFlight.isPresent()) {
      EchoInstance older = inFlight.get();
      Stage stage = fleet.stageOf(older);
      return Decision.stop(
          Outcome.CLONE_IN_FLIGHT,
          "refusing to restore "
              + snapshot.id()
              + ": "
              + older.id()
              + " (stage "
              + stage
              + ", from "
              + tags.snapshotOf(older).orElse("an unrecorded snapshot")
              + ") is not promoted yet; finish it ("
              + Step.towardsPromotion(stage)
              + ") or give it up with 'rds-echo forget --instance "
              + older.id()
              + "' (then 'rds-echo"
              + " retire' deletes it)"
              + (replaceUnpromoted
                  ? "; rdsecho.new.replaceUnpromoted does not apply, as the CNAME points at it"
                  : ""),
          older,
          stage);
    }
    Optional<String> unused =
        InstanceNames.unused(name, snapshot, candidate -> fleet.find(candidate).isPresent());
    if (unused.isEmpty()) {
      return Decision.stop(
          Outcome.REFUSED,
          "not restoring "
              + snapshot.id()
              + ": "
              + id
              + " and "
              + id
              + "-2 … "
              + id
              + "-9 all still exist, and a new clone never takes the name of one that exists: retire or delete them,"
              + " then run 'rds-echo new' again",
          clash.orElse(null),
          null);
    }
    String fresh = unused.get();
    // the older clones are forgotten before the restore: a crash in between leaves nothing in
    // flight, so the rerun simply restores
    return making.make(
        fresh, tags.birth(fresh, snapshot.id(), now, settings.tags()), actions, replaced);
  }

  /** Which clone of this echo records {@code snapshotId} as given up, in words, or empty. */
  public static Optional<String> givenUpOn(EchoFleet fleet, String snapshotId) {
    String wanted = EchoTags.value(snapshotId);
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
    java.util.Map<String, String> writerTags = new java.util.LinkedHashMap<>(settings.tags());
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

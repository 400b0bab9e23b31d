package org.rdsecho.stage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * snapshot.type=pointInTime, or an Aurora copy-on-write clone (§12): the clone's identity is the
 * restore time ({@code pit:<time>} or {@code cow:<time>} in the snapshot tag), so reruns and "one
 * clone in flight" work as for snapshots. With {@code latest} ({@code restoreTime} null), a clone
 * of ours restored to a time younger than maxAge is current; else the latest restorable time is
 * used. A time outside the source's window is a configuration error naming the window.
 */
public record PointInTimeSource(
    String source, Instant restoreTime, Duration maxAge, boolean copyOnWrite)
    implements SnapshotSource {

  @Override
  public Decision decide(NewRound round) {
    RestoreWindow window =
        round
            .seen()
            .window()
            .orElseThrow(
                () ->
                    new EchoException(
                        Outcome.FAILED,
                        source
                            + " has no automated backups, so it cannot be restored"
                            + " to a point in time: give it a backup retention period, or use another rdsecho.snapshot.type"));
    Instant time;
    if (restoreTime == null) {
      Optional<Decision> current = current(round);
      if (current.isPresent()) {
        return current.get();
      }
      time = window.latest().truncatedTo(ChronoUnit.SECONDS);
    } else {
      time = restoreTime;
      if (!window.contains(time)) {
        throw new ConfigException(
            ConfigKeys.SNAPSHOT_RESTORE_TIME
                + "="
                + TagValues.time(time)
                + " is outside the restorable window of "
                + source
                + " ("
                + window
                + "): choose a time"
                + " within it, or latest");
      }
    }
    SnapshotInfo identity =
        new SnapshotInfo(prefix() + TagValues.time(time), source, "pointInTime", "available", time);
    return round.clone(
        identity,
        (clone, birth, before, replaced) ->
            Decision.act(
                (copyOnWrite ? "cloning (copy-on-write) " : "restoring ")
                    + source
                    + " as it was at "
                    + TagValues.time(time)
                    + " into "
                    + clone,
                null,
                null,
                Stage.NEW,
                NewPlanner.then(before, round.restoreAt(clone, source, time, copyOnWrite, birth))));
  }

  @Override
  public Reads reads() {
    return new Reads(null, null, null, source);
  }

  /** With {@code latest}: what already counts as a restore younger than maxAge, or empty. */
  private Optional<Decision> current(NewRound round) {
    EchoFleet fleet = round.fleet();
    EchoTags tags = round.tags();
    Predicate<String> young =
        t -> {
          Instant at = t.startsWith(prefix()) ? time(t) : null;
          return at != null && !at.plus(maxAge).isBefore(round.now());
        };
    // any clone of ours restored to a time younger than maxAge, in whatever stage (a finished one
    // that retire is deleting counts too), or the dump set such a clone left: it is current
    Optional<EchoInstance> clone =
        fleet.managed().stream()
            .filter(i -> fleet.unknownStage(i).isEmpty())
            .filter(i -> tags.snapshotOf(i).filter(young).isPresent())
            .findFirst();
    if (clone.isPresent() && clone.get().isWriterMissing()) {
      // an Aurora restore stopped between the cluster and its writer: the planner creates the
      // writer
      String identity = tags.snapshotOf(clone.get()).orElseThrow();
      return Optional.of(
          round.restoreDirectly(
              new SnapshotInfo(identity, source, "pointInTime", "available", time(identity))));
    }
    if (clone.isPresent()) {
      return Optional.of(
          Decision.stop(
              Outcome.DONE,
              "already current: "
                  + clone.get().id()
                  + " was restored to "
                  + tags.snapshotOf(clone.get()).orElse("?").substring(4)
                  + ", younger than rdsecho.snapshot.maxAge",
              clone.get(),
              fleet.stageOf(clone.get())));
    }
    Optional<String> dumped = round.finishedDump(young);
    if (dumped.isPresent()) {
      return Optional.of(
          Decision.stop(
              Outcome.DONE,
              "already done: the dump set in "
                  + dumped.get()
                  + " is of a"
                  + " point in time younger than rdsecho.snapshot.maxAge",
              null,
              null));
    }
    // a point in time restored into a clone that was then given up (and deleted) is remembered as a
    // snapshot is (§15): on the promoted clone's givenUp record, or on the final snapshot of its
    // clone
    Optional<String> givenUp =
        fleet.managed().stream()
            .flatMap(i -> tags.givenUpOf(i).stream())
            .filter(young)
            .findFirst()
            .or(
                () ->
                    round.finalSnapshots().stream()
                        .map(f -> f.tags().get(tags.snapshot()))
                        .filter(Objects::nonNull)
                        .filter(young)
                        .findFirst());
    if (givenUp.isPresent()) {
      return Optional.of(
          Decision.stop(
              Outcome.DONE,
              "not restoring "
                  + source
                  + " again: it was restored to "
                  + givenUp.get().substring(4)
                  + " into a clone that was then given up, younger than"
                  + " rdsecho.snapshot.maxAge; the next restore comes once that is older, or set rdsecho.snapshot.restoreTime"
                  + " to restore a time on purpose",
              null,
              null));
    }
    return Optional.empty();
  }

  private String prefix() {
    return copyOnWrite ? "cow:" : "pit:";
  }

  private static Instant time(String tag) {
    return tag.length() < 4 ? null : TagValues.parseTime(tag.substring(4)).orElse(null);
  }
}

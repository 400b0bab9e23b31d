package org.rdsecho.stage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rdsecho.core.Outcome;

/**
 * snapshot.type=fresh: restore our newest snapshot of the source if it is younger than maxAge, else
 * take one first (the same rules of "one clone in flight" decide whether to). A snapshot still
 * being taken is "not ready", so an interrupted run never takes a second one.
 */
public record FreshSource(String source, Duration maxAge) implements SnapshotSource {

  @Override
  public Decision decide(NewRound round) {
    // the snapshots we took of this source (not the copies we made of them with a key): the same
    // role retire prunes by, so what is chosen here is never pruned
    List<SnapshotInfo> ours =
        FreshSnapshots.ours(round.ownership(), round.seen().manual()).stream()
            .filter(snapshot -> source.equals(snapshot.sourceInstanceId()))
            .toList();
    Optional<SnapshotInfo> current = FreshSnapshots.current(ours, round.now(), maxAge);
    if (current.isPresent() && current.get().isBeingCreated()) {
      return Decision.stop(
          Outcome.NOT_READY,
          "the fresh snapshot "
              + current.get().id()
              + " of "
              + source
              + " is still being taken: run 'rds-echo new' again later, or with --wait",
          null,
          null);
    }
    if (current.isPresent()) {
      // with a key (new.kmsKeyId, storageEncrypted, copyKmsKeyId) the fresh snapshot is copied
      // with it first, as any other snapshot would be
      return round.restore(current.get());
    }
    // one instant for the name planned, the one said and the one taken
    Instant now = round.now();
    SnapshotInfo planned =
        new SnapshotInfo(
            FreshSnapshots.idFor(round.name(), now), source, "manual", "available", now);
    // the clone rules decide as if the snapshot existed; where they would restore it, it is taken
    return round.clone(
        planned,
        (clone, birth, before, replaced) ->
            Decision.act(
                "taking the fresh snapshot "
                    + planned.id()
                    + " of "
                    + source
                    + "; 'rds-echo new' restores it once it is available (or use --wait)",
                null,
                null,
                null,
                NewPlanner.then(
                    before, FreshSnapshots.take(round.tags(), round.name(), source, now))));
  }

  @Override
  public Reads reads() {
    return new Reads(null, null, null, null);
  }
}

package org.rdsecho.stage;

import java.util.Optional;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * snapshot.copyKmsKeyId: the snapshot {@code of} chooses (typically shared from the production
 * account and encrypted with its key) is copied into this account with a key of its own, then the
 * copy is restored. The copy's name is derived from the original's, so an interrupted run finds it
 * and never copies twice; while it is being made, new is "not ready".
 */
public record KeyedCopySource(SnapshotSource of, String kmsKeyId) implements SnapshotSource {

  @Override
  public Decision decide(NewRound round) {
    return of.decide(round.restoringWith(chosen -> copyThenRestore(round, chosen)));
  }

  @Override
  public Reads reads() {
    return of.reads();
  }

  private Decision copyThenRestore(NewRound round, SnapshotInfo chosen) {
    String copyId = FreshSnapshots.copyIdFor(round.name(), chosen.id());
    Optional<SnapshotInfo> copy =
        round.seen().manual().stream().filter(s -> s.id().equals(copyId)).findFirst();
    Ownership.Verdict verdict = copy.map(round.ownership()::of).orElse(null);
    if (verdict != null && verdict.role() != Ownership.Role.COPY) {
      throw new EchoException(
          Outcome.FAILED,
          "a snapshot named "
              + copyId
              + " exists but "
              + verdict.why()
              + ": rds-echo will not restore or replace it; rename or delete it by hand");
    }
    if (copy.isPresent() && copy.get().isBeingCreated()) {
      return Decision.stop(
          Outcome.NOT_READY,
          "the copy "
              + copyId
              + " of "
              + chosen.id()
              + " is still being made:"
              + " run 'rds-echo new' again later, or with --wait",
          null,
          null);
    }
    if (copy.isPresent() && copy.get().isAvailable()) {
      return round.restoreDirectly(copy.get());
    }
    if (copy.isPresent()) {
      throw new EchoException(
          Outcome.FAILED,
          "the copy "
              + copyId
              + " of "
              + chosen.id()
              + " is "
              + copy.get().status()
              + ": check rdsecho.snapshot.copyKmsKeyId (the key must be usable by this account) and delete the copy,"
              + " then run 'rds-echo new' again");
    }
    SnapshotInfo planned =
        new SnapshotInfo(
            copyId, chosen.sourceInstanceId(), "manual", "available", chosen.createdAt());
    // the clone rules decide as if the copy existed; where they would restore it, it is made
    return round.clone(
        planned,
        (clone, birth, before, replaced) ->
            Decision.act(
                "copying "
                    + chosen.id()
                    + " into this account as "
                    + copyId
                    + "; 'rds-echo new' restores"
                    + " the copy once it is available (or use --wait)",
                null,
                null,
                null,
                NewPlanner.then(
                    before,
                    FreshSnapshots.copy(
                        round.tags(), round.name(), chosen, kmsKeyId, round.now()))));
  }
}

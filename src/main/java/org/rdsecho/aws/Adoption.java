package org.rdsecho.aws;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.Ownership;
import org.rdsecho.stage.Stage;

/**
 * What a create that found its identifier taken ({@link Creations}) does with what is there: adopt
 * our own clone of the same snapshot that an earlier or concurrent run created, refuse anything
 * else (§15).
 */
final class Adoption {
  private final Ownership ownership;
  private final Consumer<String> note;

  /**
   * @param note progress lines (an adopted restore says so)
   */
  Adoption(Ownership ownership, Consumer<String> note) {
    this.ownership = ownership;
    this.note = note;
  }

  /**
   * The identifier was taken between our look and our restore: by a concurrent {@code new} for the
   * same snapshot (fine: it is our clone, of this very snapshot, and alive) or by anything else, a
   * clone of ours given up and being deleted included (refuse: §15, a new clone never takes the
   * identifier of one that still exists).
   */
  void adopt(
      String instanceId,
      Optional<EchoInstance> existing,
      String what,
      Map<String, String> restoreTags) {
    Optional<String> notOurs =
        existing
            .map(ownership::of)
            .filter(v -> v.role() != Ownership.Role.CLONE)
            .map(Ownership.Verdict::why);
    if (notOurs.isPresent()) {
      throw new EchoException(
          Outcome.REFUSED,
          what
              + " named "
              + instanceId
              + " already exists but "
              + notOurs.get()
              + ": rds-echo will not adopt it; rename or delete it by hand");
    }
    EchoTags tags = ownership.tags();
    String snapshot = restoreTags.get(tags.snapshot());
    Optional<EchoInstance> other =
        existing.filter(
            i ->
                i.isDeleting()
                    || (snapshot != null
                        && !i.tag(tags.snapshot()).map(snapshot::equals).orElse(true))
                    || tags.stageOf(i).map(st -> st.isAtOrAfter(Stage.FORGOTTEN)).orElse(false));
    if (other.isPresent()) {
      throw new EchoException(
          Outcome.NOT_READY,
          what
              + " named "
              + instanceId
              + " already exists ("
              + other.get().status()
              + ", stage "
              + other.get().tag(tags.stage()).orElse("?")
              + ", from "
              + other.get().tag(tags.snapshot()).orElse("an unrecorded snapshot")
              + "): a new clone never takes the"
              + " name of one that still exists; run 'rds-echo new' again, which chooses another name");
    }
    note.accept(instanceId + " already exists (an earlier run created it); adopting it");
  }
}

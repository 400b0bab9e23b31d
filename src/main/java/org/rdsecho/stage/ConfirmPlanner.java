package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.core.Outcome;

/** Decides what {@code confirm} records: who agreed to promote which one instance. */
public final class ConfirmPlanner {
  private ConfirmPlanner() {}

  public static Decision decide(
      EchoFleet fleet, String by, boolean sanitizeConfigured, String explicitId, Instant now) {
    EchoTags tags = fleet.tags();
    Targets.Selection selection = Targets.select(fleet, Step.CONFIRM, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance instance = selection.instance();
    Stage stage = fleet.stageOf(instance);
    String who = TagValues.value(by);
    Optional<String> existing = instance.tag(tags.confirmedBy());
    if (existing.filter(who::equals).isPresent()) {
      return Decision.stop(
          Outcome.DONE,
          "promotion of " + instance.id() + " was already confirmed by " + who,
          instance,
          stage);
    }
    String note =
        sanitizeConfigured && stage != Stage.SANITIZED
            ? " once it is sanitized (it is " + stage + ")"
            : "";
    // the request is answered: its tag goes first, so a clone carries at most 10 of ours (§15)
    List<Action> record = new java.util.ArrayList<>();
    if (instance.tag(tags.promoteRequestedAt()).isPresent()) {
      record.add(CloudAction.Tag.of(instance, Map.of(), List.of(tags.promoteRequestedAt())));
    }
    record.add(
        CloudAction.Tag.add(
            instance, Map.of(tags.confirmedBy(), who, tags.confirmedAt(), TagValues.time(now))));
    return Decision.act(
        "confirmed promotion of "
            + instance.id()
            + " by "
            + who
            + "; the next 'rds-echo promote'"
            + " will proceed"
            + note,
        instance,
        stage,
        stage,
        record);
  }
}

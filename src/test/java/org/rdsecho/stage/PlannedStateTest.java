package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The model {@code advance --dry-run} plans on: observations as planned writes would leave them.
 */
class PlannedStateTest {
  private final EchoInstance promoted =
      inStage(Stage.PROMOTED, "development-old", "rds:snap-1", NOW.minusSeconds(90_000));
  private final EchoInstance rebooted = inStage(Stage.REBOOTED);
  private final SnapshotInfo olderFinal =
      new SnapshotInfo(
          "development-x-final",
          "development-x",
          "manual",
          "available",
          NOW.minusSeconds(500_000),
          Map.of(TAGS.managed(), "true"));

  // a field, as the observation it stands in for is handed to the model
  @SuppressWarnings("UnnecessaryLambda")
  private final Function<String, Optional<EchoInstance>> clones =
      id -> List.of(promoted, rebooted).stream().filter(i -> i.id().equals(id)).findFirst();

  @Test
  void nothingPlannedSeesTheObservationsAsTheyAre() {
    assertEquals(
        List.of(promoted, rebooted), PlannedState.NONE.instances(List.of(promoted, rebooted)));
    assertEquals(
        List.of(olderFinal), PlannedState.NONE.snapshots(List.of(olderFinal), s -> true, clones));
    assertEquals("old.rds.test", PlannedState.NONE.cnameTarget("old.rds.test"));
  }

  @Test
  void aPromotionThenARetirementLeaveTheStateTheNextStepPlansOn() {
    PlannedState promotion =
        PlannedState.NONE.after(
            List.of(
                new CloudAction.PointCname("Z1", "dev.example.com.", rebooted.endpoint(), 60),
                CloudAction.Tag.add(promoted, TAGS.transition(Stage.FORGOTTEN, NOW)),
                CloudAction.Tag.add(rebooted, TAGS.transition(Stage.PROMOTED, NOW))));
    PlannedState night =
        promotion.after(
            List.of(
                CloudAction.Tag.add(promoted, TAGS.transition(Stage.RETIRED, NOW)),
                new CloudAction.Delete(promoted.id(), "development-old-final"),
                new CloudAction.DeleteSnapshot(olderFinal.id())));

    assertEquals(rebooted.endpoint(), night.cnameTarget("old.rds.test"));
    List<EchoInstance> after = night.instances(List.of(promoted, rebooted));
    assertEquals(
        List.of("deleting", "available"), after.stream().map(EchoInstance::status).toList());
    assertEquals(
        List.of("retired", "promoted"),
        after.stream().map(i -> i.tags().get(TAGS.stage())).toList());
    // the final snapshot is being made, tagged as its clone was when deleted; the older one is gone
    List<SnapshotInfo> snapshots = night.snapshots(List.of(olderFinal), s -> true, clones);
    assertEquals(
        List.of(
            new SnapshotInfo(
                "development-old-final",
                promoted.id(),
                "manual",
                "creating",
                null,
                after.get(0).tags())),
        snapshots);
    assertEquals(
        Optional.empty(), night.snapshot(olderFinal.id(), Optional.of(olderFinal), clones));

    assertEquals(
        "forgotten",
        promotion.instances(List.of(promoted)).get(0).tags().get(TAGS.stage()),
        "a state is never changed by the ones planned after it");
    assertEquals(6, night.planned().size());
  }

  @Test
  void aRestoreAddsACloneBeingCreatedWithItsBirthTagsAndASnapshotTakenIsBeingMade() {
    Map<String, String> birth = TAGS.birth("development-new", "rds:snap-2", NOW, Map.of());
    PlannedState planned =
        PlannedState.NONE.after(
            List.of(
                new CloudAction.CreateSnapshot(
                    "production", "rdsecho-development-1", Map.of(TAGS.managed(), "true")),
                new CloudAction.Restore("development-new", "rds:snap-2", null, birth)));
    EchoInstance created = planned.instance("development-new", Optional.empty()).orElseThrow();
    assertEquals("creating", created.status());
    assertEquals(birth, created.tags());
    assertEquals(List.of(rebooted, created), planned.instances(List.of(rebooted)));
    assertEquals(
        List.of("rdsecho-development-1"),
        planned
            .snapshots(List.of(), s -> "production".equals(s.sourceInstanceId()), clones)
            .stream()
            .map(SnapshotInfo::id)
            .toList());
    assertEquals(
        List.of(), planned.snapshots(List.of(), s -> "other".equals(s.sourceInstanceId()), clones));
  }
}

package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.ModifySettings;
import org.rdsecho.config.PromoteSettings;
import org.rdsecho.config.RawConfig;
import org.rdsecho.config.RetireSettings;
import org.rdsecho.core.Outcome;

/**
 * Every (command, stage) pair, decided with no AWS at all: one managed, available clone in the
 * given stage, and what the command decides to do about it.
 */
class StagePlannersTest {
  private static final EchoConfig CONFIG =
      EchoConfig.from(RawConfig.of(Map.of("rdsecho.name", "development")));
  private static final SnapshotInfo NEWER =
      new SnapshotInfo("rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600));

  private static final String RESTORE =
      "restore snapshot rds:snap-2 into new instance development-20261121-0250-1d25f3,"
          + " tags copied to its snapshots, tagged {rdsecho:development:id=development-20261121-0250-1d25f3,"
          + " rdsecho:development:managed=true, rdsecho:development:snapshot=rds:snap-2, rdsecho:development:stage=new,"
          + " rdsecho:development:stagedAt=2026-11-21T03:00:00Z}";
  private static final String POINT =
      "point CNAME dev.example.com. at development-clone.rds.test (TTL 60s, zone Z1)";

  /** The writes of each row, in order, as the dry run prints them. */
  private static final Map<String, List<String>> WRITES =
      Map.of(
          "none", List.of(),
          "restore", List.of(RESTORE),
          "tag modified", List.of(stageTag("modified")),
          "tag rebooted", List.of(stageTag("rebooted")),
          "point, tag promoted",
              List.of(
                  POINT,
                  "tag development-clone with {rdsecho:development:promotedBy=--yes,"
                      + " rdsecho:development:stage=promoted, rdsecho:development:stagedAt=2026-11-21T03:00:00Z}"),
          "point", List.of(POINT),
          "tag confirmed",
              List.of(
                  "tag development-clone with {rdsecho:development:confirmedAt=2026-11-21T03:00:00Z,"
                      + " rdsecho:development:confirmedBy=alice}"),
          "tag retired, delete",
              List.of(stageTag("retired"), "delete development-clone without a final snapshot"),
          "delete", List.of("delete development-clone without a final snapshot"));

  private static String stageTag(String stage) {
    return "tag development-clone with {rdsecho:development:stage="
        + stage
        + ", rdsecho:development:stagedAt=2026-11-21T03:00:00Z}";
  }

  @ParameterizedTest(name = "{0} on a {1} clone: exit {2}, writes {3}")
  @CsvSource({
    // command, stage,    exit, writes (spelled out in WRITES)
    "new,      NEW,       4, 'none'",
    "new,      MODIFIED,  4, 'none'",
    "new,      REBOOTED,  4, 'none'",
    "new,      EXPORTED,  4, 'none'",
    "new,      SANITIZED, 4, 'none'",
    "new,      PROMOTED,  0, 'restore'",
    "new,      FORGOTTEN, 0, 'restore'",
    "new,      RETIRED,   0, 'restore'",
    "modify,   NEW,       0, 'tag modified'",
    "modify,   MODIFIED,  0, 'none'",
    "modify,   REBOOTED,  0, 'none'",
    "modify,   EXPORTED,  0, 'none'",
    "modify,   SANITIZED, 0, 'none'",
    "modify,   PROMOTED,  0, 'none'",
    "modify,   FORGOTTEN, 3, 'none'",
    "modify,   RETIRED,   3, 'none'",
    "reboot,   NEW,       3, 'none'",
    "reboot,   MODIFIED,  0, 'tag rebooted'",
    "reboot,   REBOOTED,  0, 'none'",
    "reboot,   EXPORTED,  0, 'none'",
    "reboot,   SANITIZED, 0, 'none'",
    "reboot,   PROMOTED,  0, 'none'",
    "reboot,   FORGOTTEN, 3, 'none'",
    "reboot,   RETIRED,   3, 'none'",
    "promote,  NEW,       3, 'none'",
    "promote,  MODIFIED,  3, 'none'",
    "promote,  REBOOTED,  0, 'point, tag promoted'",
    "promote,  EXPORTED,  0, 'point, tag promoted'",
    "promote,  SANITIZED, 0, 'point, tag promoted'",
    "promote,  PROMOTED,  0, 'point'", // the CNAME points elsewhere: pointed back
    "promote,  FORGOTTEN, 3, 'none'",
    "promote,  RETIRED,   3, 'none'",
    "confirm,  NEW,       3, 'none'",
    "confirm,  MODIFIED,  3, 'none'",
    "confirm,  REBOOTED,  0, 'tag confirmed'",
    "confirm,  EXPORTED,  0, 'tag confirmed'",
    "confirm,  SANITIZED, 0, 'tag confirmed'",
    "confirm,  PROMOTED,  0, 'none'",
    "confirm,  FORGOTTEN, 3, 'none'",
    "confirm,  RETIRED,   3, 'none'",
    "retire,   NEW,       3, 'none'",
    "retire,   MODIFIED,  3, 'none'",
    "retire,   REBOOTED,  3, 'none'",
    "retire,   EXPORTED,  3, 'none'",
    "retire,   SANITIZED, 3, 'none'",
    "retire,   PROMOTED,  3, 'none'",
    "retire,   FORGOTTEN, 0, 'tag retired, delete'",
    "retire,   RETIRED,   0, 'delete'",
  })
  void commandOnACloneInEachStage(String command, Stage stage, int exit, String writes) {
    EchoFleet fleet = new EchoFleet(TAGS, List.of(inStage(stage)));
    Decision d = decide(command, fleet);
    assertEquals(exit, d.outcome().exitCode(), d.message());
    assertEquals(WRITES.get(writes), d.actions().stream().map(Action::describe).toList());
  }

  private static Decision decide(String command, EchoFleet fleet) {
    return switch (command) {
      case "new" -> NewPlanner.decide(fleet, "development", NEWER, CONFIG.restore(), NOW);
      case "modify" -> ModifyPlanner.decide(fleet, CONFIG.modify(), null, NOW);
      case "reboot" -> RebootPlanner.decide(fleet, null, NOW);
      case "promote" -> PromotePlanner.decide(promote(fleet, false));
      case "confirm" -> ConfirmPlanner.decide(fleet, "alice", false, null, NOW);
      case "retire" -> RetirePlanner.decide(retire(fleet, null, null));
      default -> throw new IllegalArgumentException(command);
    };
  }

  private static PromotePlanner.Inputs promote(EchoFleet fleet, boolean sanitize) {
    return promote(fleet, new PromotionGates(sanitize, false, false));
  }

  private static PromotePlanner.Inputs promote(EchoFleet fleet, PromotionGates gates) {
    return new PromotePlanner.Inputs(
        fleet,
        new PromoteSettings("dev.example.com.", 60, Map.of(), null, false),
        gates,
        null,
        true,
        false,
        false,
        false,
        () -> new DnsView("Z1", "old.rds.test"),
        NOW);
  }

  @org.junit.jupiter.api.Test
  void
      promoteRefusesAnUnverifiedOrUncarriedCloneWhenThoseGatesAreSetAndAVerifyBeforeTheLastStageCountsNot() {
    EchoInstance exported =
        TestInstances.withTag(inStage(Stage.EXPORTED), TAGS.stagedAt(), "2026-11-21T03:00:00Z");
    PromotionGates verify = new PromotionGates(false, true, false);
    Decision unverified =
        PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(exported)), verify));
    assertEquals(Outcome.REFUSED, unverified.outcome());
    assertTrue(
        unverified.message().contains("not verified")
            && unverified.message().contains("rds-echo verify"),
        unverified.message());
    EchoInstance stale = TestInstances.withTag(exported, TAGS.verifiedAt(), "2026-11-21T02:00:00Z");
    assertEquals(
        Outcome.REFUSED,
        PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(stale)), verify)).outcome(),
        "verified before the set it has now was written");
    EchoInstance verified =
        TestInstances.withTag(exported, TAGS.verifiedAt(), "2026-11-21T03:10:00Z");
    assertEquals(
        Outcome.DONE,
        PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(verified)), verify)).outcome());

    PromotionGates carry = new PromotionGates(false, false, true);
    Decision uncarried =
        PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(verified)), carry));
    assertEquals(Outcome.REFUSED, uncarried.outcome());
    assertTrue(uncarried.message().contains("rds-echo carry"), uncarried.message());
    EchoInstance carried =
        TestInstances.withTag(verified, TAGS.carriedAt(), "2026-11-21T03:20:00Z");
    assertEquals(
        Outcome.DONE,
        PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(carried)), carry)).outcome());
  }

  private static RetirePlanner.Inputs retire(EchoFleet fleet, String explicit, String cnameTarget) {
    return new RetirePlanner.Inputs(
        fleet,
        new RetireSettings(true, null),
        explicit,
        () -> cnameTarget == null ? List.of() : List.of(cnameTarget),
        true,
        false,
        null,
        List::of,
        java.util.Set.of(),
        "development",
        null,
        NOW);
  }

  @Test
  void notReadyWhenTheCloneIsStillBusy() {
    EchoFleet fleet =
        new EchoFleet(TAGS, List.of(TestInstances.with(inStage(Stage.NEW), "creating")));
    Decision d = ModifyPlanner.decide(fleet, CONFIG.modify(), null, NOW);
    assertEquals(Outcome.NOT_READY, d.outcome());
    assertEquals(
        "development-clone is creating, not available: run 'modify' again later, or with --wait",
        d.message());
  }

  @Test
  void modifySendsOnlyTheSettingsThatDiffer() {
    InstanceSettings current =
        new InstanceSettings(
            Map.of("dev-params", "in-sync"), List.of(), List.of("sg-1", "sg-2"), 7, Map.of());
    EchoFleet fleet =
        new EchoFleet(TAGS, List.of(TestInstances.withSettings(inStage(Stage.NEW), current)));
    ModifySettings wanted =
        new ModifySettings("dev-params", List.of(), 0, true, List.of("sg-2", "sg-1"), null);
    Decision d = ModifyPlanner.decide(fleet, wanted, null, NOW);
    CloudAction.Modify modify = (CloudAction.Modify) d.actions().get(0);
    assertEquals(new ModifyChanges(null, null, null, 0, null, true), modify.changes());

    ModifySettings same =
        new ModifySettings("dev-params", List.of(), 7, true, List.of("sg-1", "sg-2"), null);
    Decision noop = ModifyPlanner.decide(fleet, same, null, NOW);
    assertEquals(
        List.of(
            CloudAction.Tag.add(fleet.head().orElseThrow(), TAGS.transition(Stage.MODIFIED, NOW))),
        noop.actions(),
        "only the stage tag");
  }

  @Test
  void rebootSkipsTheRebootWhenNothingIsPending() {
    EchoFleet fleet = new EchoFleet(TAGS, List.of(inStage(Stage.MODIFIED)));
    Decision d = RebootPlanner.decide(fleet, null, NOW);
    assertEquals(
        List.of(CloudAction.Tag.add(inStage(Stage.MODIFIED), TAGS.transition(Stage.REBOOTED, NOW))),
        d.actions());

    InstanceSettings pending =
        new InstanceSettings(Map.of("p", "pending-reboot"), List.of(), List.of(), 1, Map.of());
    EchoFleet waiting =
        new EchoFleet(TAGS, List.of(TestInstances.withSettings(inStage(Stage.MODIFIED), pending)));
    assertEquals(
        new CloudAction.Reboot("development-clone"),
        RebootPlanner.decide(waiting, null, NOW).actions().get(0));
  }

  @Test
  void promoteWritesDnsThenForgetsTheOldThenMarksTheNewPromoted() {
    EchoInstance old =
        inStage(Stage.PROMOTED, "development-old", "rds:snap-0", NOW.minusSeconds(90_000));
    EchoInstance fresh = inStage(Stage.REBOOTED);
    Decision d = PromotePlanner.decide(promote(new EchoFleet(TAGS, List.of(old, fresh)), false));
    assertEquals(
        new CloudAction.PointCname("Z1", "dev.example.com.", "development-clone.rds.test", 60),
        d.actions().get(0));
    Map<String, String> forgotten =
        new java.util.LinkedHashMap<>(TAGS.transition(Stage.FORGOTTEN, NOW));
    forgotten.put(
        TAGS.promotedBy(), "unrecorded"); // it was promoted: rollback may return to it (§15)
    assertEquals(CloudAction.Tag.add(old, forgotten), d.actions().get(1));
    Map<String, String> promoted =
        new java.util.LinkedHashMap<>(TAGS.transition(Stage.PROMOTED, NOW));
    promoted.put(TAGS.promotedBy(), "--yes");
    assertEquals(
        List.of(
            new CloudAction.PointCname("Z1", "dev.example.com.", "development-clone.rds.test", 60),
            CloudAction.Tag.add(old, forgotten),
            CloudAction.Tag.add(fresh, promoted)),
        d.actions());
    CloudAction.Tag last = (CloudAction.Tag) d.actions().get(2);
    assertEquals("promoted", last.add().get(TAGS.stage()));
    assertEquals("--yes", last.add().get(TAGS.promotedBy()));
  }

  @Test
  void promoteHandsTheGivenUpRecordOnToTheNewlyPromotedClone() {
    EchoInstance old =
        TestInstances.withTag(
            inStage(Stage.PROMOTED, "development-old", "rds:snap-0", NOW.minusSeconds(90_000)),
            TAGS.givenUp(),
            "rds:snap-1 rds:snap-0b");
    Decision d =
        PromotePlanner.decide(
            promote(new EchoFleet(TAGS, List.of(old, inStage(Stage.REBOOTED))), false));
    CloudAction.Tag last = (CloudAction.Tag) d.actions().get(d.actions().size() - 1);
    assertEquals(
        "rds:snap-1 rds:snap-0b",
        last.add().get(TAGS.givenUp()),
        "the record outlives the old clone");
  }

  @Test
  void promoteRefusesUnsanitizedCloneWhenSanitizeIsConfigured() {
    EchoFleet fleet = new EchoFleet(TAGS, List.of(inStage(Stage.EXPORTED)));
    Decision d = PromotePlanner.decide(promote(fleet, true));
    assertEquals(Outcome.REFUSED, d.outcome());
    assertTrue(
        d.message().contains("it is exported, but rdsecho.sanitize.scripts is set"), d.message());
  }

  @Test
  void promoteLooksDnsUpOnlyWhenThereIsSomethingToPromote() {
    EchoFleet fleet = new EchoFleet(TAGS, List.of(inStage(Stage.NEW)));
    PromotePlanner.Inputs in =
        new PromotePlanner.Inputs(
            fleet,
            new PromoteSettings("dev.example.com.", 60, Map.of(), null, false),
            PromotionGates.NONE,
            null,
            true,
            false,
            false,
            false,
            () -> {
              throw new AssertionError("Route53 was asked");
            },
            NOW);
    assertEquals(Outcome.NOTHING_TO_ACT_ON, PromotePlanner.decide(in).outcome());
  }

  @Test
  void retireRefusesWhatIsNotOurs() {
    EchoFleet fleet =
        new EchoFleet(TAGS, List.of(TestInstances.unmanaged("prod"), inStage(Stage.FORGOTTEN)));
    Decision d = RetirePlanner.decide(retire(fleet, "prod", null));
    assertEquals(Outcome.REFUSED, d.outcome());
    Decision target =
        RetirePlanner.decide(retire(fleet, "development-clone", "DEVELOPMENT-CLONE.rds.test."));
    assertEquals(Outcome.REFUSED, target.outcome());
    assertTrue(target.message().contains("the CNAME still points at it"), target.message());
  }

  @Test
  void retireNeverDeletesAFailedCloneTheCnameNamesThoughRdsReportsNoEndpoint() {
    // found by StatefulEchoTest (seed 5670292872977387509): a person pointed the CNAME by hand at
    // the
    // writer of a forgotten Aurora clone that RDS then reported incompatible-restore, with no
    // endpoint
    EchoInstance forgotten = inStage(Stage.FORGOTTEN);
    EchoInstance failed =
        new EchoInstance(
            forgotten.id(),
            forgotten.arn(),
            "incompatible-restore",
            null,
            null,
            forgotten.createdAt(),
            forgotten.tags(),
            forgotten.settings());
    EchoFleet fleet = new EchoFleet(TAGS, List.of(failed));
    String target = "development-clone.c9akciq32.us-east-1.rds.amazonaws.com.";

    Decision d = RetirePlanner.decide(retire(fleet, null, target));

    assertEquals(List.of(), d.actions(), "nothing is written to a clone the CNAME names");
    assertTrue(d.message().contains("the CNAME still points at it"), d.message());
    Decision explicit = RetirePlanner.decide(retire(fleet, "development-clone", target));
    assertEquals(Outcome.REFUSED, explicit.outcome());
    assertEquals(List.of(), explicit.actions());
    Decision elsewhere =
        RetirePlanner.decide(
            retire(fleet, null, "development-clone-2.c9akciq32.us-east-1.rds.amazonaws.com."));
    assertTrue(
        elsewhere.actions().stream().anyMatch(a -> a instanceof CloudAction.Delete),
        "a failed clone the CNAME does not name is still retired: " + elsewhere.actions());
  }

  @Test
  void retireNeverDeletesAClusterWhoseWriterTheCnameNamesThoughRdsReportsNoEndpointForIt() {
    EchoInstance forgotten = inStage(Stage.FORGOTTEN);
    EchoInstance cluster =
        new EchoInstance(
            "development-clone",
            "arn:aws:rds:us-east-1:1:cluster:development-clone",
            "incompatible-restore",
            "development-clone.cluster-c9akciq32.us-east-1.rds.amazonaws.com",
            3306,
            forgotten.createdAt(),
            forgotten.tags(),
            forgotten.settings(),
            EchoInstance.Kind.CLUSTER,
            List.of(
                new EchoInstance.Member(
                    "development-clone-1",
                    "arn:aws:rds:us-east-1:1:db:development-clone-1",
                    "incompatible-restore",
                    true)));
    EchoFleet fleet = new EchoFleet(TAGS, List.of(cluster));

    Decision d =
        RetirePlanner.decide(
            retire(fleet, null, "development-clone-1.c9akciq32.us-east-1.rds.amazonaws.com."));

    assertEquals(
        List.of(), d.actions(), "nothing is written to a clone whose writer the CNAME names");
    assertTrue(d.message().contains("the CNAME still points at it"), d.message());
  }

  @Test
  void finalSnapshotNamesAreUniquePerInstanceAndLegal() {
    assertEquals(
        "dev-final-development-abc-20261121-030000",
        FinalSnapshots.id(new RetireSettings(false, "dev_final"), "development-abc", NOW));
    assertEquals(
        "development-abc-final-20261121-030000",
        FinalSnapshots.id(new RetireSettings(false, null), "development-abc", NOW));
    assertEquals(
        "development-abc-final-20261121-040000",
        FinalSnapshots.id(
            new RetireSettings(false, null), "development-abc", NOW.plusSeconds(3600)),
        "the same identifier restored again is another instance with another final snapshot");
    assertEquals(null, FinalSnapshots.id(new RetireSettings(true, "x"), "development-abc", NOW));
  }

  @Test
  void newAdoptsZeroOneClonesWithoutSnapshotTagByCreationTime() {
    EchoInstance legacy = TestInstances.withTag(inStage(Stage.PROMOTED), TAGS.snapshot(), "");
    java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(legacy.tags());
    tags.remove(TAGS.snapshot());
    EchoInstance zeroOne =
        new EchoInstance(
            legacy.id(),
            legacy.arn(),
            "available",
            legacy.endpoint(),
            3306,
            NOW.minusSeconds(60),
            tags,
            InstanceSettings.NONE);
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(zeroOne)), "development", NEWER, CONFIG.restore(), NOW);
    assertEquals(Outcome.DONE, d.outcome());
    assertTrue(d.message().startsWith("already up to date"), d.message());
  }

  @ParameterizedTest
  @CsvSource({"NEW", "MODIFIED", "REBOOTED", "SANITIZED", "FORGOTTEN", "RETIRED"})
  void aZeroOneCloneWithoutSnapshotTagCountsAsACloneOfTheNewestSnapshotInEveryStage(Stage stage) {
    java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(inStage(stage).tags());
    tags.remove(TAGS.snapshot());
    EchoInstance zeroOne =
        new EchoInstance(
            "development-legacy",
            "arn:legacy",
            "available",
            "legacy.rds.test",
            3306,
            NOW.minusSeconds(60),
            tags,
            InstanceSettings.NONE);
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(zeroOne)), "development", NEWER, CONFIG.restore(), NOW);
    assertEquals(Outcome.DONE, d.outcome(), d.message());
    assertTrue(d.message().contains("was created after rds:snap-2 was taken"), d.message());
  }

  @Test
  void replaceUnpromotedForgetsTheOlderCloneThenRestores() {
    EchoInstance older =
        inStage(Stage.REBOOTED, "development-older", "rds:snap-1", NOW.minusSeconds(90_000));
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(older)),
            "development",
            NEWER,
            CONFIG.restore(),
            true,
            () -> List.of("elsewhere.rds.test"),
            java.util.Optional::empty,
            NOW);
    assertEquals(Outcome.DONE, d.outcome(), d.message());
    assertEquals(
        CloudAction.Tag.add(older, TAGS.transition(Stage.FORGOTTEN, NOW)), d.actions().get(0));
    assertTrue(d.actions().get(1) instanceof CloudAction.Restore);
    assertEquals(
        List.of(
            "tag development-older with {rdsecho:development:stage=forgotten,"
                + " rdsecho:development:stagedAt=2026-11-21T03:00:00Z}",
            RESTORE),
        d.actions().stream().map(Action::describe).toList());
    assertTrue(
        d.message().contains("forgot development-older (rdsecho.new.replaceUnpromoted=true)"),
        d.message());

    Decision target =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(older)),
            "development",
            NEWER,
            CONFIG.restore(),
            true,
            () -> List.of(older.endpoint()),
            java.util.Optional::empty,
            NOW);
    assertEquals(Outcome.CLONE_IN_FLIGHT, target.outcome());
    assertTrue(
        target.message().contains("replaceUnpromoted does not apply, as the CNAME points at it"));

    Decision off =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(older)), "development", NEWER, CONFIG.restore(), NOW);
    assertEquals(Outcome.CLONE_IN_FLIGHT, off.outcome());
    assertEquals(4, off.outcome().exitCode());
  }

  @Test
  void newRefusesAnUnmanagedInstanceHoldingTheDerivedName() {
    String id = InstanceNames.forSnapshot("development", NEWER);
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(TestInstances.unmanaged(id))),
            "development",
            NEWER,
            CONFIG.restore(),
            NOW);
    assertEquals(Outcome.REFUSED, d.outcome());
  }

  @Test
  void newPutsTheManagedAndStageTagsInsideTheRestore() {
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of()), "development", NEWER, CONFIG.restore(), NOW);
    CloudAction.Restore restore = (CloudAction.Restore) d.actions().get(0);
    assertEquals("true", restore.tags().get("rdsecho:development:managed"));
    assertEquals("new", restore.tags().get("rdsecho:development:stage"));
    assertEquals("rds:snap-2", restore.tags().get("rdsecho:development:snapshot"));
    assertEquals(
        "development-20261121-0250-"
            + restore.instanceId().substring(restore.instanceId().length() - 6),
        restore.instanceId());
  }
}

package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.RetireSettings;
import org.rdsecho.stage.Ownership.Role;

/** The one model of what is ours (§15): every kind of resource, ours, legacy, copied or foreign. */
class OwnershipTest {
  private final Ownership ownership =
      new Ownership(TAGS, Set.of("production"), new RetireSettings(false, null, 3));

  private static Map<String, String> tags(String... keyValues) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      tags.put(TAGS.key(keyValues[i]), keyValues[i + 1]);
    }
    return tags;
  }

  private static EchoInstance instance(String id, Map<String, String> tags) {
    return new EchoInstance(id, "arn:" + id, "available", null, null, NOW, tags, null);
  }

  private static SnapshotInfo snapshot(String id, String of, Map<String, String> tags) {
    return new SnapshotInfo(id, of, "manual", "available", NOW, tags);
  }

  private Role role(EchoInstance i) {
    return ownership.of(i).role();
  }

  private Role role(SnapshotInfo s) {
    return ownership.of(s).role();
  }

  @Test
  void instancesAreOursOnlyWhenTheirIdentityNamesThemOrTheyAreLegacyByName() {
    assertEquals(
        Role.CLONE,
        role(instance("development-1", tags("managed", "true", "id", "development-1"))));
    assertEquals(
        Role.CLONE,
        role(instance("anything-named", tags("managed", "true", "id", "anything-named"))));
    assertEquals(
        Role.CLONE,
        role(instance("development-2015", tags("managed", "true", "stage", "new"))),
        "0.1.x");
    EchoInstance bob =
        instance(
            "dev-recovered-bob",
            tags("managed", "true", "id", "development-1", "stage", "promoted"));
    assertEquals(Role.FOREIGN, role(bob));
    assertEquals(
        "it carries rdsecho:development:* tags copied from development-1; rds-echo does not manage it",
        ownership.of(bob).why());
    assertEquals(
        Role.FOREIGN,
        role(instance("forensics-alice", tags("managed", "true", "stage", "retired"))),
        "no identity and not named as ours");
    assertEquals(
        Role.SOURCE, role(instance("production", tags("managed", "true", "id", "production"))));
    assertEquals(Role.OTHER, role(instance("someone", Map.of("team", "payments"))));
    assertEquals(
        Role.OTHER, role(instance("development-3", tags("stage", "new"))), "no managed tag");
  }

  @Test
  void snapshotsHaveOneRoleEach() {
    assertEquals(Role.SOURCE, role(snapshot("rds:production-1", "production", Map.of())));
    assertEquals(Role.OTHER, role(snapshot("by-hand", "someone", Map.of())));
    String fresh = "rdsecho-development-20261121-030000";
    assertEquals(
        Role.FRESH, role(snapshot(fresh, "production", tags("managed", "true", "id", fresh))));
    assertEquals(
        Role.FRESH,
        role(snapshot(fresh, "production", tags("managed", "true"))),
        "before the identity tag");
    String copy = FreshSnapshots.copyIdFor("development", "rds:production-1");
    assertEquals(
        Role.COPY,
        role(
            snapshot(
                copy,
                "production",
                tags("managed", "true", "id", copy, "copiedFrom", "rds:production-1"))));
    assertEquals(
        Role.COPY, role(snapshot(copy, "production", tags("managed", "true", "copiedFrom", "x"))));
    // someone's copy of our copy, tags and all: it keeps the source's instance id, but it is not
    // ours
    assertEquals(
        Role.FOREIGN,
        role(
            snapshot(
                "my-copy",
                "production",
                tags("managed", "true", "id", copy, "copiedFrom", "rds:production-1"))));
    assertEquals(Role.FOREIGN, role(snapshot("mine", "production", tags("stage", "new"))));
  }

  @Test
  void finalSnapshotsAreKnownByTheCloneTheyNameAndTheNameRdsEchoGaveThem() {
    String clone = "development-20261120-0300-4b7541";
    Map<String, String> inherited = tags("managed", "true", "id", clone, "stage", "retired");
    String finalId = FinalSnapshots.id(new RetireSettings(false, null, 3), clone, NOW);
    assertEquals(Role.FINAL, role(snapshot(finalId, clone, inherited)));
    assertEquals(
        Role.FINAL,
        role(snapshot(clone + "-final", clone, inherited)),
        "a clone without a creation time");
    assertEquals(
        Role.FOREIGN, role(snapshot("keep-for-audit", clone, inherited)), "a person's copy of it");
    assertEquals(
        Role.FOREIGN,
        role(snapshot(finalId, "forensics-alice", inherited)),
        "a snapshot of an instance restored from it");
    Map<String, String> legacy = tags("managed", "true", "stage", "retired");
    assertEquals(
        Role.FINAL, role(snapshot(finalId, clone, legacy)), "made before the identity tag");
    assertEquals(Role.FOREIGN, role(snapshot("x-final-20261121-030000", "x", legacy)));
    assertEquals(Role.FOREIGN, role(snapshot(finalId, "production", legacy)));

    Ownership named =
        new Ownership(TAGS, Set.of("production"), new RetireSettings(false, "nightly", 3));
    String namedId = FinalSnapshots.id(new RetireSettings(false, "nightly", 3), clone, NOW);
    assertEquals(Role.FINAL, named.of(snapshot(namedId, clone, inherited)).role());
    assertEquals(
        Role.FINAL,
        named.of(snapshot(finalId, clone, inherited)).role(),
        "the default name still counts");
  }

  @Test
  void newChoosesOnlyAmongTheSourcesOwnSnapshots() {
    String copy = FreshSnapshots.copyIdFor("development", "rds:production-1");
    List<SnapshotInfo> listed =
        List.of(
            snapshot("rds:production-1", "production", Map.of()),
            snapshot(
                copy,
                "production",
                tags("managed", "true", "id", copy, "copiedFrom", "rds:production-1")),
            snapshot("rdsecho-development-20261121-030000", "production", tags("managed", "true")),
            snapshot("someones-copy", "production", tags("managed", "true", "id", copy)));
    assertEquals(
        List.of("rds:production-1"),
        ownership.candidates(listed).stream().map(SnapshotInfo::id).toList());
    assertTrue(ownership.of(listed.get(3)).why().contains("copied from " + copy));
  }
}

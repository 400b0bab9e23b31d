package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.core.Outcome;

/**
 * {@link EchoInstance#naming}, the one rule for which clone a DNS name names, and the commands that
 * give a clone up (forget, new's replaceUnpromoted) keeping every clone the CNAME may name.
 */
class CnameNamingTest {
  private static final String ID = "development-clone";

  /** An Aurora clone in {@code stage} with a cluster, reader, custom and writer endpoint. */
  static EchoInstance cluster(Stage stage, String id) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAGS.managed(), "true");
    tags.put(TAGS.stage(), stage.tagValue());
    tags.put(TAGS.snapshot(), "rds:snap-1");
    return new EchoInstance(
        id,
        "arn:aws:rds:us-east-1:1:cluster:" + id,
        "available",
        id + ".cluster-x.us-east-1.rds.amazonaws.com",
        3306,
        NOW.minusSeconds(90_000),
        tags,
        InstanceSettings.NONE,
        EchoInstance.Kind.CLUSTER,
        List.of(new EchoInstance.Member(id + "-1", "arn:" + id + "-1", "available", true)),
        List.of(
            id + ".cluster-ro-x.us-east-1.rds.amazonaws.com",
            "reports.cluster-custom-x.us-east-1.rds.amazonaws.com",
            id + "-1.x.us-east-1.rds.amazonaws.com"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "cluster endpoint,         development-clone.cluster-x.us-east-1.rds.amazonaws.com,     ENDPOINT",
    "any case and a dot,       DEVELOPMENT-CLONE.Cluster-X.us-east-1.rds.amazonaws.com.,    ENDPOINT",
    "reader endpoint,          development-clone.cluster-ro-x.us-east-1.rds.amazonaws.com,  ENDPOINT",
    "custom endpoint,          reports.cluster-custom-x.us-east-1.rds.amazonaws.com,        ENDPOINT",
    "writer instance endpoint, development-clone-1.x.us-east-1.rds.amazonaws.com,           ENDPOINT",
    "id in another domain,     development-clone.example.org,                               LOOKALIKE",
    "id in another region,     development-clone.cluster-x.eu-west-1.rds.amazonaws.com,     LOOKALIKE",
    "writer id elsewhere,      development-clone-1.example.org,                             LOOKALIKE",
    "id further down,          db.development-clone.example.org,                            NONE",
    "another cluster,          payments.cluster-x.us-east-1.rds.amazonaws.com,              NONE",
  })
  void aNameIsOneOfTheClonesEndpointsALookalikeOrNone(
      String what, String name, EchoInstance.Naming expected) {
    EchoInstance clone = cluster(Stage.PROMOTED, ID);
    assertEquals(expected, clone.naming(name), what);
    assertEquals(expected == EchoInstance.Naming.ENDPOINT, clone.isNamedBy(name), what);
    assertEquals(expected != EchoInstance.Naming.NONE, clone.mayBeNamedBy(name), what);
  }

  @Test
  void noRecordNamesNothing() {
    assertEquals(EchoInstance.Naming.NONE, cluster(Stage.PROMOTED, ID).naming(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "development-clone.cluster-ro-x.us-east-1.rds.amazonaws.com",
    "development-clone-1.x.us-east-1.rds.amazonaws.com",
    "development-clone.example.org"
  })
  void forgetRefusesACloneTheCnameMayNameByAnyOfItsNames(String target) {
    EchoInstance clone = cluster(Stage.REBOOTED, ID);
    Decision d =
        ForgetPlanner.decide(new EchoFleet(TAGS, List.of(clone)), null, () -> List.of(target), NOW);
    assertEquals(Outcome.REFUSED, d.outcome(), d.message());
    assertTrue(d.message().contains("the CNAME points at it (" + target + ")"), d.message());
    assertEquals(List.of(), d.actions());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "development-older.cluster-ro-x.us-east-1.rds.amazonaws.com",
    "development-older-1.x.us-east-1.rds.amazonaws.com",
    "development-older.example.org"
  })
  void replaceUnpromotedNeverForgetsACloneTheCnameMayName(String target) {
    EchoInstance older = cluster(Stage.REBOOTED, "development-older");
    Decision d =
        NewPlanner.decide(
            new EchoFleet(TAGS, List.of(older)),
            "development",
            new SnapshotInfo(
                "rds:snap-2", "production", "automated", "available", NOW.minusSeconds(600)),
            EchoConfig.from(RawConfig.of(Map.of("rdsecho.name", "development"))).restore(),
            true,
            () -> List.of(target),
            java.util.Optional::empty,
            NOW);
    assertEquals(Outcome.CLONE_IN_FLIGHT, d.outcome(), d.message());
    assertTrue(
        d.message().contains("replaceUnpromoted does not apply, as the CNAME points at it"),
        d.message());
    assertEquals(List.of(), d.actions());
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Which clone the CNAME names is one rule for promote, rollback, status and retire: any endpoint
 * RDS reports for a clone (an Aurora clone's cluster, reader and custom endpoints and its
 * instances' own) names it; a host whose first label is a clone's identifier but is none of its
 * endpoints (another domain, another region) only looks like it: promote and rollback treat it as
 * the host it is, and retire keeps the clone, since it cannot tell; anything else is not ours.
 *
 * <p>{@code C} in a target stands for the clone the CNAME is meant to name.
 */
class CnameNamesTheCloneTest {
  private static final String STAGE = "rdsecho:development:stage";
  private static final String OLD =
      Harness.clusterCloneId(Harness.OLD_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(2)));
  private static final String NEW =
      Harness.clusterCloneId(Harness.NEW_CLUSTER_SNAPSHOT, Harness.START.minus(Duration.ofDays(1)));

  /** What the CNAME names, with what each command does about it. */
  enum Names {
    /** One of the clone's endpoints: the clone. */
    CLONE,
    /** A look-alike outside RDS: not an RDS endpoint, so a first promotion may move it. */
    LOOKALIKE_HOST,
    /** A look-alike RDS endpoint of another region or account: --take-over. */
    LOOKALIKE_RDS,
    /** Someone else's cluster in this account: --take-over. */
    FOREIGN_RDS,
    /** A host outside RDS that is nobody's clone. */
    FOREIGN_HOST
  }

  private static final String TABLE =
      """
      writer endpoint (a),         C.cluster-c0ffee.us-east-1.rds.amazonaws.com,            CLONE
      reader endpoint (b),         C.cluster-ro-c0ffee.us-east-1.rds.amazonaws.com.,        CLONE
      member endpoint (c),         C-1.c0ffee.us-east-1.rds.amazonaws.com,                  CLONE
      custom endpoint (c),         C-custom.cluster-custom-c0ffee.us-east-1.rds.amazonaws.com, CLONE
      id label elsewhere (d),      C.example.org,                                           LOOKALIKE_HOST
      id label other region (d),   C.cluster-c0ffee.eu-west-1.rds.amazonaws.com,            LOOKALIKE_RDS
      a cluster not ours (e),      payments-analytics.cluster-c0ffee.us-east-1.rds.amazonaws.com, FOREIGN_RDS
      foreign host (e),            db.example.org,                                          FOREIGN_HOST
      """;

  @TempDir Path dir;

  /**
   * The Aurora night (the old clone promoted) with tonight's clone in {@code newStage}; each clone
   * has a custom endpoint besides its cluster, reader and writer instance endpoints.
   */
  private Harness night(String newStage) {
    Harness h = new Harness(dir).auroraNight();
    FakeRds.Cluster c = h.rds.addCluster(NEW, "available", Harness.START.minusSeconds(600));
    c.tags.put("rdsecho:development:managed", "true");
    c.tags.put(STAGE, newStage);
    c.tags.put("rdsecho:development:snapshot", Harness.NEW_CLUSTER_SNAPSHOT);
    h.rds.addClusterInstance(NEW, NEW + "-1", "available", c.createdAt).tags.putAll(c.tags);
    for (String id : new String[] {OLD, NEW}) {
      h.rds
          .clusters()
          .get(id)
          .customEndpoints
          .add(id + "-custom.cluster-custom-c0ffee.us-east-1.rds.amazonaws.com");
    }
    return h;
  }

  private static void stage(Harness h, String id, String stage) {
    h.rds.clusters().get(id).tags.put(STAGE, stage);
    h.rds.instance(id + "-1").tags.put(STAGE, stage);
  }

  private static void promotedBefore(Harness h, String id) {
    h.rds.clusters().get(id).tags.put("rdsecho:development:promotedBy", "--yes");
    h.rds.instance(id + "-1").tags.put("rdsecho:development:promotedBy", "--yes");
  }

  private static String cname(Harness h) {
    return h.route53.cname(Harness.ZONE, Harness.CNAME).target();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = TABLE)
  void promoteMovesTheCnameOffTheOldCloneByAnyOfItsNamesAndOffForeignRdsOnlyWhenTakenOver(
      String what, String target, Names names) {
    Harness h = night("rebooted");
    String spelled = target.replace("C", OLD);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, spelled);
    Run run = h.run("promote", "--yes");
    FakeRds.Cluster tonight = h.rds.clusters().get(NEW);
    if (names == Names.LOOKALIKE_RDS || names == Names.FOREIGN_RDS) {
      assertEquals(4, run.exitCode(), what + ": " + run.out() + run.err());
      assertTrue(run.out().contains("'rds-echo promote --take-over'"), run.out());
      assertEquals(
          names == Names.LOOKALIKE_RDS,
          run.out()
              .contains(
                  "(its first label is "
                      + OLD
                      + "'s identifier, but RDS reports no such endpoint for "
                      + OLD
                      + ")"),
          run.out());
      assertEquals(spelled, cname(h), "unchanged");
      assertEquals("rebooted", tonight.tags.get(STAGE));
      assertEquals("promoted", h.rds.clusters().get(OLD).tags.get(STAGE));
      return;
    }
    assertEquals(0, run.exitCode(), what + ": " + run.out() + run.err());
    assertEquals(tonight.endpoint(), cname(h));
    assertTrue(run.out().contains("(was " + spelled + ")"), run.out());
    assertEquals("promoted", tonight.tags.get(STAGE));
    assertEquals("forgotten", h.rds.clusters().get(OLD).tags.get(STAGE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = TABLE)
  void rollbackMovesTheCnameOffThePromotedCloneByAnyOfItsNamesAndOffForeignRdsOnlyWhenTakenOver(
      String what, String target, Names names) {
    Harness h = night("promoted");
    promotedBefore(h, NEW);
    stage(h, OLD, "forgotten");
    promotedBefore(h, OLD);
    String spelled = target.replace("C", NEW);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, spelled);
    Run run = h.run("rollback", "--yes");
    if (names == Names.LOOKALIKE_RDS || names == Names.FOREIGN_RDS) {
      assertEquals(4, run.exitCode(), what + ": " + run.out() + run.err());
      assertTrue(run.out().contains("'rds-echo rollback --take-over'"), run.out());
      assertEquals(spelled, cname(h), "unchanged");
      assertEquals("promoted", h.rds.clusters().get(NEW).tags.get(STAGE));
      return;
    }
    assertEquals(0, run.exitCode(), what + ": " + run.out() + run.err());
    assertEquals(h.rds.clusters().get(OLD).endpoint(), cname(h));
    assertEquals("promoted", h.rds.clusters().get(OLD).tags.get(STAGE));
    assertEquals("forgotten", h.rds.clusters().get(NEW).tags.get(STAGE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = TABLE)
  void statusMarksTheCloneTheCnameNamesByAnyOfItsNamesAndNoLookalike(
      String what, String target, Names names) throws Exception {
    Harness h = night("rebooted");
    String spelled = target.replace("C", OLD);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, spelled);
    JsonNode doc = new ObjectMapper().readTree(h.run("-o", "json", "status").out());
    JsonNode old = null;
    for (JsonNode row : doc.get("instances")) {
      if (row.get("id").asText().equals(OLD)) {
        old = row;
      }
      if (row.get("id").asText().equals(NEW)) {
        assertFalse(row.get("promoted").asBoolean(), what + ": " + row);
      }
    }
    boolean ours = names == Names.CLONE;
    assertEquals(ours, old.get("promoted").asBoolean(), what + ": the CNAME points here");
    assertEquals(ours, doc.get("cname").get("managed").asBoolean(), what);
    String whose = ours ? OLD : names == Names.FOREIGN_RDS ? "payments-analytics" : null;
    assertEquals(whose, doc.get("cname").get("instance").textValue(), what);

    String text = h.run("status").out();
    boolean said =
        text.contains("CNAME " + Harness.CNAME + " points at " + OLD + "\n")
            || text.contains(
                "CNAME " + Harness.CNAME + " points at " + OLD + " (as " + spelled + ")");
    assertEquals(ours, said, what + ": " + text);
    boolean lookalike = names == Names.LOOKALIKE_HOST || names == Names.LOOKALIKE_RDS;
    assertEquals(
        lookalike,
        text.contains("its first label is " + OLD + "'s identifier, so retire keeps " + OLD),
        what + ": " + text);
    assertEquals(
        names == Names.LOOKALIKE_RDS || names == Names.FOREIGN_RDS,
        text.contains("(promote needs --take-over)"),
        what + ": " + text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = TABLE)
  void retireKeepsTheForgottenCloneTheCnameMayNameAndDeletesItOtherwise(
      String what, String target, Names names) {
    Harness h = night("promoted");
    promotedBefore(h, NEW);
    stage(h, OLD, "forgotten");
    promotedBefore(h, OLD);
    String spelled = target.replace("C", OLD);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, spelled);
    boolean kept = names != Names.FOREIGN_RDS && names != Names.FOREIGN_HOST;
    if (kept) {
      Run named = h.run("retire", "--yes", "--instance", OLD);
      assertEquals(4, named.exitCode(), what + ": " + named.out() + named.err());
      assertTrue(named.out().contains("refusing to retire " + OLD), named.out());
      assertTrue(named.out().contains(spelled), "names the target: " + named.out());
      String why =
          names == Names.CLONE
              ? "the CNAME still points at it"
              : "the CNAME still points at it as far as rds-echo can tell (its target's first label"
                  + " is its identifier, though RDS reports no such endpoint for it)";
      assertTrue(named.out().contains(why), named.out());
    }
    Run run = h.run("retire", "--yes");
    assertEquals(
        kept,
        h.rds.writeLog().stream().noneMatch(w -> w.contains(OLD)),
        what + ": " + run.out() + run.err() + h.rds.writeLog());
    if (kept) {
      assertTrue(run.out().contains(OLD), "says what it kept: " + run.out());
      assertTrue(
          run.out()
              .contains(
                  names == Names.CLONE
                      ? OLD + " (the CNAME still points at it)"
                      : OLD + " (the CNAME still points at it as far as rds-echo can tell"),
          run.out());
    } else {
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(h.rds.writeLog().contains("DeleteDBCluster " + OLD), h.rds.writeLog().toString());
    }
  }

  /**
   * The name held by CNAMEs with a routing policy (weighted here, as for a blue/green switch made
   * by hand) still names the clones they point at: retire and forget keep every one of them, as
   * they keep the clone a plain CNAME names. Before, only a plain CNAME's target counted, so retire
   * deleted the forgotten clone the name still sent traffic to.
   */
  @Test
  void retireAndForgetKeepAForgottenCloneARoutingPolicyCnameAtTheNameStillNames() {
    Harness h = night("promoted");
    promotedBefore(h, NEW);
    stage(h, OLD, "forgotten");
    promotedBefore(h, OLD);
    h.route53.removeCname(Harness.ZONE, Harness.CNAME);
    for (String[] set :
        new String[][] {
          {"blue", h.rds.clusters().get(NEW).endpoint()},
          {"green", h.rds.clusters().get(OLD).endpoint()}
        }) {
      h.route53.putOther(
          Harness.ZONE,
          ResourceRecordSet.builder()
              .name(Harness.CNAME)
              .type(RRType.CNAME)
              .setIdentifier(set[0])
              .weight(50L)
              .ttl(60L)
              .resourceRecords(ResourceRecord.builder().value(set[1]).build())
              .build());
    }
    Run named = h.run("retire", "--yes", "--instance", OLD);
    assertEquals(4, named.exitCode(), named.out() + named.err());
    assertTrue(
        named
            .out()
            .contains(
                "the CNAME still points at it (" + h.rds.clusters().get(OLD).endpoint() + ")"),
        named.out());
    Run run = h.run("retire", "--yes");
    assertTrue(
        h.rds.writeLog().stream().noneMatch(w -> w.contains(OLD)),
        run.out() + run.err() + h.rds.writeLog());
    assertTrue(run.out().contains(OLD), "says what it kept: " + run.out());
    assertTrue(
        run.out().contains("such as a weighted CNAME, change them by hand"),
        "advice that can be followed while promote refuses: " + run.out());
    Run status = h.run("status");
    assertTrue(
        status
            .out()
            .contains(
                "CNAME "
                    + Harness.CNAME
                    + " has no plain CNAME: the name holds CNAME with a routing policy, CNAME with"
                    + " a routing policy"),
        status.out());
  }

  /**
   * A CNAME pointed by hand at the promoted clone's reader endpoint still serves that clone:
   * promote points it at the cluster endpoint (§12), and a rerun writes nothing.
   */
  @Test
  void promoteRepointsAHandEditOntoThePromotedClonesReaderAtItsClusterEndpoint() {
    Harness h = new Harness(dir).auroraNight();
    FakeRds.Cluster old = h.rds.clusters().get(OLD);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, old.readerEndpoint());
    Run run = h.run("promote", "--yes");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(old.endpoint(), cname(h));
    assertTrue(run.out().contains("repaired promotion of " + OLD), run.out());
    h.budget.resetCount();
    Run again = h.run("promote", "--yes");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(0, h.budget.writes(), "a rerun writes nothing: " + again.out());
  }

  /**
   * Tonight's clone named by its own reader endpoint (a hand edit before its promotion) is one of
   * ours: promote points the CNAME at its cluster endpoint, asking as for any promotion (the
   * shortcut for a promotion interrupted after DNS moved is for the endpoint promote writes only).
   */
  @Test
  void promoteOfACloneTheCnameAlreadyNamesByItsReaderStillAsksAndPointsAtItsEndpoint() {
    Harness h = night("rebooted");
    FakeRds.Cluster tonight = h.rds.clusters().get(NEW);
    h.route53.putCname(Harness.ZONE, Harness.CNAME, tonight.readerEndpoint());
    Run asked = h.run("promote");
    assertEquals(4, asked.exitCode(), asked.out() + asked.err());
    assertTrue(asked.out().contains("awaits confirmation"), asked.out());
    assertNotEquals("promoted", tonight.tags.get(STAGE));
    Run run = h.run("promote", "--yes");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(tonight.endpoint(), cname(h));
    assertEquals("promoted", tonight.tags.get(STAGE));
  }
}

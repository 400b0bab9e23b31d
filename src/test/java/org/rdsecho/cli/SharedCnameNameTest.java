package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A CNAME cannot share its name with any other record, so while an A, AAAA or alias record holds
 * the name Route53 refuses every write of the CNAME. rds-echo refuses first, naming the rule,
 * before anybody is asked to approve a promotion or a request is recorded (§17), and never removes
 * the other record itself, not even with {@code --take-over}.
 */
class SharedCnameNameTest {
  private static final String REQUESTED = "rdsecho:development:promoteRequestedAt";

  @TempDir Path dir;

  private static ResourceRecordSet aliasA() {
    return ResourceRecordSet.builder()
        .name(Harness.CNAME)
        .type(RRType.A)
        .aliasTarget(
            a ->
                a.dnsName("dualstack.maintenance-123.eu-west-1.elb.amazonaws.com.")
                    .hostedZoneId("Z32O12XQLNTSW2")
                    .evaluateTargetHealth(false))
        .build();
  }

  @Test
  void promoteIsRefusedBeforeAskingWhileAnAliasHoldsTheName() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    h.addNewClone("rebooted", "available");
    h.route53.removeCname(Harness.ZONE, Harness.CNAME);
    h.route53.putOther(Harness.ZONE, aliasA());

    Run asked = h.run("-o", "json", "promote");
    assertEquals(4, asked.exitCode(), asked.out() + asked.err());
    assertTrue(asked.out().contains("\"refused\":\"cname-not-ours\""), asked.out());
    assertTrue(asked.out().contains("also holds an A alias record in zone"), asked.out());
    assertTrue(
        !asked.out().contains("elb.amazonaws.com"), "the alias's target is not ours to print");
    assertEquals(
        null,
        h.rds.instance(Harness.newCloneId()).tags.get(REQUESTED),
        "no request is recorded for a promotion Route53 would refuse");

    Run taken = h.run("promote", "--yes", "--take-over");
    assertEquals(4, taken.exitCode(), taken.out());
    assertTrue(taken.out().contains("not with --take-over either"), taken.out());
    assertEquals(List.of(), h.route53.writeLog());
    assertEquals(List.of(), h.rds.writeLog());

    h.route53.removeOthers(Harness.ZONE, Harness.CNAME);
    Run freed = h.run("promote", "--yes");
    assertEquals(0, freed.exitCode(), freed.out() + freed.err());
    assertEquals(
        h.rds.instance(Harness.newCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());
  }

  @Test
  void rollbackIsRefusedWhileAnAaaaRecordHoldsTheNameAndTheStagesStay() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    assertEquals(0, h.run("promote", "--yes").exitCode());
    h.route53.removeCname(Harness.ZONE, Harness.CNAME);
    h.route53.putOther(
        Harness.ZONE,
        ResourceRecordSet.builder()
            .name(Harness.CNAME)
            .type(RRType.AAAA)
            .ttl(60L)
            .resourceRecords(ResourceRecord.builder().value("2001:db8::1").build())
            .build());
    h.budget.resetCount();
    int dnsWrites = h.route53.writeLog().size();
    int rdsWrites = h.rds.writeLog().size();

    Run run = h.run("rollback", "--yes");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("refusing to rollback: " + Harness.CNAME), run.out());
    assertTrue(run.out().contains("also holds an AAAA record"), run.out());
    assertEquals(dnsWrites, h.route53.writeLog().size());
    assertEquals(rdsWrites, h.rds.writeLog().size());
    assertEquals(
        "promoted", h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:stage"));
  }

  @Test
  void aWeightedCnameAtTheNameIsNamedWithTheRightArticle() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.route53.removeCname(Harness.ZONE, Harness.CNAME);
    h.route53.putOther(
        Harness.ZONE,
        ResourceRecordSet.builder()
            .name(Harness.CNAME)
            .type(RRType.CNAME)
            .setIdentifier("blue")
            .weight(100L)
            .ttl(60L)
            .resourceRecords(ResourceRecord.builder().value("db.example.org").build())
            .build());

    Run run = h.run("promote", "--yes");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("also holds a CNAME with a routing policy record"), run.out());
  }

  @Test
  void advanceStopsAtTheRefusedPromotionAndSaysWhy() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.route53.putOther(Harness.ZONE, aliasA());

    Run run = h.run("advance", "--yes");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("also holds an A alias record"), run.out());
    assertEquals(List.of(), h.route53.writeLog());
  }

  @Test
  void promotesRepairOfANameAnOperatorGaveToAnAliasIsRefusedToo() {
    Harness h = new Harness(dir).usualNight();
    h.route53.removeCname(Harness.ZONE, Harness.CNAME);
    h.route53.putOther(Harness.ZONE, aliasA());

    Run run = h.run("promote", "--yes");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("also holds an A alias record"), run.out());
    assertEquals(List.of(), h.route53.writeLog());
    assertEquals(List.of(), h.rds.writeLog());
  }

  @Test
  void theZoneApexIsRefusedWithAdviceThatCanBeFollowed() {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.promote.cname", "example.co.uk.");
    for (RRType type : new RRType[] {RRType.NS, RRType.SOA}) {
      h.route53.putOther(
          Harness.ZONE,
          ResourceRecordSet.builder()
              .name("example.co.uk.")
              .type(type)
              .ttl(900L)
              .resourceRecords(ResourceRecord.builder().value("ns-1.awsdns-00.com.").build())
              .build());
    }
    Run run = h.run("promote", "--yes");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("this is the zone's own name"), run.out());
    assertTrue(run.out().contains("set rdsecho.promote.cname to a name below it"), run.out());
    assertTrue(!run.out().contains("by hand"), "NS and SOA cannot be deleted: " + run.out());
    assertEquals(List.of(), h.route53.writeLog());
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Issue "Trust under attack", findings 5–8 and 10: tags, DNS records and RDS states as an attacker
 * or an unlucky night leaves them, against the in-memory cloud. Each test first shows the tampered
 * state, then that rds-echo refuses or repairs it and writes nothing it must not.
 */
class TamperedCloudScenarioTest {
  private static final String STAGE = "rdsecho:development:stage";

  @TempDir Path dir;

  private static FakeRds.Instance newClone(Harness h, String stage, String status) {
    return h.addNewClone(stage, status);
  }

  private static List<String> writesTo(Harness h, String id) {
    return h.rds.writeLog().stream().filter(w -> w.contains(id)).toList();
  }

  // 5. Production deleted.
  @Test
  void theSourceTaggedAsAForgottenCloneIsNeverRetired() {
    Harness h = new Harness(dir).usualNight();
    FakeRds.Instance production = h.rds.instance("production");
    production.tags.put("rdsecho:development:managed", "true");
    production.tags.put(STAGE, "forgotten");

    Run retire = h.run("retire", "-y");
    assertEquals(3, retire.exitCode(), retire.out() + h.rds.writeLog());
    Run named = h.run("retire", "--instance", "production", "-y");
    assertEquals(4, named.exitCode(), named.out());
    assertTrue(named.out().contains("it is the source instance"), named.out());
    production.tags.put(STAGE, "new");
    assertEquals(0, h.run("modify").exitCode(), "nothing to modify: the newest clone is promoted");
    assertEquals(4, h.run("modify", "--instance", "production").exitCode());

    assertEquals("available", production.status);
    assertEquals(List.of(), writesTo(h, "production"));
    Run status = h.run("-o", "json", "status");
    assertTrue(status.out().contains("\"id\":\"production\""), status.out());
    assertTrue(
        status.out().contains("it is the source instance; rds-echo never touches it"),
        status.out());
  }

  // 6. A CNAME that points at production re-pointed.
  @Test
  void promoteRefusesACnameThatPointsAtTheSourceUnlessTakenOver() {
    Harness h = new Harness(dir).usualNight();
    newClone(h, "rebooted", "available");
    String production = h.rds.instance("production").endpoint();
    h.route53.putCname(Harness.ZONE, Harness.CNAME, production);

    Run refused = h.run("promote", "--yes");
    assertEquals(4, refused.exitCode(), refused.out());
    assertTrue(
        refused.out().contains("the endpoint of the source instance production"), refused.out());
    assertTrue(refused.out().contains("'rds-echo promote --take-over'"), refused.out());
    assertEquals(production, h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals(List.of(), h.route53.writeLog());
    assertEquals("rebooted", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));

    Run taken = h.run("promote", "--yes", "--take-over");
    assertEquals(0, taken.exitCode(), taken.out() + taken.err());
    assertEquals(
        h.rds.instance(Harness.newCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals("available", h.rds.instance("production").status);
  }

  @Test
  void promoteRefusesACnameThatPointsAtAnUnmanagedInstanceOrAnyRdsEndpoint() {
    Harness h = new Harness(dir).usualNight();
    newClone(h, "rebooted", "available");
    h.route53.putCname(Harness.ZONE, Harness.CNAME, h.rds.instance("someone-elses-db").endpoint());
    Run unmanaged = h.run("promote", "--yes");
    assertEquals(4, unmanaged.exitCode(), unmanaged.out());
    assertTrue(
        unmanaged
            .out()
            .contains("the endpoint of someone-elses-db, which is not one of this name's clones"),
        unmanaged.out());

    h.route53.putCname(Harness.ZONE, Harness.CNAME, "billing.abcdefgh.eu-west-1.rds.amazonaws.com");
    Run elsewhere = h.run("promote", "--yes");
    assertEquals(4, elsewhere.exitCode(), elsewhere.out());
    assertTrue(
        elsewhere.out().contains("an RDS endpoint that is not one of this name's clones"),
        elsewhere.out());
    assertEquals(List.of(), h.route53.writeLog());

    h.route53.putCname(Harness.ZONE, Harness.CNAME, "old-mysql.internal.example.com");
    Run firstPromotion = h.run("promote", "--yes");
    assertEquals(
        0, firstPromotion.exitCode(), "a name that is not an RDS endpoint is a first promotion");
  }

  // 7. A typo in a stage tag reads as new.
  @Test
  void anUnknownStageValueIsNeverActedOnAndStatusShowsIt() {
    Harness h = new Harness(dir).usualNight();
    FakeRds.Instance live = h.rds.instance(Harness.oldCloneId());
    live.tags.put(STAGE, "promted");

    for (String command : List.of("modify", "reboot", "promote", "retire", "new")) {
      Run run = h.run(command, "--yes");
      assertEquals(4, run.exitCode(), command + ": " + run.out());
      assertTrue(
          run.out().contains("holds 'promted', which is not a stage"), command + ": " + run.out());
    }
    Run named = h.run("reboot", "--instance", Harness.oldCloneId());
    assertEquals(4, named.exitCode(), named.out());
    assertEquals(List.of(), h.rds.writeLog());
    assertEquals(List.of(), h.route53.writeLog());

    Run status = h.run("-o", "json", "status");
    assertEquals(0, status.exitCode());
    assertTrue(status.out().contains("\"stage\":\"?promted\""), status.out());
    assertTrue(status.out().contains("which is not a stage"), status.out());
  }

  @Test
  void aManagedCloneWithoutAStageTagIsAProblemNotANewClone() {
    Harness h = new Harness(dir).usualNight();
    newClone(h, "new", "available").tags.remove(STAGE);
    Run run = h.run("modify");
    assertEquals(4, run.exitCode(), run.out());
    assertTrue(run.out().contains("it has no tag " + STAGE), run.out());
    assertEquals(List.of(), h.rds.writeLog());
  }

  // 8. Two clones tagged promoted, the CNAME on the older.
  @Test
  void ofTwoPromotedClonesTheOneTheCnameTargetsStaysPromoted() {
    Harness h = new Harness(dir).usualNight();
    newClone(h, "promoted", "available");
    String older = h.rds.instance(Harness.oldCloneId()).endpoint();

    Run promote = h.run("promote", "--yes");
    assertEquals(0, promote.exitCode(), promote.out());
    assertEquals("promoted", h.rds.instance(Harness.oldCloneId()).tags.get(STAGE));
    assertEquals("forgotten", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
    assertEquals(older, h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals(List.of(), h.route53.writeLog());

    Run again = h.run("promote", "--yes");
    assertEquals(0, again.exitCode());
    Run retire = h.run("retire", "--yes");
    assertEquals(0, retire.exitCode(), "the way out needs no hand edit: " + retire.out());
    assertEquals("deleting", h.rds.instance(Harness.newCloneId()).status);
  }

  @Test
  void promotePointsAHandEditedCnameBackAtThePromotedClone() {
    Harness h = new Harness(dir).usualNight();
    String promoted = h.rds.instance(Harness.oldCloneId()).endpoint();
    h.route53.putCname(Harness.ZONE, Harness.CNAME, "maintenance-page.example.com");

    Run promote = h.run("promote", "--yes");
    assertEquals(0, promote.exitCode(), promote.out());
    assertTrue(promote.out().contains("pointed back at " + promoted), promote.out());
    assertEquals(promoted, h.route53.cname(Harness.ZONE, Harness.CNAME).target());
    assertEquals(List.of(), h.rds.writeLog());
    Run again = h.run("promote", "--yes");
    assertEquals(0, again.exitCode());
    assertEquals(1, h.route53.writeLog().size(), "a second run finds nothing to repair");
  }

  // 10. Broken instances wait forever.
  @Test
  void aFailedCloneFailsAtOnceEvenUnderWaitAndSaysTheWayOut() throws IOException {
    for (String state :
        List.of(
            "failed",
            "incompatible-parameters",
            "incompatible-restore",
            "storage-full",
            "inaccessible-encryption-credentials",
            "incompatible-network",
            "restore-error")) {
      Harness h = new Harness(Files.createDirectories(dir.resolve(state))).usualNight();
      newClone(h, "new", state);

      Run modify = h.run("modify", "--wait", "--timeout", "2h");
      assertEquals(1, modify.exitCode(), state + ": " + modify.out() + modify.err());
      assertTrue(
          Duration.between(Harness.START, h.clock.instant()).compareTo(Duration.ofSeconds(1)) < 0,
          state + ": no waiting at all");
      String text = modify.out() + modify.err();
      assertTrue(text.contains("RDS reports it as " + state), text);
      assertTrue(text.contains("'rds-echo forget --instance " + Harness.newCloneId() + "'"), text);

      Run fresh = h.run("new", "--wait");
      assertEquals(1, fresh.exitCode(), state + ": " + fresh.out());
      assertTrue(
          (fresh.out() + fresh.err()).contains("nothing was restored"), fresh.out() + fresh.err());

      Run status = h.run("-o", "json", "status");
      assertTrue(status.out().contains("\"problem\":\"RDS reports it as " + state), status.out());

      Run forget = h.run("forget", "--instance", Harness.newCloneId());
      assertEquals(0, forget.exitCode(), forget.out());
      Run retire = h.run("retire");
      assertEquals(0, retire.exitCode(), "the way out the message names works: " + retire.out());
      assertEquals("deleting", h.rds.instance(Harness.newCloneId()).status);
    }
  }
}

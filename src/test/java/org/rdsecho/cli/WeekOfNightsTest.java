package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * The README's cron recipe, read from the README itself so the two cannot drift, run every 15
 * minutes of simulated time for a week of nights against the in-memory cloud: nights with and
 * without a new snapshot, one whose operator never confirms. Idle runs print nothing, each night
 * with a snapshot and a confirmation ends promoted, never more than one clone is in flight, and the
 * log file tells the story.
 */
class WeekOfNightsTest {
  private static final Pattern CRON =
      Pattern.compile("^\\s+\\*/15\\s+\\*\\s+\\*\\s+\\*\\s+\\*\\s+cd \\S+ && rds-echo (.+)$");
  private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

  @TempDir Path dir;

  static List<String> readmeCronCommand() throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher m = CRON.matcher(line);
      if (m.matches()) {
        found.add(m.group(1));
      }
    }
    assertEquals(1, found.size(), "the README's cron section has one line per echo: " + found);
    return Arrays.asList(found.get(0).trim().split("\\s+"));
  }

  @Test
  void aWeekOfCronRunsPromotesEachNightQuietlyAndLeaksNothing() throws Exception {
    List<String> cron = readmeCronCommand();
    assertTrue(cron.contains("-q"), "the recipe is quiet: " + cron);

    Harness h = new Harness(dir);
    h.clock.set(MONDAY.minus(Duration.ofDays(2)));
    h.rds.addInstance("production", "available", MONDAY.minus(Duration.ofDays(400)));
    h.route53.addZone(Harness.ZONE, "example.co.uk.", false);
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    h.config.put("rdsecho.retire.keepFinalSnapshots", "2");
    // a snapshot someone else made of an old clone, and one of production: never pruned
    h.rds.addSnapshot(
        "manual-by-hand",
        "development-20200101-0000-aaaaaa",
        "manual",
        "available",
        MONDAY.minus(Duration.ofDays(90)));
    h.config.put("rdsecho.log.dir", "logs");

    // night -> a snapshot that night?, does the operator confirm in the morning?
    boolean[] snapshot = {true, true, false, true, true, false, true};
    boolean[] confirms = {true, true, true, false, true, true, true};
    List<String> promotedEachNight = new ArrayList<>();
    int mails = 0;
    for (int night = 0; night < 7; night++) {
      Instant midnight = MONDAY.plus(Duration.ofDays(night));
      if (snapshot[night]) {
        h.rds.addSnapshot(
            "rds:production-" + night,
            "production",
            "automated",
            "available",
            midnight.plusSeconds(3 * 3600));
      }
      for (Instant t = midnight;
          t.isBefore(midnight.plus(Duration.ofDays(1)));
          t = t.plus(Duration.ofMinutes(15))) {
        h.clock.set(t);
        h.rds.settle();
        if (confirms[night] && t.equals(midnight.plus(Duration.ofHours(8)))) {
          Run confirm = h.run("confirm", "--by", "operator");
          assertTrue(List.of(0, 3).contains(confirm.exitCode()), confirm.out());
        }
        Run run = h.run(cron.toArray(String[]::new));
        String said = run.out() + run.err();
        if (!said.isEmpty()) {
          mails++;
          assertEquals(
              4, run.exitCode(), t + ": only a new confirmation request may mail: " + said);
          assertTrue(said.contains("awaits confirmation"), said);
        } else {
          assertTrue(List.of(0, 3, 4, 75).contains(run.exitCode()), t + ": " + run.exitCode());
        }
        assertTrue(inFlight(h) <= 1, t + ": more than one clone in flight");
      }
      promotedEachNight.add(promoted(h));
    }

    // Monday and Tuesday promote their own snapshots; Wednesday has none; Thursday's operator never
    // confirms, so Friday's confirmation promotes Thursday's clone, and only then is Friday's
    // snapshot restored (one clone in flight), to be confirmed on Saturday; Sunday's is its own.
    assertEquals(
        List.of(
            "rds:production-0",
            "rds:production-1",
            "rds:production-1",
            "rds:production-1",
            "rds:production-3",
            "rds:production-4",
            "rds:production-6"),
        promotedEachNight);
    assertTrue(mails <= 6, "one mail per confirmation request at most: " + mails);
    long alive =
        h.rds.instances().values().stream()
            .filter(i -> i.tags.containsKey("rdsecho:development:managed"))
            .count();
    assertTrue(alive <= 2, "retired clones are gone: " + h.rds.instances().keySet());
    List<String> finals =
        h.rds.snapshots().keySet().stream().filter(s -> s.contains("-final-")).toList();
    assertEquals(2, finals.size(), "the newest two final snapshots are kept: " + finals);
    assertTrue(h.rds.snapshots().containsKey("manual-by-hand"));

    String log = Files.readString(dir.resolve("logs/2026-11-27-development.log"));
    assertEquals(
        List.of(),
        log.lines()
            .filter(l -> !l.matches("2026-11-27T\\d\\d:\\d\\d:00Z (advance|confirm) \\S.*"))
            .toList());
    assertTrue(log.contains("T08:00:00Z confirm exit 0: confirmed promotion of"), log);
    assertTrue(log.contains("T08:00:00Z advance point CNAME " + Harness.CNAME), log);
    assertTrue(log.contains("advance restore snapshot rds:production-4"), log);
    assertTrue(log.contains("advance exit 75: ") && log.contains("advance exit 4: "), log);
  }

  /** The sample file's value of a key, as a user who copied it has it. */
  private static String sampleValue(String key) throws IOException {
    return Files.readAllLines(Path.of("rdsecho.properties.sample")).stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Two weeks of the README's cron line with the sample's rollback window (§17): a new snapshot
   * every night, an operator who confirms at 08:00, a rollback on the morning of night 3 (it works:
   * the replaced clone is still there), a CNAME pointed at production by hand on night 6 (the
   * promotion is refused by its rule, every mail names it, nobody is asked to approve it, and
   * --take-over the morning after ends it), and an operator away for nights 9 to 11 (the waiting
   * clone is announced once and then reminded once a day). Every mail is one of those; every write
   * of a night is in its log.
   */
  @Test
  void twoWeeksWithTheSamplesRollbackWindowARuleThatRefusesAndAnOperatorAway() throws Exception {
    List<String> cron = readmeCronCommand();
    Harness h = new Harness(dir);
    h.clock.set(MONDAY.minus(Duration.ofDays(2)));
    h.rds.addInstance("production", "available", MONDAY.minus(Duration.ofDays(400)));
    h.route53.addZone(Harness.ZONE, "example.co.uk.", false);
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    h.config.put("rdsecho.retire.after", sampleValue("rdsecho.retire.after"));
    h.config.put("rdsecho.log.dir", "logs");
    assertEquals("12h", h.config.get("rdsecho.retire.after"));

    int requests = 0;
    int reminders = 0;
    int refusals = 0;
    for (int night = 0; night < 14; night++) {
      Instant midnight = MONDAY.plus(Duration.ofDays(night));
      h.rds.addSnapshot(
          "rds:production-" + night,
          "production",
          "automated",
          "available",
          midnight.plusSeconds(3 * 3600));
      boolean away = night >= 9 && night <= 11;
      for (Instant t = midnight;
          t.isBefore(midnight.plus(Duration.ofDays(1)));
          t = t.plus(Duration.ofMinutes(15))) {
        h.clock.set(t);
        h.rds.settle();
        if (night == 6 && t.equals(midnight.plus(Duration.ofHours(1)))) {
          // somebody points the staging name at production by hand
          h.route53.putCname(Harness.ZONE, Harness.CNAME, h.rds.instance("production").endpoint());
        }
        if (night == 7 && t.equals(midnight.plus(Duration.ofHours(8)))) {
          Run takeOver = h.run("promote", "--yes", "--take-over");
          assertEquals(0, takeOver.exitCode(), takeOver.out() + takeOver.err());
        }
        if (!away && t.equals(midnight.plus(Duration.ofHours(8)))) {
          Run confirm = h.run("confirm", "--by", "operator");
          assertTrue(List.of(0, 3).contains(confirm.exitCode()), confirm.out());
        }
        if (night == 3 && t.equals(midnight.plus(Duration.ofHours(9)))) {
          promoted(h); // the CNAME points at the promoted clone before the rollback
          Run rollback = h.run("rollback", "--yes");
          assertEquals(
              0, rollback.exitCode(), "the window keeps yesterday's clone: " + rollback.out());
          assertEquals("rds:production-2", promoted(h), "the CNAME is back on night 2's clone");
        }
        Run run = h.run(cron.toArray(String[]::new));
        String said = run.out() + run.err();
        if (said.isEmpty()) {
          assertTrue(List.of(0, 3, 4, 75).contains(run.exitCode()), t + ": " + run.exitCode());
          continue;
        }
        assertEquals(4, run.exitCode(), t + ": only a person's business mails: " + said);
        if (said.contains("awaits confirmation") && said.contains("a reminder")) {
          reminders++;
          assertTrue(away, t + ": reminded only while nobody answers: " + said);
        } else if (said.contains("awaits confirmation")) {
          requests++;
        } else {
          refusals++;
          assertTrue(night == 6 || night == 7, t + ": " + said);
          assertTrue(
              said.contains("--take-over") && said.contains(Harness.CNAME),
              "names the rule: " + said);
        }
      }
    }
    assertTrue(reminders >= 2 && reminders <= 3, "a reminder a day while away: " + reminders);
    assertTrue(requests <= 14, "one request per clone: " + requests);
    assertTrue(refusals > 0, "the refused promotion was mailed");
    assertEquals("rds:production-12", promoted(h), "night 13 confirmed the clone of night 12");
    long alive =
        h.rds.instances().values().stream()
            .filter(i -> i.tags.containsKey("rdsecho:development:managed"))
            .filter(i -> !"deleting".equals(i.status))
            .count();
    assertTrue(
        alive <= 2,
        "replaced clones are deleted once their window ends: " + h.rds.instances().keySet());

    // the night of the rollback, read as an operator would: every write is in the log
    String log = Files.readString(dir.resolve("logs/2026-11-26-development.log"));
    assertTrue(log.contains("T09:00:00Z rollback point CNAME " + Harness.CNAME), log);
    assertTrue(log.contains("rollback exit 0: "), log);
    assertTrue(
        log.lines()
            .anyMatch(l -> l.contains(" advance delete ") && l.contains("with final snapshot")),
        "the retirement's delete is in the log: " + log);
  }

  private static int inFlight(Harness h) {
    int n = 0;
    for (FakeRds.Instance i : h.rds.instances().values()) {
      String stage = i.tags.get("rdsecho:development:stage");
      if (stage != null
          && List.of("new", "modified", "rebooted", "exported", "sanitized").contains(stage)) {
        n++;
      }
    }
    return n;
  }

  private static String promoted(Harness h) {
    String target =
        h.route53.cname(Harness.ZONE, Harness.CNAME) == null
            ? null
            : h.route53.cname(Harness.ZONE, Harness.CNAME).target();
    for (Map.Entry<String, FakeRds.Instance> e : h.rds.instances().entrySet()) {
      FakeRds.Instance i = e.getValue();
      if ("promoted".equals(i.tags.get("rdsecho:development:stage"))) {
        assertEquals(i.endpoint(), target, "the CNAME points at the promoted clone");
        return i.tags.get("rdsecho:development:snapshot");
      }
    }
    return null;
  }

  /**
   * The README's Jenkins recipe, step by step: {@code advance --wait} exits 4 at the promotion, the
   * input step is aborted one night, and the next night asks about the waiting clone again rather
   * than refusing to restore; approving promotes it and restores the newer snapshot in one run.
   */
  @Test
  void anAbortedJenkinsApprovalIsAskedAgainTheNextNight() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(
        readme.contains("-o json advance --wait --timeout 4h > advance.json'")
            && readme.contains("rc == 4 && result.contains('\"awaiting\":\"confirmation\"')")
            && readme.contains("advance --yes --wait'"),
        "the README's Jenkins recipe is the one tested here");

    Harness h = new Harness(dir).usualNight();
    h.rds.settleAfterDescribes(2);
    Run first = h.run("-o", "json", "advance", "--wait", "--timeout", "4h");
    assertEquals(4, first.exitCode(), first.out() + first.err());
    assertTrue(
        first.out().contains("\"awaiting\":\"confirmation\""),
        "the input step asks: " + first.out());
    assertTrue(
        first
            .out()
            .contains(
                "promote: promotion of "
                    + Harness.newCloneId()
                    + " to "
                    + Harness.CNAME
                    + " awaits confirmation"),
        first.out());
    // the operator aborts the input step: the build ends, the clone waits

    h.clock.advance(Duration.ofDays(1));
    h.rds.addSnapshot(
        "rds:production-2026-11-21-03-00",
        "production",
        "automated",
        "available",
        Harness.START.plus(Duration.ofHours(1)));
    Run nextNight = h.run("-o", "json", "advance", "--wait", "--timeout", "4h");
    assertEquals(4, nextNight.exitCode(), "asked again, not refused: " + nextNight.out());
    assertTrue(nextNight.out().contains("\"awaiting\":\"confirmation\""), nextNight.out());
    assertTrue(nextNight.out().contains("awaits confirmation"), nextNight.out());

    Run approved = h.run("advance", "--yes", "--wait", "--timeout", "4h");
    assertEquals(0, approved.exitCode(), approved.out() + approved.err());
    assertTrue(
        h.rds.writeLog().contains("DeleteDBInstance " + Harness.newCloneId()),
        "yesterday's clone was promoted, replaced by tonight's and retired, all in the approved run");
    String tonight =
        Harness.cloneId("rds:production-2026-11-21-03-00", Harness.START.plus(Duration.ofHours(1)));
    assertEquals("promoted", h.rds.instance(tonight).tags.get("rdsecho:development:stage"));
    assertEquals(
        h.rds.instance(tonight).endpoint(), h.route53.cname(Harness.ZONE, Harness.CNAME).target());
  }

  /**
   * The other kind of 4 in the same recipe: somebody pointed the CNAME at production by hand. The
   * JSON names the rule, no input step asks a person to approve what would be refused, and the
   * build fails with the message that says to use --take-over.
   */
  @Test
  void theJenkinsRecipeAsksNobodyAboutAPromotionARuleRefuses() {
    Harness h = new Harness(dir).usualNight();
    h.route53.putCname(Harness.ZONE, Harness.CNAME, h.rds.instance("production").endpoint());
    h.rds.settleAfterDescribes(2);
    Run run = h.run("-o", "json", "advance", "--wait", "--timeout", "4h");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertFalse(run.out().contains("\"awaiting\":\"confirmation\""), "no input step: " + run.out());
    assertTrue(run.out().contains("\"refused\":\"cname-not-ours\""), run.out());
    assertTrue(
        run.out().contains("--take-over"), "the failed build says what to run: " + run.out());
  }
}

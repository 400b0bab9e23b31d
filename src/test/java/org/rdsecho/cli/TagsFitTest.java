package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * §15 "Tags fit" (finding 6): configured tags plus rds-echo's at most 10 fit AWS's 50, checked with
 * the configuration; a tag write that fails after the CNAME moved is finished by the next run.
 */
class TagsFitTest {
  private static final String STAGE = "rdsecho:development:stage";

  @TempDir Path dir;

  private static String tags(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i + "=v").collect(Collectors.joining(","));
  }

  @Test
  void fortySixNewTagsAreAConfigurationErrorBeforeAnyWrite() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.new.tags", tags("team", 46));
    for (String command : java.util.List.of("new", "advance", "promote")) {
      Run run = h.run(command, "--yes");
      assertEquals(2, run.exitCode(), command + ": " + run.out() + run.err());
      assertTrue(
          run.err()
              .contains(
                  "rdsecho.new.tags (46 tags) and rdsecho.promote.tags (0) give a clone 46 tags of"
                      + " yours; with rds-echo's 10 own that is more than the 50 AWS allows on one resource: keep at most 40"),
          run.err());
    }
    assertEquals(0, h.budget.writes());
  }

  @Test
  void newAndPromoteTagsCountTogetherAndFortyFit() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.new.tags", tags("team", 30));
    h.config.put("rdsecho.promote.tags", tags("owner", 11));
    assertEquals(2, h.run("new").exitCode());
    h.config.put("rdsecho.promote.tags", tags("owner", 10));
    h.runNight(java.util.List.of("new", "modify", "reboot", "promote", "retire"));
    assertEquals("promoted", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
    assertTrue(h.rds.instance(Harness.newCloneId()).tags.size() <= 50);
  }

  /**
   * A clone in the last stage before promotion, the CNAME on last night's, the promoted tag write
   * failing once.
   */
  private static Harness promotionFailingAfterDns(Path dir) {
    Harness h = new Harness(dir).usualNight();
    h.addNewClone("rebooted", "available");
    h.rds.failNextAddTagsOn = Harness.newCloneId();
    Run failed = h.run("promote", "--yes");
    assertEquals(1, failed.exitCode(), failed.out() + failed.err());
    FakeRds.Instance clone = h.rds.instance(Harness.newCloneId());
    assertEquals(
        clone.endpoint(), h.route53.cname(Harness.ZONE, Harness.CNAME).target(), "DNS moved");
    assertEquals("rebooted", clone.tags.get(STAGE), "then the tag write failed");
    return h;
  }

  @Test
  void aTagWriteThatFailedAfterDnsMovedIsFinishedByTheNextPromoteWithoutAskingAgain() {
    Harness h = promotionFailingAfterDns(dir);
    Run forget = h.run("forget");
    assertEquals(4, forget.exitCode(), forget.out());
    assertTrue(forget.out().contains("'rds-echo promote' finishes"), forget.out());
    Run finish = h.run("promote");
    assertEquals(0, finish.exitCode(), finish.out() + finish.err());
    assertEquals("promoted", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
    assertEquals(
        "finished after DNS moved",
        h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:promotedBy"));
    assertEquals("forgotten", h.rds.instance(Harness.oldCloneId()).tags.get(STAGE));
    h.budget.resetCount();
    assertEquals(0, h.run("promote").exitCode());
    assertEquals(0, h.budget.writes(), "then it converges");
  }

  @Test
  void advanceFinishesItToo() {
    Harness h = promotionFailingAfterDns(dir);
    Run finish = h.run("advance");
    assertEquals(0, finish.exitCode(), finish.out() + finish.err());
    assertEquals("promoted", h.rds.instance(Harness.newCloneId()).tags.get(STAGE));
  }

  /**
   * Every mark a step can leave, through a confirmed promotion: never more than 10 of ours at once.
   */
  @Test
  void aCloneNeverCarriesMoreThanTenTagsOfOurs() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.promote.requireConfirmation", "true");
    int[] most = {0};
    h.rds.onCall =
        () ->
            h.rds
                .instances()
                .values()
                .forEach(
                    i ->
                        most[0] =
                            Math.max(
                                most[0],
                                (int)
                                    i.tags.keySet().stream()
                                        .filter(k -> k.startsWith("rdsecho:development:"))
                                        .count()));
    h.runNight(java.util.List.of("new", "modify", "reboot"));
    FakeRds.Instance clone = h.rds.instance(Harness.newCloneId());
    // the data-plane steps' marks, as sanitize, verify and carry leave them
    clone.tags.put("rdsecho:development:sanitizeScriptsRanAt", "2026-11-21T03:00:00Z");
    clone.tags.put("rdsecho:development:verifiedAt", "2026-11-21T03:00:00Z");
    clone.tags.put("rdsecho:development:carriedAt", "2026-11-21T03:00:00Z");
    assertEquals(4, h.run("promote").exitCode(), "awaits a confirmation");
    assertEquals(0, h.run("confirm", "--by", "alice").exitCode());
    assertFalse(clone.tags.containsKey("rdsecho:development:promoteRequestedAt"), "answered");
    assertEquals(0, h.run("promote").exitCode());
    assertEquals("alice", clone.tags.get("rdsecho:development:promotedBy"));
    assertFalse(clone.tags.containsKey("rdsecho:development:confirmedBy"), "promotedBy says it");
    assertTrue(most[0] <= 10, "at most " + most[0]);
  }
}

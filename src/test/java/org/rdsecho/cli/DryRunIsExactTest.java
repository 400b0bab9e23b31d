package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;

/**
 * Contract §3 "Dry run is exact": for each command in its main situation, {@code --dry-run} lists,
 * in the present tense, exactly the writes the real run then performs, exits with the same code,
 * and writes nothing.
 */
class DryRunIsExactTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private static Consumer<Harness> setup(String scenario) {
    return switch (scenario) {
      case "new" -> h -> {};
      case "modify" -> h -> h.addNewClone("new", "available");
      case "reboot" ->
          h ->
              h.addNewClone("modified", "available")
                  .parameterGroups
                  .put("dev-mysql80", "pending-reboot");
      case "promote --yes", "confirm --by alice", "forget --instance " + "CLONE" ->
          h -> h.addNewClone("rebooted", "available");
      case "retire --yes" ->
          h -> {
            h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
            h.route53.putCname(
                Harness.ZONE, Harness.CNAME, h.addNewClone("promoted", "available").endpoint());
          };
      case "rollback --yes" ->
          h -> {
            h.addNewClone("rebooted", "available");
            h.run("promote", "--yes");
          };
      // a night whose confirmed clone is promoted, the replaced clone retired and the next snapshot
      // restored, all in one run (§17): the dry run plans each step on what the earlier ones leave
      case "advance" ->
          h -> {
            h.addNewClone("rebooted", "available")
                .tags
                .put("rdsecho:development:confirmedBy", "alice");
            h.rds.addSnapshot(
                "rds:production-2026-11-21-02-00",
                "production",
                "automated",
                "available",
                Harness.START.minusSeconds(3600));
          };
      case "advance --yes" -> h -> h.addNewClone("modified", "available");
      default -> throw new IllegalArgumentException(scenario);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "new",
        "modify",
        "reboot",
        "promote --yes",
        "confirm --by alice",
        "forget --instance CLONE",
        "retire --yes",
        "rollback --yes",
        "advance",
        "advance --yes"
      })
  void theDryRunListsExactlyTheWritesOfTheRealRun(String scenario) throws Exception {
    String[] args = scenario.replace("CLONE", Harness.newCloneId()).split(" ");
    Harness dry = new Harness(Files.createDirectories(dir.resolve("dry"))).usualNight();
    setup(scenario).accept(dry);
    Harness real = new Harness(Files.createDirectories(dir.resolve("real"))).usualNight();
    setup(scenario).accept(real);
    int writesBefore = dry.rds.writeLog().size() + dry.route53.writeLog().size();

    JsonNode planned = json.readTree(dry.run(with(args, "--dry-run", "-o", "json")).out());
    assertEquals(
        writesBefore,
        dry.rds.writeLog().size() + dry.route53.writeLog().size(),
        "a dry run writes nothing");
    Run realRun = real.run(with(args, "-o", "json"));
    JsonNode done = json.readTree(realRun.out());

    assertEquals(done.get("exitCode").asInt(), planned.get("exitCode").asInt(), realRun.out());
    assertTrue(planned.get("dryRun").asBoolean());
    assertTrue(
        done.has("actions") && done.get("actions").size() > 0,
        "the real run wrote: " + realRun.out());
    assertEquals(done.get("actions"), planned.get("actions"));
    if (scenario.equals("advance")) {
      String all = planned.get("actions").toString();
      for (String write :
          List.of(
              "point CNAME",
              "forgotten",
              "promoted",
              "delete " + Harness.oldCloneId(),
              "restore snapshot rds:production-2026-11-21-02-00")) {
        assertTrue(
            all.contains(write), "the whole night, not its first step: " + write + " in " + all);
      }
    }
    for (JsonNode action : planned.get("actions")) {
      assertTrue(
          action
              .asText()
              .matches("(restore|modify|reboot|tag|point|delete|run|check|dump|write|remove) .*"),
          "present tense, starting with the verb: " + action.asText());
    }
  }

  /** Runs the night's lifecycle commands to their end, as cron and an operator would. */
  private static void night(Harness h, int night) {
    h.clock.set(Harness.START.plus(Duration.ofDays(night)));
    h.rds.addSnapshot(
        "rds:production-night-" + night,
        "production",
        "automated",
        "available",
        h.clock.instant().minus(Duration.ofHours(1)));
    h.runNight(List.of("new", "modify", "reboot", "promote", "retire"));
  }

  private static Consumer<Harness> setupMore(String scenario) {
    if (scenario.startsWith("new: snapshot")) {
      return h -> moreSources(scenario).accept(h.usualNight());
    }
    return switch (scenario) {
      case "new: aurora" -> Harness::auroraNight;
      case "new: aurora copy-on-write" ->
          h -> h.auroraNight().config.put("rdsecho.new.restoreType", "copy-on-write");
      case "modify: aurora" ->
          h -> {
            h.auroraNight();
            h.run("new");
            h.rds.settle();
          };
      // the first night ever: no clone, no CNAME record yet
      case "advance: the first night" ->
          h -> {
            h.rds.addInstance("production", "available", Harness.START.minus(Duration.ofDays(400)));
            h.rds.addSnapshot(
                Harness.NEW_SNAPSHOT,
                "production",
                "automated",
                "available",
                Harness.START.minus(Duration.ofDays(1)));
            h.route53.addZone(Harness.ZONE, "example.co.uk.", false);
          };
      case "advance: mid-way" -> h -> h.usualNight().addNewClone("new", "available");
      // with --wait, each step's work is done before the next is planned, in the dry run as in the
      // real one
      case "advance --wait: mid-way" ->
          h -> {
            h.usualNight().addNewClone("new", "available");
            h.rds.settleAfterDescribes(2);
          };
      // the night: the confirmed clone is promoted, the one it replaces retired with a
      // final
      // snapshot, the two older final snapshots pruned (keep 1, the one being made counts) and the
      // next snapshot restored
      case "advance: retire with a final snapshot and pruning" ->
          h -> {
            h.usualNight();
            h.rds.instance(Harness.oldCloneId()).copyTagsToSnapshot = true;
            h.config.put("rdsecho.retire.keepFinalSnapshots", "all");
            night(h, 1);
            night(h, 2);
            h.config.put("rdsecho.retire.keepFinalSnapshots", "1");
            h.clock.set(Harness.START.plus(Duration.ofDays(3)));
            h.rds.addSnapshot(
                "rds:production-night-3",
                "production",
                "automated",
                "available",
                h.clock.instant().minus(Duration.ofHours(2)));
            for (String command : List.of("new", "modify", "reboot")) {
              h.run(command);
              h.rds.settle();
            }
            h.run("confirm", "--by", "alice");
            h.rds.addSnapshot(
                "rds:production-night-3b",
                "production",
                "automated",
                "available",
                h.clock.instant().minus(Duration.ofMinutes(30)));
          };
      // snapshot.type=fresh: the night's promotion retires the clone it replaces and prunes our
      // fresh snapshots beyond snapshot.keep
      case "advance: fresh snapshots pruned" ->
          h -> {
            h.usualNight();
            h.config.put("rdsecho.snapshot.type", "fresh");
            h.config.put("rdsecho.snapshot.maxAge", "20h");
            h.config.put("rdsecho.snapshot.keep", "1");
            h.config.put("rdsecho.retire.skipFinalSnapshot", "true");
            for (int night = 0; night < 2; night++) {
              for (String command : List.of("new", "new", "modify", "reboot")) {
                h.run(command);
                h.rds.settle();
              }
              h.run("promote", "--yes");
              h.rds.settle();
              if (night == 0) {
                h.run("retire");
                h.rds.settle();
              }
              h.clock.advance(Duration.ofDays(1));
            }
          };
      default -> throw new IllegalArgumentException(scenario);
    };
  }

  private static Consumer<Harness> moreSources(String scenario) {
    return switch (scenario) {
      case "new: snapshot.type=automated" ->
          h -> h.config.put("rdsecho.snapshot.type", "automated");
      case "new: snapshot.type=manual" ->
          h -> {
            h.config.put("rdsecho.snapshot.type", "manual");
            h.rds.addSnapshot(
                "production-before-the-release",
                "production",
                "manual",
                "available",
                Harness.START.minus(Duration.ofHours(3)));
          };
      case "new: snapshot.identifier" ->
          h -> h.config.put("rdsecho.snapshot.identifier", Harness.NEW_SNAPSHOT);
      case "new: snapshot.type=fresh, taking one" ->
          h -> h.config.put("rdsecho.snapshot.type", "fresh");
      case "new: snapshot.type=fresh, restoring ours" ->
          h -> {
            h.config.put("rdsecho.snapshot.type", "fresh");
            h.run("new");
            h.rds.settle();
          };
      case "new: snapshot.type=pointInTime" -> h -> pointInTime(h, "2026-11-20T10:13:00Z");
      case "new: snapshot.type=pointInTime, latest" -> h -> pointInTime(h, "latest");
      case "new: snapshot.type=shared, copying" -> h -> shared(h);
      case "new: snapshot.type=shared, restoring the copy" ->
          h -> {
            shared(h);
            h.run("new");
            h.rds.settle();
          };
      default -> throw new IllegalArgumentException(scenario);
    };
  }

  private static void pointInTime(Harness h, String restoreTime) {
    h.config.put("rdsecho.snapshot.type", "pointInTime");
    h.config.put("rdsecho.snapshot.restoreTime", restoreTime);
    h.rds.earliestRestorable = Harness.START.minus(Duration.ofDays(7));
    h.rds.latestRestorable = Harness.START.minus(Duration.ofMinutes(5));
  }

  private static void shared(Harness h) {
    h.rds.addSnapshot(
        "arn:aws:rds:us-east-1:999999999999:snapshot:rds:production-2026-11-20-04-00",
        "production",
        "shared",
        "available",
        Harness.START.minus(Duration.ofHours(5)));
    h.config.put("rdsecho.snapshot.type", "shared");
    h.config.put("rdsecho.snapshot.copyKmsKeyId", "alias/rds-echo");
  }

  /**
   * Every snapshot source of {@code new} and several different nights of {@code advance}: the dry
   * run's writes equal the real run's, one by one and in order.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "new: snapshot.type=automated",
        "new: snapshot.type=manual",
        "new: snapshot.identifier",
        "new: snapshot.type=fresh, taking one",
        "new: snapshot.type=fresh, restoring ours",
        "new: snapshot.type=pointInTime",
        "new: snapshot.type=pointInTime, latest",
        "new: snapshot.type=shared, copying",
        "new: snapshot.type=shared, restoring the copy",
        "new: aurora",
        "new: aurora copy-on-write",
        "modify: aurora",
        "advance: the first night",
        "advance: mid-way",
        "advance: retire with a final snapshot and pruning",
        "advance: fresh snapshots pruned",
        "advance --wait: mid-way"
      })
  void everySourceAndNightIsPlannedExactly(String scenario) throws Exception {
    String[] args =
        (scenario.substring(0, scenario.indexOf(':'))
                + (scenario.startsWith("advance") ? " --yes" : ""))
            .split(" ");
    Harness dry = new Harness(Files.createDirectories(dir.resolve("dry")));
    setupMore(scenario).accept(dry);
    Harness real = new Harness(Files.createDirectories(dir.resolve("real")));
    setupMore(scenario).accept(real);
    int writesBefore = dry.rds.writeLog().size() + dry.route53.writeLog().size();

    JsonNode planned = json.readTree(dry.run(with(args, "--dry-run", "-o", "json")).out());
    assertEquals(
        writesBefore,
        dry.rds.writeLog().size() + dry.route53.writeLog().size(),
        "a dry run writes nothing");
    Run realRun = real.run(with(args, "-o", "json"));
    JsonNode done = json.readTree(realRun.out());

    assertEquals(done.get("exitCode").asInt(), planned.get("exitCode").asInt(), realRun.out());
    assertTrue(
        done.has("actions") && done.get("actions").size() > 0,
        "the real run wrote: " + realRun.out() + realRun.err());
    // with --wait, a tag's time is when the wait before it ended, which a dry run cannot know
    boolean waits = List.of(args).contains("--wait");
    assertEquals(texts(done.get("actions"), waits), texts(planned.get("actions"), waits));
  }

  private static List<String> texts(JsonNode actions, boolean withoutTimes) {
    List<String> all = new ArrayList<>();
    actions.forEach(
        a ->
            all.add(
                withoutTimes
                    ? a.asText().replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z", "<time>")
                    : a.asText()));
    return all;
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}

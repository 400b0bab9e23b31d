package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
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
      case "reboot" -> h -> h.addNewClone("modified", "available").parameterGroups.put("dev-mysql80", "pending-reboot");
      case "promote --yes", "confirm --by alice", "forget --instance " + "CLONE" -> h -> h.addNewClone("rebooted", "available");
      case "retire --yes" -> h -> {
        h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
        h.route53.putCname(Harness.ZONE, Harness.CNAME, h.addNewClone("promoted", "available").endpoint());
      };
      case "rollback --yes" -> h -> {
        h.addNewClone("rebooted", "available");
        h.run("promote", "--yes");
      };
      // a night whose confirmed clone is promoted, the replaced clone retired and the next snapshot
      // restored, all in one run (§17): the dry run plans each step on what the earlier ones leave
      case "advance" -> h -> {
        h.addNewClone("rebooted", "available").tags.put("rdsecho:development:confirmedBy", "alice");
        h.rds.addSnapshot("rds:production-2026-11-21-02-00", "production", "automated", "available",
            Harness.START.minusSeconds(3600));
      };
      case "advance --yes" -> h -> h.addNewClone("modified", "available");
      default -> throw new IllegalArgumentException(scenario);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"new", "modify", "reboot", "promote --yes", "confirm --by alice", "forget --instance CLONE",
      "retire --yes", "rollback --yes", "advance", "advance --yes"})
  void theDryRunListsExactlyTheWritesOfTheRealRun(String scenario) throws Exception {
    String[] args = scenario.replace("CLONE", Harness.newCloneId()).split(" ");
    Harness dry = new Harness(Files.createDirectories(dir.resolve("dry"))).usualNight();
    setup(scenario).accept(dry);
    Harness real = new Harness(Files.createDirectories(dir.resolve("real"))).usualNight();
    setup(scenario).accept(real);
    int writesBefore = dry.rds.writeLog().size() + dry.route53.writeLog().size();

    JsonNode planned = json.readTree(dry.run(with(args, "--dry-run", "-o", "json")).out());
    assertEquals(writesBefore, dry.rds.writeLog().size() + dry.route53.writeLog().size(), "a dry run writes nothing");
    Run realRun = real.run(with(args, "-o", "json"));
    JsonNode done = json.readTree(realRun.out());

    assertEquals(done.get("exitCode").asInt(), planned.get("exitCode").asInt(), realRun.out());
    assertTrue(planned.get("dryRun").asBoolean());
    assertTrue(done.has("actions") && done.get("actions").size() > 0, "the real run wrote: " + realRun.out());
    assertEquals(done.get("actions"), planned.get("actions"));
    if (scenario.equals("advance")) {
      String all = planned.get("actions").toString();
      for (String write : List.of("point CNAME", "forgotten", "promoted", "delete " + Harness.oldCloneId(),
          "restore snapshot rds:production-2026-11-21-02-00")) {
        assertTrue(all.contains(write), "the whole night, not its first step: " + write + " in " + all);
      }
    }
    for (JsonNode action : planned.get("actions")) {
      assertTrue(action.asText().matches("(restore|modify|reboot|tag|point|delete|run|check|dump|write|remove) .*"),
          "present tense, starting with the verb: " + action.asText());
    }
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}

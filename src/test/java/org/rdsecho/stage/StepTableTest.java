package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;

/**
 * The command table (§3): what advance runs, when a clone without DNS has finished (retire), which
 * dump set makes a snapshot "already done" (new) and the hints, all read from one table.
 */
class StepTableTest {
  private static EchoConfig config(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("rdsecho.name", "development");
    values.put("rdsecho.snapshot.dbInstanceIdentifier", "production");
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return EchoConfig.from(RawConfig.of(values));
  }

  private static List<String> advance(EchoConfig config) {
    return Step.advance(config).stream().map(Step::command).toList();
  }

  @Test
  void advanceRunsTheConfiguredStepsInTheTablesOrder() {
    assertEquals(
        List.of("new", "modify", "reboot", "promote", "retire"),
        advance(config("rdsecho.promote.cname", "dev.example.co.uk.")));
    assertEquals(
        List.of(
            "new",
            "modify",
            "reboot",
            "export",
            "sanitize",
            "verify",
            "carry",
            "promote",
            "retire"),
        advance(
            config(
                "rdsecho.promote.cname",
                "dev.example.co.uk.",
                "rdsecho.export.dir",
                "/dumps",
                "rdsecho.sanitize.scripts",
                "scrub.sql",
                "rdsecho.verify.host",
                "scratch.internal",
                "rdsecho.carry.tables",
                "app.notes")));
    assertEquals(
        List.of("new", "modify", "reboot", "export", "retire"),
        advance(config("rdsecho.export.s3Uri", "s3://bucket/dumps")));
  }

  @Test
  void withoutACnameAClonesFinishAndItsDumpSetFollowTheLastConfiguredStep() {
    EchoConfig promoted =
        config("rdsecho.promote.cname", "dev.example.co.uk.", "rdsecho.export.dir", "/dumps");
    assertNull(PipelineEnd.finishedAt(promoted));
    assertEquals(Optional.empty(), PipelineEnd.finishedDumps(promoted));

    EchoConfig exported = config("rdsecho.export.dir", "/dumps");
    assertEquals(Stage.EXPORTED, PipelineEnd.finishedAt(exported));
    assertEquals(
        Optional.of(new PipelineEnd.FinishedDumps("/dumps", DumpKind.RAW)),
        PipelineEnd.finishedDumps(exported));

    EchoConfig scrubbed =
        config(
            "rdsecho.export.dir",
            "/dumps",
            "rdsecho.sanitize.scripts",
            "scrub.sql",
            "rdsecho.sanitize.dir",
            "/scrubbed");
    assertEquals(Stage.SANITIZED, PipelineEnd.finishedAt(scrubbed));
    assertEquals(
        Optional.of(new PipelineEnd.FinishedDumps("/scrubbed", DumpKind.SANITIZED)),
        PipelineEnd.finishedDumps(scrubbed));

    // scrubbed in place with no directory of its own: the export's set is the one that completes
    EchoConfig inPlace =
        config("rdsecho.export.dir", "/dumps", "rdsecho.sanitize.scripts", "scrub.sql");
    assertEquals(Stage.SANITIZED, PipelineEnd.finishedAt(inPlace));
    assertEquals(
        Optional.of(new PipelineEnd.FinishedDumps("/dumps", DumpKind.RAW)),
        PipelineEnd.finishedDumps(inPlace));

    EchoConfig scriptsOnly = config("rdsecho.sanitize.scripts", "scrub.sql");
    assertEquals(Stage.SANITIZED, PipelineEnd.finishedAt(scriptsOnly));
    assertEquals(Optional.empty(), PipelineEnd.finishedDumps(scriptsOnly));
  }

  @Test
  void hintsNameTheNextCommandFromEachStage() {
    assertEquals(" (run 'rds-echo modify' next)", NextSteps.hint(Stage.NEW));
    assertEquals(" (run 'rds-echo reboot' next)", NextSteps.hint(Stage.MODIFIED));
    for (Stage s : List.of(Stage.REBOOTED, Stage.EXPORTED, Stage.SANITIZED)) {
      assertEquals(" (run 'rds-echo promote' when it is ready)", NextSteps.hint(s));
      assertEquals("rds-echo promote", NextSteps.towardsPromotion(s));
    }
    assertEquals("", NextSteps.hint(Stage.PROMOTED));
    assertEquals("", NextSteps.hint(Stage.FORGOTTEN));
    assertEquals("rds-echo modify, reboot … promote", NextSteps.towardsPromotion(Stage.NEW));
    assertEquals("rds-echo reboot … promote", NextSteps.towardsPromotion(Stage.MODIFIED));
    assertEquals("rds-echo advance", NextSteps.towardsPromotion(Stage.PROMOTED));
    assertEquals("rds-echo advance", NextSteps.towardsPromotion(Stage.FORGOTTEN));
  }
}

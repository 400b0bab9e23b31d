package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DumpPlanner.DumpSet;
import org.rdsecho.stage.DumpPlanner.Occupant;

/**
 * The whole decision of an export from what was observed, exactly and in order: which databases,
 * dumps streamed to S3 as written, the manifest, uploads with the manifest last, s3Only's local
 * removal, pruning here and there, and the §16 refusals.
 */
class DumpSetPlanTest {
  private static final Set<String> SYSTEM =
      Set.of("information_schema", "mysql", "performance_schema", "sys");
  private static final String DIR = "/d/dev/2026-11-21";
  private static final String S3 = "s3://bkt/raw/dev/2026-11-21";

  private static DumpRequest request(List<String> databases, String suffix, Integer keep) {
    return new DumpRequest(
        "dev", DumpKind.RAW, "dev-b", databases, SYSTEM, DumpSelection.WHOLE, 1, suffix, keep);
  }

  private static DirectoryDestination dir(Occupant occupant, List<DumpSet> siblings) {
    return new DirectoryDestination(DIR, "rdsecho.export.dir", occupant, siblings);
  }

  private static S3Destination s3(Occupant occupant, List<DumpSet> older, boolean s3Only) {
    return new S3Destination(S3, "rdsecho.export.s3Uri", occupant, older, s3Only);
  }

  @Test
  void
      everyDatabaseButTheEnginesOwnSortedUnlessNamedAndANamedOneMissingIsAFailureNamingWhatIsThere() {
    List<String> present = List.of("shop", "MySQL", "crm", "sys", "information_schema");
    assertEquals(List.of("crm", "shop"), DumpPlanner.databases(present, List.of(), SYSTEM));
    assertEquals(
        List.of("shop", "sys"),
        DumpPlanner.databases(present, List.of("shop", "sys", "shop"), SYSTEM),
        "named: in the order given, once each, the engine's own too");
    EchoException e =
        assertThrows(
            EchoException.class,
            () -> DumpPlanner.databases(present, List.of("shop", "gone"), SYSTEM));
    assertEquals(Outcome.FAILED, e.outcome());
    assertEquals(
        "database(s) 'gone' not found on the clone (it has 'shop', 'MySQL', 'crm'): fix"
            + " rdsecho.export.databases or rdsecho.sanitize.databases",
        e.getMessage());
  }

  @Test
  void
      aSetUploadedToS3StreamsEachDumpThereThenChecksEveryFileTheManifestLastThenPrunesHereAndThere() {
    List<DumpSet> siblings =
        List.of(
            new DumpSet("/d/dev/2026-11-20", "2026-11-20T03:00:00Z", false),
            new DumpSet("/d/dev/2026-11-19", "2026-11-19T03:00:00Z", false),
            new DumpSet(DIR, "2026-11-21T01:00:00Z", false));
    List<DumpSet> older =
        List.of(
            new DumpSet("s3://bkt/raw/dev/2026-11-19", "2026-11-19T03:00:00Z", false),
            new DumpSet("s3://bkt/raw/dev/2026-11-20", "2026-11-20T03:00:00Z", false));
    DumpObservation seen =
        new DumpObservation(
            List.of("shop", "a/b", "mysql"), dir(null, siblings), List.of(s3(null, older, true)));
    assertEquals(
        List.of(
            new DataAction.Dump(
                "a/b",
                DIR,
                "a%2Fb.sql.zst.gpg",
                List.of(),
                false,
                null,
                1,
                S3 + "/a%2Fb.sql.zst.gpg"),
            new DataAction.Dump(
                "shop",
                DIR,
                "shop.sql.zst.gpg",
                List.of(),
                false,
                null,
                1,
                S3 + "/shop.sql.zst.gpg"),
            new DataAction.WriteManifest(DIR, DumpKind.RAW),
            new DataAction.UploadFile(DIR, "a%2Fb.sql.zst.gpg", S3 + "/a%2Fb.sql.zst.gpg"),
            new DataAction.UploadFile(
                DIR, "a%2Fb.sql.zst.gpg.sha256", S3 + "/a%2Fb.sql.zst.gpg.sha256"),
            new DataAction.UploadFile(DIR, "shop.sql.zst.gpg", S3 + "/shop.sql.zst.gpg"),
            new DataAction.UploadFile(
                DIR, "shop.sql.zst.gpg.sha256", S3 + "/shop.sql.zst.gpg.sha256"),
            new DataAction.UploadFile(DIR, "manifest.json", S3 + "/manifest.json"),
            new DataAction.RemoveUploadedFiles(
                DIR,
                List.of(
                    "a%2Fb.sql.zst.gpg",
                    "a%2Fb.sql.zst.gpg.sha256", "shop.sql.zst.gpg", "shop.sql.zst.gpg.sha256")),
            new DataAction.RemoveDumpSet("/d/dev/2026-11-19", 2),
            new DataAction.RemoveS3Set("s3://bkt/raw/dev/2026-11-19", 2)),
        DumpPlanner.plan(request(List.of(), ".sql.zst.gpg", 2), seen));
    assertEquals(
        "dump database 'shop' to "
            + DIR
            + "/shop.sql.zst.gpg (and shop.sql.zst.gpg.sha256), streaming it to "
            + S3
            + "/shop.sql.zst.gpg as it is written",
        DumpPlanner.plan(request(List.of("shop"), ".sql.zst.gpg", null), seen).get(0).describe(),
        "the dry run says where the dump streams");
  }

  @Test
  void withoutKeepNothingIsPrunedAndWithoutS3OnlyTheLocalCopiesStay() {
    DumpObservation seen =
        new DumpObservation(
            List.of("shop"),
            dir(null, List.of(new DumpSet("/d/dev/2026-11-01", "2026-11-01T03:00:00Z", false))),
            List.of(
                s3(
                    null,
                    List.of(
                        new DumpSet("s3://bkt/raw/dev/2026-11-01", "2026-11-01T03:00:00Z", false)),
                    false)));
    assertEquals(
        List.of(
            new DataAction.Dump(
                "shop", DIR, "shop.sql.gz", List.of(), false, null, 1, S3 + "/shop.sql.gz"),
            new DataAction.WriteManifest(DIR, DumpKind.RAW),
            new DataAction.UploadFile(DIR, "shop.sql.gz", S3 + "/shop.sql.gz"),
            new DataAction.UploadFile(DIR, "shop.sql.gz.sha256", S3 + "/shop.sql.gz.sha256"),
            new DataAction.UploadFile(DIR, "manifest.json", S3 + "/manifest.json")),
        DumpPlanner.plan(request(List.of(), ".sql.gz", null), seen));
  }

  @Test
  void aDestinationHoldingAnotherSetIsRefusedBeforeAnyWriteNamingItsKeyAndOwnSetIsWrittenAgain() {
    Occupant qa = new Occupant(S3, true, "qa", DumpKind.RAW, "qa-a");
    EchoException s3 =
        assertThrows(
            EchoException.class,
            () ->
                DumpPlanner.plan(
                    request(List.of(), ".sql.gz", 2),
                    new DumpObservation(
                        List.of("shop"), dir(null, List.of()), List.of(s3(qa, List.of(), false)))));
    assertEquals(Outcome.REFUSED, s3.outcome());
    assertTrue(
        s3.getMessage()
            .startsWith(
                "refusing to write the raw dump set of dev-b to "
                    + S3
                    + ": it holds the"
                    + " complete raw dump set of echo 'qa' (clone qa-a), which is never overwritten: add {name} to"
                    + " rdsecho.export.s3Uri"),
        s3.getMessage());
    EchoException local =
        assertThrows(
            EchoException.class,
            () ->
                DumpPlanner.plan(
                    request(List.of(), ".sql.gz", 2),
                    new DumpObservation(
                        List.of("shop"),
                        dir(new Occupant(DIR, false, null, null, null), List.of()),
                        List.of())));
    assertTrue(
        local.getMessage().contains("a manifest.json that rds-echo did not write"),
        local.getMessage());
    List<Action> again =
        DumpPlanner.plan(
            request(List.of(), ".sql.gz", null),
            new DumpObservation(
                List.of("shop"),
                dir(new Occupant(DIR, true, "dev", DumpKind.RAW, "dev-b"), List.of()),
                List.of()));
    assertEquals(
        List.of(
            new DataAction.Dump("shop", DIR, "shop.sql.gz"),
            new DataAction.WriteManifest(DIR, DumpKind.RAW)),
        again,
        "a rerun after a crash writes this clone's own set again");
  }

  @Test
  void aTableExportDumpsOnlyItsTablesInNoMoreStreamsThanTables() {
    DumpRequest rows =
        new DumpRequest(
            "dev",
            DumpKind.RAW,
            "dev-b",
            List.of("shop"),
            SYSTEM,
            new DumpSelection(Map.of("shop", List.of("orders", "people")), true, "id > 5"),
            4,
            ".sql.gz",
            null);
    assertEquals(
        List.of(
            new DataAction.Dump(
                "shop", DIR, "shop.sql.gz", List.of("orders", "people"), true, "id > 5", 2, null),
            new DataAction.WriteManifest(DIR, DumpKind.RAW)),
        DumpPlanner.plan(
            rows, new DumpObservation(List.of("shop"), dir(null, List.of()), List.of())));
  }
}

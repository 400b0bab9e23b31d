package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;
import static org.rdsecho.stage.TestInstances.withTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.config.ServerNames;
import org.rdsecho.config.ServerNames.Server;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * {@code verify}'s whole decision from observations, with no server, file or AWS: the writes it
 * plans (each one, in order), and each refusal, decided before anything it would refuse is read.
 */
class VerifyPlannerTest {
  private static final String DIGEST = "ab12";
  private static final String SET = "/dumps/development/2026-11-21";
  private static final String SERVER = "scratch.test:3306";

  private final EchoInstance clone =
      withTag(inStage(Stage.EXPORTED), TAGS.manifestDigest(DumpKind.RAW), DIGEST);
  private final Map<String, String> settings =
      new HashMap<>(
          Map.of(
              "rdsecho.name",
              "development",
              "rdsecho.snapshot.dbInstanceIdentifier",
              "production",
              "rdsecho.export.dir",
              "dumps/{name}/{date}",
              "rdsecho.verify.host",
              "scratch.test",
              "rdsecho.verify.user",
              "v",
              "rdsecho.verify.passwordEnv",
              "VPW"));

  /** Observations as plain values; records what was asked, in order. */
  private final class Seen implements VerifyPlanner.Observe {
    List<String> asked = new ArrayList<>();
    List<DumpSetSeen> sets = List.of(set(DIGEST, false, file("shop"), file("crm")));
    ClientSeen client = new ClientSeen("/usr/bin/mariadb", true);
    List<String> leftovers = List.of("rdsecho_verify_0badf00d_1");
    List<ConnectionEnds.Promoted> promoted = List.of();
    Optional<Server> exportHost = Optional.empty();

    @Override
    public ConnectionEnds ends(EchoInstance c) {
      asked.add("ends");
      EchoConfig config = config();
      return new ConnectionEnds(
          server(config.verify().host(), config.verify().port()),
          List.of(server(c.endpoint(), 3306), server("clone.cluster-ro-x.rds.test", 3306)),
          exportHost,
          server(c.endpoint(), 3306),
          "production",
          List.of(server("production.rds.test", 3306)),
          promoted,
          Optional.ofNullable(server(config.carry().fromHost(), config.carry().fromPort())),
          Optional.ofNullable(server(config.promote().cname(), null)));
    }

    @Override
    public List<DumpSetSeen> dumpSets(String template, DumpKind kind, EchoInstance c) {
      asked.add("dumpSets " + kind + " " + template);
      return sets;
    }

    @Override
    public ClientSeen client() {
      asked.add("client");
      return client;
    }

    @Override
    public List<String> leftovers() {
      asked.add("leftovers");
      return leftovers;
    }
  }

  private static Server server(String host, Integer port) {
    return ServerNames.server(host, port);
  }

  private static Manifest.Database file(String database) {
    return new Manifest.Database(
        database, database + ".sql.gz", 10, 20, "sha-" + database, 1, 1, List.of());
  }

  /** A set of shop (in the directory) and crm (uploaded only: s3Only). */
  private static DumpSetSeen set(String digest, boolean dataOnly, Manifest.Database... files) {
    Manifest manifest =
        new Manifest(
            "development",
            DumpKind.RAW,
            "development-clone",
            "rds:snap-1",
            "gzip",
            "gzip",
            List.of(),
            List.of(),
            "s3://dumps/kept",
            "2026-11-21T02:00:00Z",
            "2026-11-21T02:10:00Z",
            600,
            dataOnly,
            null,
            List.of(files));
    return new DumpSetSeen(
        SET, digest, manifest, java.util.Set.of("shop.sql.gz"), "s3://dumps/kept");
  }

  private EchoConfig config() {
    return EchoConfig.from(RawConfig.of(settings));
  }

  private Decision decide(EchoInstance c, Seen seen) {
    return VerifyPlanner.decide(new EchoFleet(TAGS, List.of(c)), null, NOW, config(), seen);
  }

  @Test
  void dropsLeftoversThenLoadsEachDumpLocallyOrFromS3ThenMarksTheClone() {
    Seen seen = new Seen();
    Decision d = decide(clone, seen);
    assertEquals(Outcome.DONE, d.outcome(), d.message());
    assertEquals(
        List.of(
            new DataAction.DropScratchDatabase(SERVER, "rdsecho_verify_0badf00d_1"),
            new DataAction.VerifyDump("shop", SET, "shop.sql.gz", "gzip", "sha-shop", SERVER, null),
            new DataAction.VerifyDump(
                "crm", SET, "crm.sql.gz", "gzip", "sha-crm", SERVER, "s3://dumps/kept/crm.sql.gz"),
            CloudAction.Tag.add(clone, Map.of(TAGS.verifiedAt(), TagValues.time(NOW)))),
        d.actions());
    assertEquals(
        List.of("ends", "dumpSets raw dumps/{name}/{date}", "client", "leftovers"), seen.asked);
    assertEquals(Stage.EXPORTED, d.toStage(), "the stage does not change");
  }

  @Test
  void aSanitizedCloneIsVerifiedFromItsScrubbedSetByTheSanitizeDigest() {
    settings.put("rdsecho.sanitize.scripts", "scrub.sql");
    settings.put("rdsecho.sanitize.dir", "clean/{name}/{date}");
    EchoInstance sanitized =
        withTag(inStage(Stage.SANITIZED), TAGS.manifestDigest(DumpKind.SANITIZED), DIGEST);
    Seen seen = new Seen();
    seen.leftovers = List.of();
    Decision d = decide(sanitized, seen);
    assertEquals(
        List.of(
            new DataAction.VerifyDump("shop", SET, "shop.sql.gz", "gzip", "sha-shop", SERVER, null),
            new DataAction.VerifyDump(
                "crm", SET, "crm.sql.gz", "gzip", "sha-crm", SERVER, "s3://dumps/kept/crm.sql.gz"),
            CloudAction.Tag.add(sanitized, Map.of(TAGS.verifiedAt(), TagValues.time(NOW)))),
        d.actions());
    assertTrue(
        seen.asked.contains("dumpSets sanitized clean/{name}/{date}"), seen.asked.toString());
  }

  @Test
  void aVerifiedCloneIsDoneWithoutObservingAnything() {
    Seen seen = new Seen();
    Decision d =
        decide(withTag(clone, TAGS.verifiedAt(), TagValues.time(NOW.minusSeconds(60))), seen);
    assertEquals(Outcome.DONE, d.outcome());
    assertEquals(List.of(), d.actions());
    assertEquals(List.of(), seen.asked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "the clone's endpoint,      development-clone.rds.test,   '',                the clone development-clone",
    "the clone's reader,        CLONE.cluster-ro-x.rds.test., '',                the clone development-clone",
    "the source,                production.rds.test,          '',                the source production",
    "the CNAME,                 db.example.co.uk,             db.example.co.uk,  the CNAME db.example.co.uk",
  })
  void theVerificationServerIsRefusedInAnyOtherRoleBeforeAnythingIsRead(
      String what, String host, String cname, String named) {
    settings.put("rdsecho.verify.host", host);
    if (!cname.isEmpty()) {
      settings.put("rdsecho.promote.cname", cname);
      settings.put("rdsecho.promote.hostedZoneId", "Z1");
    }
    Seen seen = new Seen();
    ConfigException e = assertThrows(ConfigException.class, () -> decide(clone, seen), what);
    assertTrue(
        e.getMessage().startsWith("rdsecho.verify.host=" + host + " (port 3306) is " + named),
        e.getMessage());
    assertEquals(List.of("ends"), seen.asked, "nothing read past the refusal");
  }

  @Test
  void theVerificationServerMayBeNeitherAPromotedCloneNorWhereCarryReachesIt() {
    settings.put("rdsecho.verify.host", "127.0.0.1");
    settings.put("rdsecho.verify.port", "13306");
    settings.put("rdsecho.carry.tables", "shop.orders");
    settings.put("rdsecho.carry.fromHost", "LocalHost.");
    settings.put("rdsecho.carry.fromPort", "13306");
    Seen seen = new Seen();
    seen.promoted =
        List.of(
            new ConnectionEnds.Promoted(
                "old-clone",
                List.of(server("old-clone.rds.test", 3306)),
                server("LocalHost.", 13306)));
    ConfigException e = assertThrows(ConfigException.class, () -> decide(clone, seen));
    assertTrue(
        e.getMessage()
            .contains(
                "is the promoted clone old-clone as carry reaches it (rdsecho.carry.fromHost)"),
        e.getMessage());

    seen.promoted = List.of();
    e = assertThrows(ConfigException.class, () -> decide(clone, seen));
    assertTrue(
        e.getMessage().contains("is the promoted clone as carry reaches it"), e.getMessage());

    settings.remove("rdsecho.carry.fromHost");
    settings.remove("rdsecho.carry.fromPort");
    seen.exportHost = Optional.of(server("localhost", 13306));
    e = assertThrows(ConfigException.class, () -> decide(clone, seen));
    assertTrue(
        e.getMessage().contains("is the clone as reached through rdsecho.export.host"),
        e.getMessage());
  }

  @Test
  void noSetOfTheCloneFailsNamingTheCommandThatWritesOne() {
    Seen seen = new Seen();
    seen.sets = List.of();
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(
        e.getMessage()
            .startsWith(
                "no complete raw dump set of development-clone under dumps/{name}/{date}:"
                    + " run 'rds-echo export'"),
        e.getMessage());
  }

  @Test
  void aSetWhoseManifestIsNotTheOneTheCloneRecordsFailsAndNothingIsLoaded() {
    Seen seen = new Seen();
    seen.sets = List.of(set("ffff", false, file("shop")));
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(
        e.getMessage()
            .contains(
                SET
                    + "/manifest.json is not the manifest the export of development-clone"
                    + " wrote (its SHA-256 is ffff, the clone's rdsecho:development:exportManifest tag says ab12)"),
        e.getMessage());
    assertEquals(List.of("ends", "dumpSets raw dumps/{name}/{date}"), seen.asked);

    EchoException untagged =
        assertThrows(EchoException.class, () -> decide(inStage(Stage.EXPORTED), seen));
    assertTrue(
        untagged.getMessage().contains("carries no rdsecho:development:exportManifest tag"),
        untagged.getMessage());
  }

  @Test
  void aTableExportIsRefused() {
    Seen seen = new Seen();
    seen.sets = List.of(set(DIGEST, true, file("shop")));
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(
        e.getMessage().startsWith("refusing to verify " + SET + ": it is a table export"),
        e.getMessage());

    settings.put("rdsecho.export.tables", "shop.orders");
    seen.sets = List.of(set(DIGEST, false, file("shop")));
    assertEquals(
        Outcome.REFUSED, assertThrows(EchoException.class, () -> decide(clone, seen)).outcome());
  }

  @Test
  void aClientWithoutSandboxIsRefusedBeforeTheVerificationServerIsAsked() {
    Seen seen = new Seen();
    seen.client = new ClientSeen("/opt/mysql/bin/mysql", false);
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(
        e.getMessage()
            .startsWith(
                "refusing to feed the dumps of "
                    + SET
                    + " to /opt/mysql/bin/mysql: this"
                    + " client has no --sandbox mode"),
        e.getMessage());
    assertEquals(List.of("ends", "dumpSets raw dumps/{name}/{date}", "client"), seen.asked);
  }

  @Test
  void aManifestNamingAFileOutsideItsSetFails() {
    Seen seen = new Seen();
    seen.sets =
        List.of(
            set(
                DIGEST,
                false,
                new Manifest.Database("shop", "../../etc/passwd", 1, 1, "x", 1, 1, List.of())));
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(
        e.getMessage()
            .contains("names the file ../../etc/passwd, which is not a plain name inside the set"),
        e.getMessage());
  }

  @Test
  void aManifestListingNoDumpFailsInsteadOfRecordingAVerificationOfNothing() {
    Seen seen = new Seen();
    seen.sets = List.of(set(DIGEST, false));
    EchoException e = assertThrows(EchoException.class, () -> decide(clone, seen));
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(
        e.getMessage()
            .contains(
                "lists no dump, so there is nothing to load and compare, and verifiedAt was not"
                    + " recorded"),
        e.getMessage());
  }
}

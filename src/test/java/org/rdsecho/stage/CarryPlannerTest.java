package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rdsecho.stage.TestInstances.NOW;
import static org.rdsecho.stage.TestInstances.TAGS;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ServerNames;
import org.rdsecho.config.ServerNames.Server;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * {@code carry}'s whole decision from observations, with no server or AWS: the writes it plans
 * (each one, in order), and each of its refusals with its exit code, decided before any row is
 * written and before the refused table is read any further.
 */
class CarryPlannerTest {
  private static final long FLOOR = 1_000_000_000L;
  private static final String FROM =
      "the promoted clone development-old (development-old.rds.test:3306)";

  private final EchoInstance clone =
      inStage(Stage.REBOOTED, "development-new", "rds:snap-2", NOW.minusSeconds(600));
  private final EchoInstance promoted =
      inStage(Stage.PROMOTED, "development-old", "rds:snap-1", NOW.minusSeconds(90_000));

  private static CarrySeen.Table autoIncremented(String type) {
    CarrySeen.Shape innodb = new CarrySeen.Shape("BASE TABLE", "InnoDB", true);
    return new CarrySeen.Table(
        Optional.of(innodb),
        Optional.of(innodb),
        new CarrySeen.Key("id", type, false, true),
        List.of(),
        type + "(11)");
  }

  /** Observations as plain values; records what was asked, in order. */
  private static class Seen implements CarryPlanner.Observe {
    final List<String> asked = new ArrayList<>();
    final Map<String, CarrySeen.Table> tables =
        new HashMap<>(
            Map.of(
                "app.accounts", autoIncremented("bigint"), "app.tickets", autoIncremented("int")));
    final Map<String, String> ownKeys = new HashMap<>();
    final Map<String, CarrySeen.KeyRange> ranges =
        new HashMap<>(Map.of("app.accounts", new CarrySeen.KeyRange("1000000001", "1000000002")));
    final Map<String, CarryRules.Collision> collisions = new HashMap<>();
    List<CarrySeen.Counter> counters =
        List.of(
            new CarrySeen.Counter("accounts", "id", "bigint", false),
            new CarrySeen.Counter("logs", "id", "int", false),
            new CarrySeen.Counter("tickets", "id", "int", false));
    Server from = ServerNames.server("development-old.rds.test", 3306);
    Server to = ServerNames.server("development-new.rds.test", 3306);
    boolean sandboxes = true;

    @Override
    public ConnectionEnds ends() {
      asked.add("ends");
      return new ConnectionEnds(
          null,
          List.of(to),
          Optional.empty(),
          to,
          "production",
          List.of(ServerNames.server("production.rds.test", 3306)),
          List.of(
              new ConnectionEnds.Promoted(
                  "development-old",
                  List.of(ServerNames.server("development-old.rds.test", 3306)),
                  from)),
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public ClientSeen client() {
      asked.add("client");
      return new ClientSeen("/usr/bin/mariadb", sandboxes);
    }

    @Override
    public CarrySeen.Table table(String database, String table, boolean promoted) {
      asked.add("table " + database + "." + table);
      return tables.get(database + "." + table);
    }

    @Override
    public Optional<String> largestOwnKey(
        String database, String table, String key, long floor, boolean promoted) {
      asked.add("ownKeys " + database + "." + table);
      return Optional.ofNullable(ownKeys.get(database + "." + table));
    }

    @Override
    public Optional<CarrySeen.KeyRange> carriedKeyRange(
        String database, String table, String key, Long floor) {
      asked.add("range " + database + "." + table);
      return Optional.ofNullable(ranges.get(database + "." + table));
    }

    @Override
    public Optional<CarryRules.Collision> uniqueCollision(
        String database, String table, String key, Long floor) {
      asked.add("collision " + database + "." + table);
      return Optional.ofNullable(collisions.get(database + "." + table));
    }

    @Override
    public List<String> databases() {
      asked.add("databases");
      return List.of("app");
    }

    @Override
    public List<CarrySeen.Counter> counters(String database) {
      asked.add("counters " + database);
      return counters;
    }

    @Override
    public List<String> countersBelow(String database, long floor) {
      asked.add("below " + database);
      return List.of("accounts", "logs", "tickets");
    }
  }

  private static CarrySettings carrying(Long floor, String... tables) {
    Map<String, List<String>> byDatabase = new LinkedHashMap<>();
    for (String t : tables) {
      byDatabase
          .computeIfAbsent(t.substring(0, t.indexOf('.')), d -> new ArrayList<>())
          .add(t.substring(t.indexOf('.') + 1));
    }
    return new CarrySettings(byDatabase, null, null, floor);
  }

  private Decision decide(CarrySettings carry, Seen seen, EchoInstance... instances) {
    return CarryPlanner.decide(
        new EchoFleet(TAGS, List.of(instances)), null, NOW, carry, c -> seen);
  }

  private Decision decide(CarrySettings carry, Seen seen) {
    return decide(carry, seen, clone, promoted);
  }

  private CloudAction.Tag carried() {
    return CloudAction.Tag.add(clone, Map.of(TAGS.carriedAt(), TagValues.time(NOW)));
  }

  @Test
  void carriesEachTablesStagingRowsThenRaisesTheCountersThenMarksTheClone() {
    Seen seen = new Seen();
    Decision d = decide(carrying(FLOOR, "app.accounts", "app.tickets"), seen);
    assertEquals(Outcome.DONE, d.outcome(), d.message());
    assertEquals(
        List.of(
            new DataAction.CarryRows("app", "accounts", "id", FLOOR, FROM),
            new DataAction.CarryRows("app", "tickets", "id", FLOOR, FROM),
            new DataAction.RaiseCounters("app", List.of("accounts", "logs", "tickets"), FLOOR),
            carried()),
        d.actions());
    assertEquals(
        List.of(
            "ends",
            "client",
            "table app.accounts",
            "ownKeys app.accounts",
            "range app.accounts",
            "collision app.accounts",
            "table app.tickets",
            "ownKeys app.tickets",
            "range app.tickets",
            "collision app.tickets",
            "counters app",
            "below app"),
        seen.asked);
  }

  @Test
  void withoutAFloorEveryRowIsCarriedByItsKeyAndAKeylessTableIsCopiedWholeAndNoCounterIsRaised() {
    Seen seen = new Seen();
    CarrySeen.Shape innodb = new CarrySeen.Shape("BASE TABLE", "InnoDB", true);
    seen.tables.put(
        "app.events",
        new CarrySeen.Table(Optional.of(innodb), Optional.of(innodb), null, List.of(), ""));
    Decision d = decide(carrying(null, "app.events", "app.tickets"), seen);
    assertEquals(
        List.of(
            new DataAction.CarryRows("app", "events", null, null, FROM),
            new DataAction.CarryRows("app", "tickets", "id", null, FROM),
            carried()),
        d.actions());
  }

  @Test
  void theFirstNightOnlyRaisesTheCountersOfTheClonesDatabasesAndNeverConnectsElsewhere() {
    Seen seen = new Seen();
    Decision d = decide(carrying(FLOOR), seen, clone);
    assertEquals(
        List.of(
            new DataAction.RaiseCounters("app", List.of("accounts", "logs", "tickets"), FLOOR),
            carried()),
        d.actions());
    assertEquals(List.of("databases", "counters app", "below app"), seen.asked);
    assertTrue(
        d.message().contains("no promoted clone to carry from (the first night)"), d.message());
  }

  @Test
  void anUnavailablePromotedCloneIsNotReadyAndNothingIsObserved() {
    Seen seen = new Seen();
    Decision d =
        decide(
            carrying(FLOOR, "app.accounts"),
            seen,
            clone,
            TestInstances.with(promoted, "rebooting"));
    assertEquals(Outcome.NOT_READY, d.outcome());
    assertEquals(List.of(), seen.asked);
  }

  /**
   * The refusal, its exit code and what it names; nothing is planned, and no later table is read.
   */
  private static void refused(int exitCode, String says, Seen seen, Runnable decide) {
    RuntimeException e = assertThrows(RuntimeException.class, decide::run);
    assertEquals(exitCode, exitCode(e), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertTrue(
        seen.asked.stream().noneMatch(a -> a.endsWith("app.tickets") || a.startsWith("counters")),
        "read past the refusal: " + seen.asked);
  }

  /** 2 for a configuration error, 4 for a refusal (CONTRACT §4). */
  private static int exitCode(RuntimeException e) {
    if (e instanceof ConfigException) {
      return 2;
    }
    return e instanceof EchoException echo && echo.outcome() == Outcome.REFUSED ? 4 : -1;
  }

  @Test
  void carryReadingAndWritingTheSameServerOrTouchingTheSourceIsAConfigurationError() {
    Seen same = new Seen();
    same.from = ServerNames.server("DEVELOPMENT-NEW.rds.test.", 3306);
    ConfigException e =
        assertThrows(ConfigException.class, () -> decide(carrying(FLOOR, "app.accounts"), same));
    assertTrue(
        e.getMessage().startsWith("carry would read from and write to the same server"),
        e.getMessage());
    assertEquals(List.of("ends"), same.asked);

    Seen source = new Seen();
    source.from = ServerNames.server("Production.rds.test", 13306);
    e = assertThrows(ConfigException.class, () -> decide(carrying(FLOOR, "app.accounts"), source));
    assertTrue(
        e.getMessage().startsWith("carry would connect to the source production"), e.getMessage());
  }

  /**
   * The ends compare as verify's do (ServerNames): every loopback spelling, and every endpoint of
   * the source.
   */
  @Test
  void carrysEndsCompareByAddressAndByEveryEndpointOfTheSource() {
    Seen tunnel = new Seen();
    tunnel.to = ServerNames.server("localhost", 13306);
    tunnel.from = ServerNames.server("127.1", 13306);
    ConfigException e =
        assertThrows(ConfigException.class, () -> decide(carrying(FLOOR, "app.accounts"), tunnel));
    assertTrue(
        e.getMessage()
            .startsWith("carry would read from and write to the same server (127.1:13306)"),
        e.getMessage());

    Seen reader =
        new Seen() {
          @Override
          public ConnectionEnds ends() {
            ConnectionEnds ends = super.ends();
            return new ConnectionEnds(
                null,
                ends.cloneEnds(),
                Optional.empty(),
                ends.cloneReached(),
                "production",
                List.of(
                    ServerNames.server("production.cluster-x.rds.test", 3306),
                    ServerNames.server("production.cluster-ro-x.rds.test", 3306)),
                ends.promoted(),
                Optional.empty(),
                Optional.empty());
          }
        };
    reader.from = ServerNames.server("PRODUCTION.cluster-ro-x.rds.test.", 3306);
    e = assertThrows(ConfigException.class, () -> decide(carrying(FLOOR, "app.accounts"), reader));
    assertTrue(
        e.getMessage().startsWith("carry would connect to the source production"), e.getMessage());
  }

  @Test
  void aClientWithoutSandboxIsRefusedBeforeAnyTableIsRead() {
    Seen seen = new Seen();
    seen.sandboxes = false;
    refused(
        4,
        "refusing to feed rows dumped from the promoted clone to /usr/bin/mariadb",
        seen,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), seen));
    assertEquals(List.of("ends", "client"), seen.asked);
  }

  @Test
  void aTableMissingOnOneCloneOrAViewIsAConfigurationError() {
    Seen missing = new Seen();
    CarrySeen.Table accounts = missing.tables.get("app.accounts");
    missing.tables.put(
        "app.accounts",
        new CarrySeen.Table(accounts.here(), Optional.empty(), accounts.key(), List.of(), ""));
    refused(
        2,
        "lists 'app.accounts', which is not on both the promoted clone and the new one",
        missing,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), missing));

    Seen view = new Seen();
    CarrySeen.Shape shape = new CarrySeen.Shape("VIEW", "", false);
    view.tables.put(
        "app.accounts",
        new CarrySeen.Table(Optional.of(shape), Optional.of(shape), null, List.of(), ""));
    refused(
        2,
        "lists 'app.accounts', which is a view on the new clone development-new, not a table",
        view,
        () -> decide(carrying(null, "app.accounts", "app.tickets"), view));
  }

  @Test
  void aFloorNeedsAnAutoIncrementKeyThatHoldsItAndAboveProductionsKeys() {
    Seen keyless = new Seen();
    CarrySeen.Shape innodb = new CarrySeen.Shape("BASE TABLE", "InnoDB", true);
    keyless.tables.put(
        "app.accounts",
        new CarrySeen.Table(
            Optional.of(innodb),
            Optional.of(innodb),
            new CarrySeen.Key("name", "varchar", false, false),
            List.of(),
            "varchar(40)"));
    refused(
        2,
        "which has no single-column AUTO_INCREMENT primary key on the clone",
        keyless,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), keyless));

    Seen small = new Seen();
    small.tables.put("app.accounts", autoIncremented("smallint"));
    refused(
        2,
        "rdsecho.carry.autoIncrementFloor 1000000000 is above the largest value of"
            + " 'app.accounts.id' (smallint, at most 32767)",
        small,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), small));

    Seen below = new Seen();
    below.ownKeys.put("app.accounts", "1000000007");
    refused(
        4,
        "is at or below keys that production's rows already have in 'app.accounts' on the new"
            + " clone development-new (the largest is 1000000007)",
        below,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), below));

    Seen counter = new Seen();
    counter.counters = List.of(new CarrySeen.Counter("logs", "id", "mediumint", true));
    ConfigException e =
        assertThrows(ConfigException.class, () -> decide(carrying(FLOOR, "app.accounts"), counter));
    assertTrue(
        e.getMessage()
            .contains(
                "above the largest value of 'app.logs.id' (mediumint unsigned, at most"
                    + " 16777215)"),
        e.getMessage());
  }

  @Test
  void triggersANonTransactionalWholeCopyKeysBeyondTheTypeAndUniqueCollisionsAreRefused() {
    Seen triggers = new Seen();
    CarrySeen.Table accounts = triggers.tables.get("app.accounts");
    triggers.tables.put(
        "app.accounts",
        new CarrySeen.Table(
            accounts.here(),
            accounts.there(),
            accounts.key(),
            List.of("revoke_on_leave (AFTER DELETE)"),
            accounts.promotedKeyType()));
    refused(
        4,
        "'app.accounts' has triggers on the new clone development-new (revoke_on_leave (AFTER"
            + " DELETE))",
        triggers,
        () -> decide(carrying(null, "app.accounts", "app.tickets"), triggers));

    Seen myisam = new Seen();
    CarrySeen.Shape shape = new CarrySeen.Shape("BASE TABLE", "MyISAM", false);
    myisam.tables.put(
        "app.accounts",
        new CarrySeen.Table(Optional.of(shape), Optional.of(shape), null, List.of(), ""));
    refused(
        4,
        "its engine on the new clone development-new is MyISAM, which has no transactions",
        myisam,
        () -> decide(carrying(null, "app.accounts", "app.tickets"), myisam));

    Seen wide = new Seen();
    wide.tables.put("app.accounts", autoIncremented("int"));
    wide.ranges.put("app.accounts", new CarrySeen.KeyRange("1000000001", "3000000001"));
    refused(
        2,
        "carry would write keys up to 3000000001 (from 1000000001) of 'app.accounts.id'"
            + " on the promoted clone (int(11)) into the new clone's int column (-2147483648 to 2147483647)",
        wide,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), wide));

    Seen collides = new Seen();
    collides.collisions.put(
        "app.accounts",
        new CarryRules.Collision(
            "by_email", List.of("email"), "CAROL@example.invalid", "1000000002", "3"));
    refused(
        4,
        "carrying 'app.accounts' would delete production's row with key 3 on the new clone"
            + " development-new: staging's row with key 1000000002 has the same 'email' ('CAROL@example.invalid') under the"
            + " unique key 'by_email'",
        collides,
        () -> decide(carrying(FLOOR, "app.accounts", "app.tickets"), collides));
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * {@code carry} (§13) between two private MariaDB servers, one standing in for the promoted clone
 * (where staging users made rows above the floor) and one for the new clone restored from
 * production: staging-made rows carried, production rows untouched, counters raised, reruns and an
 * interruption between tables converge.
 */
class CarryIT {
  private static final long FLOOR = 1_000_000_000L;
  private static PrivateMariaDb promoted;
  private static PrivateMariaDb fresh;
  private static int databases;
  @TempDir Path dir;

  @BeforeAll
  static void startServers() {
    promoted = PrivateMariaDb.start();
    fresh = PrivateMariaDb.start();
  }

  @AfterAll
  static void stopServers() {
    promoted.close();
    fresh.close();
  }

  /**
   * Production as of last night on the promoted clone plus staging's rows; production as of tonight
   * on the new one.
   */
  private static String databases() {
    String db = "app" + (++databases);
    String schema =
        "CREATE DATABASE "
            + db
            + "; USE "
            + db
            + ";"
            + " CREATE TABLE accounts (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40));"
            + " CREATE TABLE tickets (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(40));"
            + " CREATE TABLE logs (id INT AUTO_INCREMENT PRIMARY KEY, line VARCHAR(40));"
            + " CREATE TABLE settings (name VARCHAR(40) PRIMARY KEY, value VARCHAR(40));";
    promoted.rootSql(
        schema
            + " INSERT INTO accounts VALUES (1, 'alice'), (2, 'bob renamed by a tester'), (3, 'carol');"
            + " INSERT INTO accounts VALUES (1000000001, 'tester one'), (1000000002, 'tester two');"
            + " INSERT INTO tickets VALUES (1, 'prod ticket'), (1000000001, 'staging ticket');");
    fresh.rootSql(
        schema
            + " INSERT INTO accounts VALUES (1, 'alice'), (2, 'bob'), (3, 'carol'), (4, 'dave');"
            + " INSERT INTO tickets VALUES (1, 'prod ticket'), (2, 'newer prod ticket');"
            + " INSERT INTO logs VALUES (1, 'x');");
    return db;
  }

  private Harness carrying(String db) {
    Harness h = new Harness(dir).cloneServedBy(fresh, db, "rebooted");
    h.config.put("rdsecho.carry.tables", db + ".accounts," + db + ".tickets");
    h.config.put("rdsecho.carry.autoIncrementFloor", String.valueOf(FLOOR));
    h.config.put("rdsecho.carry.fromHost", "127.0.0.1");
    h.config.put("rdsecho.carry.fromPort", String.valueOf(promoted.port()));
    return h;
  }

  /**
   * Loading staging's ticket fails (as an interruption would): a constraint, as carry refuses
   * tables with triggers.
   */
  private static void interruptAtTickets(String db) {
    fresh.rootSql(
        "ALTER TABLE "
            + db
            + ".tickets ADD CONSTRAINT stop_here CHECK (title <> 'staging ticket')");
  }

  private static String rows(String db, String table) {
    return fresh.sql(db, "SELECT * FROM " + table + " ORDER BY id").strip();
  }

  private static long counter(String db, String table) {
    return Long.parseLong(
        fresh
            .rootSql(
                "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + db
                    + "' AND TABLE_NAME = '"
                    + table
                    + "'")
            .strip());
  }

  @Test
  void stagingMadeRowsAreCarriedProductionRowsUntouchedCountersRaisedAndARerunConverges() {
    String db = databases();
    Harness h = carrying(db);
    Run dry = h.run("carry", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.out() + dry.err());
    assertTrue(
        dry.out()
            .contains(
                "copy the rows of '"
                    + db
                    + ".accounts' whose 'id' >= 1000000000 from the promoted"
                    + " clone "
                    + Harness.oldCloneId()
                    + " (127.0.0.1:"
                    + promoted.port()
                    + ")"),
        dry.out());
    assertTrue(
        dry.out()
            .contains(
                "raise the AUTO_INCREMENT counter of 'accounts', 'logs', 'tickets' in database '"
                    + db
                    + "' on the clone to 1000000000"),
        dry.out());
    assertEquals(
        "1\talice\n2\tbob\n3\tcarol\n4\tdave", rows(db, "accounts"), "a dry run changes nothing");

    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(
        "1\talice\n2\tbob\n3\tcarol\n4\tdave\n1000000001\ttester one\n1000000002\ttester two",
        rows(db, "accounts"),
        "staging's rows carried; bob stays as production has him");
    assertEquals(
        "1\tprod ticket\n2\tnewer prod ticket\n1000000001\tstaging ticket", rows(db, "tickets"));
    assertTrue(counter(db, "logs") >= FLOOR, "every counter of the carried database raised");
    assertTrue(counter(db, "accounts") >= 1_000_000_003L);
    assertEquals("rebooted", h.newCloneStage(), "carry leaves the stage as it is");
    assertTrue(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:carriedAt"));

    int writes = h.rds.writeLog().size();
    Run again = h.run("carry");
    assertEquals(0, again.exitCode());
    assertTrue(again.out().contains("already carried"), again.out());
    assertEquals(writes, h.rds.writeLog().size());
    fresh.rootSql("INSERT INTO " + db + ".logs (line) VALUES ('made on staging')");
    assertEquals(
        "1000000000",
        fresh.sql(db, "SELECT MAX(id) FROM logs").strip(),
        "new rows live above the floor");
  }

  /**
   * §3 "dry run is exact": the dry run lists every write the real run then makes, in order (issue
   * 20).
   */
  @Test
  void theDryRunListsExactlyTheWritesOfTheRealRun() throws Exception {
    String db = databases();
    Harness h = carrying(db);
    Run dry = h.run("-o", "json", "carry", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.out() + dry.err());
    assertEquals(
        "1\talice\n2\tbob\n3\tcarol\n4\tdave", rows(db, "accounts"), "a dry run changes nothing");
    Run real = h.run("-o", "json", "carry");
    assertEquals(0, real.exitCode(), real.out() + real.err());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var planned = json.readTree(dry.out()).get("actions");
    var done = json.readTree(real.out()).get("actions");
    assertEquals(done, planned);
    assertEquals(4, done.size(), "two tables, the counters, the tag: " + done);
    assertTrue(rows(db, "accounts").contains("1000000002\ttester two"), "the real run carried");
  }

  @Test
  void anInterruptionBetweenTablesConvergesOnTheRerun() {
    String db = databases();
    Harness h = carrying(db);
    interruptAtTickets(db);
    Run broken = h.run("carry");
    assertEquals(1, broken.exitCode(), broken.out() + broken.err());
    assertTrue(
        rows(db, "accounts").contains("1000000001\ttester one"), "the first table was carried");
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:carriedAt"));

    fresh.rootSql("ALTER TABLE " + db + ".tickets DROP CONSTRAINT stop_here");
    Run rerun = h.run("carry");
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertEquals(
        "1\talice\n2\tbob\n3\tcarol\n4\tdave\n1000000001\ttester one\n1000000002\ttester two",
        rows(db, "accounts"),
        "carried once, whatever the interruption");
    assertEquals(
        "1\tprod ticket\n2\tnewer prod ticket\n1000000001\tstaging ticket", rows(db, "tickets"));
  }

  @Test
  void
      aTableWithoutAnAutoIncrementKeyIsAConfigurationErrorWithAFloorAndWithoutOneAllItsRowsAreCarried() {
    String db = databases();
    promoted.rootSql("INSERT INTO " + db + ".settings VALUES ('theme', 'staging dark')");
    fresh.rootSql("INSERT INTO " + db + ".settings VALUES ('theme', 'light'), ('lang', 'en')");
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.tables", db + ".settings");
    Run refused = h.run("carry");
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    assertTrue(
        refused
            .err()
            .contains(
                "lists '"
                    + db
                    + ".settings', which has no single-column AUTO_INCREMENT primary"
                    + " key"),
        refused.err());

    h.config.remove("rdsecho.carry.autoIncrementFloor");
    Run all = h.run("carry");
    assertEquals(0, all.exitCode(), all.out() + all.err());
    assertEquals(
        "lang\ten\ntheme\tstaging dark",
        fresh.sql(db, "SELECT * FROM settings ORDER BY name").strip());
  }

  @Test
  void theFirstNightWithoutAPromotedCloneOnlyRaisesTheCounters() {
    String db = databases();
    Harness h = carrying(db);
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("no promoted clone to carry from"), run.out());
    assertEquals("1\talice\n2\tbob\n3\tcarol\n4\tdave", rows(db, "accounts"));
    assertTrue(counter(db, "accounts") >= FLOOR);
  }

  /**
   * §16: a table without a key copied twice (an interrupted run, then the rerun, then once more)
   * holds one copy.
   */
  @Test
  void aKeylessTableIsCopiedWholeSoRerunsLeaveItAsOneRunDoes() {
    String db = databases();
    String events = "CREATE TABLE " + db + ".events (at VARCHAR(20), what VARCHAR(40))";
    promoted.rootSql(
        events
            + "; INSERT INTO "
            + db
            + ".events VALUES ('mon', 'staging login'), ('tue', 'staging"
            + " order')");
    fresh.rootSql(events + "; INSERT INTO " + db + ".events VALUES ('sun', 'production batch')");
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".events," + db + ".tickets");
    Run dry = h.run("carry", "--dry-run");
    assertTrue(
        dry.out()
            .contains(
                "copy the rows of '"
                    + db
                    + ".events' from the promoted clone "
                    + Harness.oldCloneId()
                    + " (127.0.0.1:"
                    + promoted.port()
                    + ") into the clone, replacing all of the clone's rows of it"),
        dry.out());
    interruptAtTickets(db);
    Run broken = h.run("carry");
    assertEquals(1, broken.exitCode(), broken.out() + broken.err());
    String once = "mon\tstaging login\ntue\tstaging order";
    assertEquals(once, fresh.sql(db, "SELECT * FROM events ORDER BY at").strip());
    fresh.rootSql("ALTER TABLE " + db + ".tickets DROP CONSTRAINT stop_here");
    Run rerun = h.run("carry");
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    assertEquals(
        once, fresh.sql(db, "SELECT * FROM events ORDER BY at").strip(), "one copy after two runs");
    h.rds.instance(Harness.newCloneId()).tags.remove("rdsecho:development:carriedAt");
    assertEquals(0, h.run("carry").exitCode());
    assertEquals(
        once,
        fresh.sql(db, "SELECT * FROM events ORDER BY at").strip(),
        "one copy after three runs");
  }

  /**
   * §16: a floor below production's keys would replace production's rows with staging's: 4, nothing
   * written.
   */
  @Test
  void aFloorAtOrBelowProductionsKeysIsRefusedNamingTheLargestAndNothingIsWritten() {
    String db = databases();
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.autoIncrementFloor", "2");
    String before = rows(db, "accounts");
    long counter = counter(db, "logs");
    Run refused = h.run("carry");
    assertEquals(4, refused.exitCode(), refused.out() + refused.err());
    assertTrue(
        (refused.out() + refused.err())
            .contains(
                "rdsecho.carry.autoIncrementFloor 2 is at or below keys that production's rows"
                    + " already have in '"
                    + db
                    + ".accounts' on the new clone "
                    + Harness.newCloneId()
                    + " (the largest is 4)"),
        refused.out() + refused.err());
    assertEquals(before, rows(db, "accounts"), "production's rows as they were");
    assertEquals(counter, counter(db, "logs"), "no counter raised");
    assertFalse(
        h.rds.instance(Harness.newCloneId()).tags.containsKey("rdsecho:development:carriedAt"));

    // the first night (nothing to carry from) refuses the same floor: every row there is
    // production's
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    Run first = h.run("carry");
    assertEquals(4, first.exitCode(), first.out() + first.err());
    assertTrue(
        (first.out() + first.err()).contains("(the largest is 4)"), first.out() + first.err());
  }

  /**
   * §16: a floor the key column cannot hold would make every insert fail: 2 naming the type,
   * nothing written.
   */
  @Test
  void aFloorAboveTheKeyTypesLargestValueIsAConfigurationErrorNamingTheType() {
    String db = databases();
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.autoIncrementFloor", "100000000000");
    h.config.put("rdsecho.carry.tables", db + ".accounts");
    String before = rows(db, "accounts");
    Run refused = h.run("carry");
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    // accounts' key is a BIGINT and fits; logs and tickets (INT) have their counters raised by the
    // floor
    assertTrue(
        refused
            .err()
            .contains(
                "rdsecho.carry.autoIncrementFloor 100000000000 is above the largest value of '"
                    + db
                    + ".logs.id' (int, at most 2147483647)"),
        refused.err());
    assertEquals(before, rows(db, "accounts"));
    assertTrue(counter(db, "logs") < 1_000_000L, "no counter raised");
  }

  /** §16: a second whole run (carriedAt removed) leaves every carried table as one run did. */
  @Test
  void aSecondRunLeavesEveryCarriedTableAsOneRunDid() {
    String db = databases();
    Harness h = carrying(db);
    assertEquals(0, h.run("carry").exitCode());
    String accounts = rows(db, "accounts");
    String tickets = rows(db, "tickets");
    h.rds.instance(Harness.newCloneId()).tags.remove("rdsecho:development:carriedAt");
    Run again = h.run("carry");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(accounts, rows(db, "accounts"));
    assertEquals(tickets, rows(db, "tickets"));
  }

  /**
   * A column production added since last night (in the middle of the table) never receives
   * staging's values.
   */
  @Test
  void rowsAreCarriedByColumnNameWhenProductionsTableGainedAColumn() {
    String db = databases();
    promoted.rootSql(
        "CREATE TABLE "
            + db
            + ".people (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40));"
            + " INSERT INTO "
            + db
            + ".people VALUES (1000000001, 'tester')");
    fresh.rootSql(
        "CREATE TABLE "
            + db
            + ".people (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(40),"
            + " name VARCHAR(40)); INSERT INTO "
            + db
            + ".people VALUES (1, 'a@example.invalid', 'alice')");
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.tables", db + ".people");
    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(
        "1\ta@example.invalid\talice\n1000000001\tNULL\ttester",
        fresh.sql(db, "SELECT * FROM people ORDER BY id").strip());
  }

  /** Copying a table whole never cascades into the rows of tables that refer to it. */
  @Test
  void aTableCopiedWholeNeverDeletesTheRowsThatReferToIt() {
    String db = databases();
    String schema =
        "USE "
            + db
            + "; CREATE TABLE shelves (room INT, shelf INT, label VARCHAR(40), PRIMARY KEY (room,"
            + " shelf)) ENGINE=InnoDB; CREATE TABLE books (id INT PRIMARY KEY, room INT, shelf INT, FOREIGN KEY (room, shelf)"
            + " REFERENCES shelves (room, shelf) ON DELETE CASCADE) ENGINE=InnoDB;";
    promoted.rootSql(schema + " INSERT INTO shelves VALUES (1, 1, 'relabelled on staging')");
    fresh.rootSql(
        schema
            + " INSERT INTO shelves VALUES (1, 1, 'production'); INSERT INTO books VALUES (7, 1, 1)");
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".shelves");
    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("1\t1\trelabelled on staging", fresh.sql(db, "SELECT * FROM shelves").strip());
    assertEquals(
        "7\t1\t1",
        fresh.sql(db, "SELECT * FROM books").strip(),
        "the referring row is still there");
  }

  private static String out(Run r) {
    return r.out() + r.err();
  }

  /**
   * §16: a view in carry.tables is a configuration error (2) naming it; nothing is deleted through
   * it.
   */
  @Test
  void aViewInCarryTablesIsAConfigurationErrorNamingIt() {
    String db = databases();
    String view =
        "CREATE VIEW " + db + ".active AS SELECT id, name FROM " + db + ".accounts WHERE id < 3";
    promoted.rootSql(view);
    fresh.rootSql(view);
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".tickets," + db + ".active");
    String before = rows(db, "accounts");
    Run refused = h.run("carry");
    assertEquals(2, refused.exitCode(), out(refused));
    assertTrue(
        refused
            .err()
            .contains(
                "rdsecho.carry.tables lists '"
                    + db
                    + ".active', which is a view on the new clone "
                    + Harness.newCloneId()
                    + ", not a table"),
        refused.err());
    assertEquals(before, rows(db, "accounts"), "nothing deleted through the view");
    assertEquals(
        "1\tprod ticket\n2\tnewer prod ticket", rows(db, "tickets"), "decided before any write");
  }

  /**
   * §16: a staged row sharing a UNIQUE value with a production row (in the column's collation)
   * would make REPLACE delete production's row: refused (4) naming the key and the value, nothing
   * written.
   */
  @Test
  void aStagedRowSharingAUniqueValueWithAProductionRowIsRefusedNamingTheKeyAndValue() {
    String db = databases();
    promoted.rootSql(
        "USE "
            + db
            + "; ALTER TABLE accounts ADD COLUMN email VARCHAR(40), ADD UNIQUE KEY by_email"
            + " (email); UPDATE accounts SET email = 'CAROL@example.invalid' WHERE id = 1000000002");
    fresh.rootSql(
        "USE "
            + db
            + "; ALTER TABLE accounts ADD COLUMN email VARCHAR(40), ADD UNIQUE KEY by_email"
            + " (email); UPDATE accounts SET email = 'carol@example.invalid' WHERE id = 3;"
            + " CREATE TABLE orders (id INT PRIMARY KEY, account BIGINT, FOREIGN KEY (account) REFERENCES accounts (id)"
            + " ON DELETE CASCADE); INSERT INTO orders VALUES (1, 3)");
    Harness h = carrying(db);
    String before = rows(db, "accounts");
    Run refused = h.run("carry");
    assertEquals(4, refused.exitCode(), out(refused));
    assertTrue(
        out(refused)
            .contains(
                "carrying '"
                    + db
                    + ".accounts' would delete production's row with key 3 on the"
                    + " new clone "
                    + Harness.newCloneId()
                    + ": staging's row with key 1000000002 has the same 'email'"
                    + " ('CAROL@example.invalid') under the unique key 'by_email'"),
        out(refused));
    assertEquals(before, rows(db, "accounts"));
    assertEquals("1\t3", fresh.sql(db, "SELECT * FROM orders").strip());
    assertEquals(
        "1\tprod ticket\n2\tnewer prod ticket", rows(db, "tickets"), "decided before any write");

    // a staged row whose unique value is its own (an earlier run carried it) or new is carried
    promoted.rootSql(
        "UPDATE " + db + ".accounts SET email = 'tester2@example.invalid' WHERE id = 1000000002");
    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), out(run));
    assertTrue(
        rows(db, "accounts").contains("3\tcarol\tcarol@example.invalid"), rows(db, "accounts"));
  }

  /**
   * §16: carrying a table with triggers on the new clone would run them into other tables: 4,
   * naming them.
   */
  @Test
  void aTableWithTriggersOnTheNewCloneIsRefusedNamingThem() {
    String db = databases();
    String schema =
        "USE "
            + db
            + "; CREATE TABLE memberships (user_id INT, group_id INT);"
            + " CREATE TABLE grants (user_id INT, what VARCHAR(40));";
    promoted.rootSql(schema + " INSERT INTO memberships VALUES (1, 10)");
    fresh.rootSql(
        schema
            + " INSERT INTO memberships VALUES (1, 10), (3, 30); INSERT INTO grants VALUES (3, 'support');"
            + " CREATE TRIGGER revoke_on_leave AFTER DELETE ON memberships FOR EACH ROW DELETE FROM grants WHERE user_id ="
            + " OLD.user_id");
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".memberships");
    Run refused = h.run("carry");
    assertEquals(4, refused.exitCode(), out(refused));
    assertTrue(
        out(refused)
            .contains(
                "'"
                    + db
                    + ".memberships' has triggers on the new clone "
                    + Harness.newCloneId()
                    + " (revoke_on_leave (AFTER DELETE))"),
        out(refused));
    assertEquals("3\tsupport", fresh.sql(db, "SELECT * FROM grants").strip());
  }

  /**
   * A table copied whole must be transactional on the new clone (a failed copy would leave it
   * empty): 4, naming the engine.
   */
  @Test
  void aTableCopiedWholeWithoutTransactionsIsRefusedNamingTheEngine() {
    String db = databases();
    String events =
        "CREATE TABLE " + db + ".events (at VARCHAR(20), what VARCHAR(40)) ENGINE=MyISAM";
    promoted.rootSql(events + "; INSERT INTO " + db + ".events VALUES ('mon', 'staging')");
    fresh.rootSql(events + "; INSERT INTO " + db + ".events VALUES ('sun', 'production batch')");
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".events");
    Run refused = h.run("carry");
    assertEquals(4, refused.exitCode(), out(refused));
    assertTrue(
        out(refused)
            .contains(
                "its engine on the new clone "
                    + Harness.newCloneId()
                    + " is MyISAM, which has no"
                    + " transactions"),
        out(refused));
    assertEquals("sun\tproduction batch", fresh.sql(db, "SELECT * FROM events").strip());
  }

  /**
   * §16: carried keys beyond the new clone's key type would be clamped into one row: 2, naming both
   * types.
   */
  @Test
  void carriedKeysBeyondTheNewClonesKeyTypeAreAConfigurationErrorNamingBothTypes() {
    String db = databases();
    promoted.rootSql(
        "INSERT INTO "
            + db
            + ".tickets VALUES (1000000002, 'b'); ALTER TABLE "
            + db
            + ".tickets MODIFY"
            + " id BIGINT AUTO_INCREMENT; INSERT INTO "
            + db
            + ".tickets VALUES (3000000001, 'c')");
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.tables", db + ".tickets");
    Run refused = h.run("carry");
    assertEquals(2, refused.exitCode(), out(refused));
    assertTrue(
        refused
            .err()
            .contains(
                "carry would write keys up to 3000000001 (from 1000000001) of '"
                    + db
                    + ".tickets.id' on the promoted clone (bigint(20)) into the new clone's int column (-2147483648 to"
                    + " 2147483647)"),
        refused.err());
    assertEquals("1\tprod ticket\n2\tnewer prod ticket", rows(db, "tickets"));
  }

  /**
   * §16: the rows load in strict mode: a value the new clone's column cannot hold fails (1) instead
   * of being cut.
   */
  @Test
  void aValueTheNewClonesColumnCannotHoldFailsTheLoadInsteadOfBeingCut() {
    String db = databases();
    promoted.rootSql(
        "USE "
            + db
            + "; ALTER TABLE tickets MODIFY title VARCHAR(80); INSERT INTO tickets VALUES"
            + " (1000000002, 'a title staging made longer than production allows, forty')");
    Harness h = carrying(db);
    h.config.put("rdsecho.carry.tables", db + ".tickets");
    Run failed = h.run("carry");
    assertEquals(1, failed.exitCode(), out(failed));
    assertTrue(out(failed).contains("Data too long for column 'title'"), out(failed));
    assertEquals("1\tprod ticket\n2\tnewer prod ticket", rows(db, "tickets"), "no row cut short");
  }

  /**
   * Without a floor every row is carried by its key: a unique collision with a row the promoted
   * clone lacks is refused (4).
   */
  @Test
  void withoutAFloorAUniqueCollisionWithARowThePromotedCloneLacksIsRefused() {
    String db = databases();
    String codes =
        "CREATE TABLE "
            + db
            + ".codes (name VARCHAR(20) PRIMARY KEY, code VARCHAR(20), UNIQUE KEY by_code"
            + " (code)); INSERT INTO "
            + db
            + ".codes VALUES ";
    promoted.rootSql(codes + "('theme', 'T1'), ('swap', 'S0')");
    fresh.rootSql(codes + "('theme', 'T0'), ('lang', 'T1'), ('swap', 'S1')");
    Harness h = carrying(db);
    h.config.remove("rdsecho.carry.autoIncrementFloor");
    h.config.put("rdsecho.carry.tables", db + ".codes");
    Run refused = h.run("carry");
    assertEquals(4, refused.exitCode(), out(refused));
    assertTrue(out(refused).contains("would delete production's row with key lang"), out(refused));
    assertEquals(
        "lang\tT1\nswap\tS1\ntheme\tT0",
        fresh.sql(db, "SELECT * FROM codes ORDER BY name").strip());

    // a row the promoted clone has too is replaced by that row anyway: no refusal
    promoted.rootSql("INSERT INTO " + db + ".codes VALUES ('lang', 'L1')");
    Run run = h.run("carry");
    assertEquals(0, run.exitCode(), out(run));
    assertEquals(
        "lang\tL1\nswap\tS0\ntheme\tT1",
        fresh.sql(db, "SELECT * FROM codes ORDER BY name").strip());
  }
}

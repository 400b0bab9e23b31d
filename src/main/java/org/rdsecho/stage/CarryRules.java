package org.rdsecho.stage;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * The rules, beside the floor's ({@link CarryFloor}), that keep {@code carry} from deleting or
 * changing a production row of the new clone (§16 "carry converges and never corrupts"), decided on
 * what was observed of every carried table before any row is written.
 */
public final class CarryRules {
  private static final String AGAIN = " Nothing was written; run 'rds-echo carry' again afterwards";

  private CarryRules() {}

  /**
   * Refuses (2) a carried table that is not a base table on a clone: rows "carried" into a view
   * (deleted and inserted through it) land in, or vanish from, the tables under it.
   *
   * @param type information_schema.TABLES.TABLE_TYPE there ({@code VIEW}, {@code SYSTEM VIEW}, ...)
   */
  public static void baseTable(String table, String where, String type) {
    if (!"BASE TABLE".equals(type)) {
      throw new ConfigException(
          ConfigKeys.CARRY_TABLES
              + " lists "
              + Printable.quote(table)
              + ", which is a "
              + type.toLowerCase(java.util.Locale.ROOT)
              + " on "
              + where
              + ", not a table: carry copies the rows of"
              + " tables only (writing through a view changes the tables under it). Remove it from the list (list the"
              + " tables under it instead)."
              + AGAIN);
    }
  }

  /**
   * Refuses (4) a carried table with triggers on the new clone: deleting and inserting its rows
   * would run production's triggers, which write to other tables carry never meant to touch.
   */
  public static void noTriggers(String table, String cloneId, List<String> triggers) {
    if (!triggers.isEmpty()) {
      throw new EchoException(
          Outcome.REFUSED,
          Printable.quote(table)
              + " has triggers on the new clone "
              + cloneId
              + " ("
              + String.join(", ", triggers)
              + "): carrying its rows would run them, and they may change or delete"
              + " rows of other tables (MySQL cannot turn them off for one session). Remove the table from "
              + ConfigKeys.CARRY_TABLES
              + "."
              + AGAIN);
    }
  }

  /**
   * Refuses (4) a table copied whole whose engine has no transactions on the new clone: deleting
   * its rows is final there, so a copy that fails halfway leaves the table empty.
   */
  public static void transactional(
      String table, String cloneId, String engine, boolean transactional) {
    if (!transactional) {
      throw new EchoException(
          Outcome.REFUSED,
          Printable.quote(table)
              + " is copied whole (it has no single-column"
              + " primary key) but its engine on the new clone "
              + cloneId
              + " is "
              + engine
              + ", which has no"
              + " transactions: a copy that failed halfway would leave it empty. Convert it to InnoDB, or remove it from "
              + ConfigKeys.CARRY_TABLES
              + "."
              + AGAIN);
    }
  }

  /**
   * Refuses (2) carried keys outside the new clone's key column type: the load would clamp them to
   * the type's limit and collapse rows into one.
   *
   * @param range the smallest and largest carried key
   */
  public static void keysFit(
      String column,
      String promotedType,
      String newType,
      boolean unsigned,
      CarrySeen.KeyRange range) {
    Optional<BigInteger> max = CarryFloor.largest(newType, unsigned);
    if (max.isEmpty()) {
      return;
    }
    BigInteger min = unsigned ? BigInteger.ZERO : max.get().add(BigInteger.ONE).negate();
    BigInteger low;
    BigInteger high;
    try {
      low = new BigInteger(range.low().trim());
      high = new BigInteger(range.high().trim());
    } catch (NumberFormatException e) {
      return; // not integers on the promoted clone: the load fails on them (strict), naming the
      // value
    }
    if (high.compareTo(max.get()) > 0 || low.compareTo(min) < 0) {
      String type = newType.toLowerCase(java.util.Locale.ROOT) + (unsigned ? " unsigned" : "");
      throw new ConfigException(
          "carry would write keys up to "
              + high
              + " (from "
              + low
              + ") of "
              + Printable.quote(column)
              + " on the promoted clone ("
              + promotedType
              + ") into the new clone's "
              + type
              + " column ("
              + min
              + " to "
              + max.get()
              + "): they would be clamped and rows collapsed into one. Widen the"
              + " column on production, or remove the table from "
              + ConfigKeys.CARRY_TABLES
              + "."
              + AGAIN);
    }
  }

  /**
   * Refuses (4) a carried row that shares a UNIQUE key's values with a production row of the new
   * clone that carrying does not replace: loading the carried row would delete that row.
   */
  public static void noUniqueCollision(
      String table, String cloneId, Optional<Collision> collision) {
    collision.ifPresent(
        c -> {
          throw new EchoException(
              Outcome.REFUSED,
              "carrying "
                  + Printable.quote(table)
                  + " would delete production's"
                  + " row with key "
                  + c.ownKey()
                  + " on the new clone "
                  + cloneId
                  + ": staging's row with key "
                  + c.carriedKey()
                  + " has the same "
                  + Printable.quote(String.join(", ", c.columns()))
                  + " ("
                  + Printable.quote(c.value())
                  + ") under the unique key "
                  + Printable.quote(c.index())
                  + ", and loading a"
                  + " row removes every row it collides with. Change or delete staging's row on the promoted clone, or"
                  + " remove the table from "
                  + ConfigKeys.CARRY_TABLES
                  + "."
                  + AGAIN);
        });
  }

  /**
   * A carried row and a production row sharing a unique key's values (see {@link
   * #noUniqueCollision}).
   */
  public record Collision(
      String index, List<String> columns, String value, String carriedKey, String ownKey) {}
}

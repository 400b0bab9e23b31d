package org.rdsecho.stage;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * The rules that keep {@code carry}'s floor from corrupting rows (§16), decided on what was
 * observed before any row is written: the floor must fit every AUTO_INCREMENT column it raises or
 * carries by (else every insert into that table fails once the counter is there), and it must be
 * above every key the new clone's own (production) rows have in a carried table (else staging's
 * stale rows replace production's).
 */
public final class CarryFloor {
  private CarryFloor() {}

  /** The largest value of an integer column type; empty for a type that is not one. */
  public static Optional<BigInteger> largest(String dataType, boolean unsigned) {
    int bits =
        switch (dataType.toLowerCase(Locale.ROOT)) {
          case "tinyint" -> 8;
          case "smallint" -> 16;
          case "mediumint" -> 24;
          case "int", "integer" -> 32;
          case "bigint" -> 64;
          default -> 0;
        };
    if (bits == 0) {
      return Optional.empty();
    }
    return Optional.of(
        BigInteger.ONE.shiftLeft(unsigned ? bits : bits - 1).subtract(BigInteger.ONE));
  }

  /**
   * Refuses (2) a floor above the largest value of an AUTO_INCREMENT column's type.
   *
   * @param column {@code db.table.column}, for the message
   */
  public static void fits(long floor, String column, String dataType, boolean unsigned) {
    Optional<BigInteger> max = largest(dataType, unsigned);
    if (max.isPresent() && BigInteger.valueOf(floor).compareTo(max.get()) > 0) {
      String type = dataType.toLowerCase(Locale.ROOT) + (unsigned ? " unsigned" : "");
      throw new ConfigException(
          ConfigKeys.CARRY_FLOOR
              + " "
              + floor
              + " is above the largest value of "
              + Printable.quote(column)
              + " ("
              + type
              + ", at most "
              + max.get()
              + "): an AUTO_INCREMENT counter there"
              + " would make every insert into its table fail. Set a floor of at most "
              + max.get()
              + " (above"
              + " production's keys), or widen the column; nothing was written");
    }
  }

  /**
   * Refuses (4) a floor at or below a key the new clone's own rows already have.
   *
   * @param table {@code db.table}, for the message
   * @param largestOwnKey the largest key at or above the floor among the new clone's own rows
   */
  public static void aboveOwnKeys(
      long floor, String table, String cloneId, Optional<String> largestOwnKey) {
    largestOwnKey.ifPresent(
        key -> {
          throw new EchoException(
              Outcome.REFUSED,
              ConfigKeys.CARRY_FLOOR
                  + " "
                  + floor
                  + " is at or below keys that"
                  + " production's rows already have in "
                  + Printable.quote(table)
                  + " on the new clone "
                  + cloneId
                  + " (the largest is "
                  + key
                  + "): carrying would replace production's rows with staging's. Nothing was"
                  + " written. Set "
                  + ConfigKeys.CARRY_FLOOR
                  + " above "
                  + key
                  + " with room for production to grow"
                  + " (e.g. 1000000000), then run 'rds-echo carry' again");
        });
  }
}

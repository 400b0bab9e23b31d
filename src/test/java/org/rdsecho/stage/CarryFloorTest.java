package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.ConfigException;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The floor's limits by column type, signed and unsigned, and the refusal naming production's
 * largest key.
 */
class CarryFloorTest {
  @Test
  void eachIntegerTypesLargestValue() {
    assertEquals(Optional.of(BigInteger.valueOf(127)), CarryFloor.largest("tinyint", false));
    assertEquals(Optional.of(BigInteger.valueOf(255)), CarryFloor.largest("TINYINT", true));
    assertEquals(Optional.of(BigInteger.valueOf(32767)), CarryFloor.largest("smallint", false));
    assertEquals(Optional.of(BigInteger.valueOf(16777215)), CarryFloor.largest("mediumint", true));
    assertEquals(Optional.of(BigInteger.valueOf(2147483647)), CarryFloor.largest("int", false));
    assertEquals(Optional.of(BigInteger.valueOf(4294967295L)), CarryFloor.largest("int", true));
    assertEquals(
        Optional.of(BigInteger.valueOf(Long.MAX_VALUE)), CarryFloor.largest("bigint", false));
    assertEquals(
        Optional.of(new BigInteger("18446744073709551615")), CarryFloor.largest("bigint", true));
    assertEquals(Optional.empty(), CarryFloor.largest("double", false));
  }

  @Test
  void aFloorAboveTheTypeIsAConfigurationErrorNamingItAndTheLargestValueFits() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> CarryFloor.fits(100_000_000_000L, "app.t.id", "int", false));
    assertTrue(
        e.getMessage()
            .startsWith(
                "rdsecho.carry.autoIncrementFloor 100000000000 is above the largest value of"
                    + " 'app.t.id' (int, at most 2147483647)"),
        e.getMessage());
    assertDoesNotThrow(() -> CarryFloor.fits(2147483647L, "app.t.id", "int", false));
    assertThrows(
        ConfigException.class, () -> CarryFloor.fits(100_000_000_000L, "app.t.id", "int", true));
    assertDoesNotThrow(() -> CarryFloor.fits(100_000_000_000L, "app.t.id", "bigint", false));
  }

  @Test
  void productionsKeysAtOrAboveTheFloorAreRefusedNamingTheLargest() {
    EchoException e =
        assertThrows(
            EchoException.class,
            () -> CarryFloor.aboveOwnKeys(2, "app.t", "clone-1", Optional.of("5")));
    assertEquals(Outcome.REFUSED, e.outcome());
    assertTrue(
        e.getMessage().contains("in 'app.t' on the new clone clone-1 (the largest is 5)"),
        e.getMessage());
    assertDoesNotThrow(() -> CarryFloor.aboveOwnKeys(2, "app.t", "clone-1", Optional.empty()));
  }
}

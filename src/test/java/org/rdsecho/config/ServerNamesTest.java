package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** §16 "Scratch means scratch": the spellings of one server that the verification server is compared by. */
class ServerNamesTest {
  @Test
  void caseTrailingDotsLiteralsAndLoopbackSpellingsAreOneHost() {
    assertTrue(ServerNames.sameHost("Staging.Example.co.uk.", "staging.example.co.uk"));
    assertTrue(ServerNames.sameHost("localhost", "127.0.0.1"));
    assertTrue(ServerNames.sameHost("127.0.0.2", "::1"));
    assertTrue(ServerNames.sameHost("db.localhost", "[0:0:0:0:0:0:0:1]"));
    assertTrue(ServerNames.sameHost("10.0.0.5", "10.0.0.5."));
    assertTrue(ServerNames.sameServer("LOCALHOST.", null, "127.0.0.1", 3306));
  }

  @Test
  void differentServersOrPortsAreApartAndNamesAreNotLookedUp() {
    assertFalse(ServerNames.sameHost("10.0.0.5", "10.0.0.6"));
    assertFalse(ServerNames.sameHost("staging.example.co.uk", "scratch.example.co.uk"));
    assertFalse(ServerNames.sameServer("127.0.0.1", 3307, "localhost", 3306));
    // not a literal (an octet above 255): compared as a name, never resolved
    assertFalse(ServerNames.sameHost("999.0.0.1", "127.0.0.1"));
    assertFalse(ServerNames.sameHost(null, "localhost"));
  }
}

package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * §16 "Scratch means scratch": the spellings of one server that the verification server is compared
 * by.
 */
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

  /** Attack F9: every spelling the client connects to as this machine is this machine. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "127.1",
        "2130706433",
        "0177.0.0.1",
        "0x7f.1",
        "0x7F000001",
        "127.0.1",
        "017700000001",
        "127.255.255.254",
        "0.0.0.0",
        "0",
        "0x0",
        "::",
        "[::]",
        "::1",
        "::ffff:127.0.0.1",
        "[::ffff:127.0.0.2]",
        "::ffff:7f00:1",
        "LOCALHOST",
        "localhost.",
        "LocalHost..",
        "db.localhost",
        " 127.0.0.1 "
      })
  void everyLoopbackSpellingTheClientAcceptsIsThisMachine(String spelling) {
    assertTrue(ServerNames.sameHost(spelling, "127.0.0.1"), spelling);
    assertTrue(ServerNames.sameHost("localhost", spelling), spelling);
    assertTrue(ServerNames.sameServer(spelling, 23306, "127.0.0.1", 23306), spelling);
    assertFalse(ServerNames.sameServer(spelling, 23307, "127.0.0.1", 23306), spelling);
  }

  @Test
  void otherAddressesInAnyInetAtonSpellingCompareByAddress() {
    assertTrue(ServerNames.sameHost("10.1", "10.0.0.1"));
    assertTrue(ServerNames.sameHost("012.0.0.5", "10.0.0.5"));
    assertTrue(ServerNames.sameHost("0x0a.0.0.5", "10.0.0.5"));
    assertTrue(ServerNames.sameHost("167772165", "10.0.0.5"));
    assertTrue(ServerNames.sameHost("::ffff:10.0.0.5", "10.0.0.5"));
    assertFalse(ServerNames.sameHost("10.1", "10.0.0.2"));
    assertFalse(
        ServerNames.sameHost("0128.0.0.1", "127.0.0.1"),
        "8 is no octal digit: a name, never looked up");
    assertFalse(ServerNames.sameHost("127.0.0.256", "127.0.0.1"));
    assertFalse(ServerNames.sameHost("4294967296", "0.0.0.0"));
    assertFalse(ServerNames.sameHost("1.2.3.4.5", "1.2.3.4"));
    assertFalse(ServerNames.sameHost("db1", "127.0.0.1"));
  }

  @Test
  void namesTheHostsFileGivesALoopbackOrOtherAddressAreThatAddress() {
    var hosts =
        ServerNames.hostsFile(
            "# comment\n127.0.1.1 myhost myhost.example.com # here\n::1 ip6-localhost"
                + " ip6-loopback\n10.0.0.5 staging\nbogus-line\n");
    assertTrue(ServerNames.sameHost("MyHost.", "127.0.0.1", hosts));
    assertTrue(ServerNames.sameHost("ip6-localhost", "0.0.0.0", hosts));
    assertTrue(ServerNames.sameHost("staging", "10.0.0.5", hosts));
    assertFalse(ServerNames.sameHost("staging", "127.0.0.1", hosts));
    assertFalse(ServerNames.sameHost("other", "127.0.0.1", hosts));
  }
}

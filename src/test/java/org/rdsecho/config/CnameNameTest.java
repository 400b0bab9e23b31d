package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rdsecho.promote.cname is compared with Route53's record names as a string; a spelling Route53
 * reads as the same name but the string does not (an escape code) would make rds-echo see "no
 * record" and overwrite someone else's CNAME, so only names written as they read are taken.
 */
class CnameNameTest {
  private static EchoConfig with(String cname) {
    return EchoConfig.from(
        RawConfig.of(
            Map.of(
                "rdsecho.name",
                "development",
                "rdsecho.snapshot.dbInstanceIdentifier",
                "production",
                ConfigKeys.PROMOTE_CNAME,
                cname)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "night\\055db.example.co.uk",
        "night\\\\055db.example.co.uk.",
        "night db.example.co.uk",
        "night..example.co.uk",
        ".example.co.uk",
        "db.example.co.uk/x",
        "db.exämple.co.uk",
        "db.example.co.uk\u001b[2J"
      })
  void aNameRoute53CouldReadOtherwiseIsAConfigurationErrorNamingTheKey(String cname) {
    ConfigException e = assertThrows(ConfigException.class, () -> with(cname));
    assertTrue(
        e.getMessage().startsWith(ConfigKeys.PROMOTE_CNAME + " is not a DNS name"), e.getMessage());
    assertTrue(!e.getMessage().contains("\u001b"), "the value is not echoed");
  }

  @Test
  void namesAsTheyReadAreTakenLowercaseAndAbsolute() {
    assertEquals("dev.example.co.uk.", with(" Dev.Example.co.uk ").promote().cname());
    assertEquals("*.qa_1.example.co.uk.", with("*.qa_1.example.co.uk.").promote().cname());
  }

  @Test
  void aLabelLongerThan63IsRefused() {
    assertThrows(ConfigException.class, () -> with("a".repeat(64) + ".example.co.uk"));
  }
}

package org.rdsecho.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoConfigTest {
  @TempDir Path dir;

  /** The rdsecho.properties.sample that rds-echo 0.1.x shipped, verbatim in its keys. */
  private static final String ZERO_ONE_SAMPLE =
      """
      rdsecho.interactive=true
      rdsecho.name=development
      rdsecho.region=us-east-1
      rdsecho.accountNumber=1234567890
      rdsecho.snapshot.dbInstanceIdentifier=production
      rdsecho.new.engine=MySQL
      rdsecho.new.licenseModel=general-public-license
      rdsecho.new.dbInstanceClass=db.t1.micro
      rdsecho.new.multiAz=false
      rdsecho.new.storageType=gp2
      rdsecho.new.iops=0
      rdsecho.new.port=3306
      rdsecho.new.optionGroupName=default:mysql-5-6
      rdsecho.new.autoMinorVersionUpgrade=true
      rdsecho.new.tags=orange=false,pear=maybe
      rdsecho.mod.dbParameterGroupName=default.mysql5.6
      rdsecho.mod.dbSecurityGroups=development,admin
      rdsecho.mod.backupRetentionPeriod=0
      rdsecho.mod.applyImmediately=true
      rdsecho.promote.cname=dev.domain.com.
      rdsecho.promote.ttl=300
      rdsecho.promote.tags=development=yes,banana=no
      rdsecho.retire.skipFinalSnapshot=true
      rdsecho.retire.finalDbSnapshotIdentifier=
      """;

  private RawConfig load(String file, String opts, Map<String, String> overrides)
      throws IOException {
    Files.writeString(dir.resolve("rdsecho.properties"), file);
    return RawConfig.load(null, dir, opts, new Properties(), overrides);
  }

  @Test
  void aZeroOneConfigurationFileWorksUnchanged() throws IOException {
    EchoConfig c = EchoConfig.from(load(ZERO_ONE_SAMPLE, null, Map.of()));
    assertEquals("development", c.name());
    assertEquals("production", c.snapshot().sourceInstanceId());
    assertEquals(SnapshotType.ANY, c.snapshot().type());
    assertNull(c.restore().iops());
    assertEquals(Map.of("orange", "false", "pear", "maybe"), c.restore().tags());
    assertEquals(List.of("development", "admin"), c.modify().dbSecurityGroups());
    assertEquals(0, c.modify().backupRetentionPeriod());
    assertEquals("dev.domain.com.", c.promote().cname());
    assertEquals(300, c.promote().ttl());
    assertEquals(Map.of("development", "yes", "banana", "no"), c.promote().tags());
    assertTrue(c.retire().skipFinalSnapshot());
    assertNull(c.retire().finalSnapshotIdentifier());
  }

  @Test
  void dOptionsBeatRdsEchoOptsWhichBeatsTheFile() throws IOException {
    RawConfig raw =
        load(
            "rdsecho.name=fromfile\nrdsecho.promote.ttl=10\nrdsecho.region=eu-west-1\n",
            "-Drdsecho.name=fromopts -Drdsecho.promote.ttl='20'",
            Map.of("rdsecho.name", "fromd"));
    EchoConfig c = EchoConfig.from(raw);
    assertEquals("fromd", c.name());
    assertEquals(20, c.promote().ttl());
    assertEquals("eu-west-1", c.region());
    assertEquals("-D options", raw.originOf("rdsecho.name"));
    assertEquals("RDS_ECHO_OPTS", raw.originOf("rdsecho.promote.ttl"));
  }

  @Test
  void jvmSystemPropertiesSitWithDOptionsAboveRdsEchoOpts() throws IOException {
    Properties system = new Properties();
    system.setProperty("rdsecho.name", "fromjvm");
    system.setProperty("java.home", "/ignored");
    RawConfig raw = RawConfig.load(null, dir, "-Drdsecho.name=fromopts", system, Map.of());
    assertEquals("fromjvm", EchoConfig.from(raw).name());
  }

  @Test
  void rdsEchoOptsAcceptsShellQuoting() {
    assertEquals(
        List.of("-Drdsecho.promote.tags=a=b c", "-Dx=it's", "-Dy=\"q\""),
        ShellWords.split("-Drdsecho.promote.tags=\"a=b c\" -Dx=it\\'s '-Dy=\"q\"'"));
  }

  @Test
  void rdsEchoOptsRejectsWordsThatAreNotDefines() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("", "--yes", Map.of()));
    assertEquals(
        "RDS_ECHO_OPTS holds a word that is not -Dkey=value (word 1 of 1, not shown as it may be part of a"
            + " secret): quote values that contain spaces, e.g. -Dkey='a b' ('rds-echo sample-opts' prints an example)",
        e.getMessage());
  }

  @Test
  void anUnknownKeyNamesTheClosestKnownOne() throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                EchoConfig.from(load("rdsecho.promote.cnmae=dev.example.com.\n", null, Map.of())));
    assertEquals(
        "unknown configuration key rdsecho.promote.cnmae (from "
            + dir.resolve("rdsecho.properties")
            + "): did you mean rdsecho.promote.cname? See rdsecho.properties.sample for every key",
        e.getMessage());
  }

  @Test
  void aMissingRequiredKeySaysWhereItWasLookedFor() throws IOException {
    EchoConfig c = EchoConfig.from(load("rdsecho.region=us-east-1\n", null, Map.of()));
    ConfigException e = assertThrows(ConfigException.class, c::requireName);
    assertEquals(
        "rdsecho.name is not set (looked in "
            + dir.resolve("rdsecho.properties")
            + ", RDS_ECHO_OPTS, JVM system properties, -D options): set it to a short name for this echo,"
            + " e.g. 'development' (it prefixes instance ids)",
        e.getMessage());
  }

  @Test
  void streamsAreAutoByDefaultOrAWholeNumberFromOneTo64() {
    assertEquals(null, EchoConfig.from(RawConfig.of(Map.of())).export().streams());
    assertEquals(
        null,
        EchoConfig.from(RawConfig.of(Map.of("rdsecho.export.streams", "AUTO"))).export().streams());
    assertEquals(
        4, EchoConfig.from(RawConfig.of(Map.of("rdsecho.export.streams", "4"))).export().streams());
    for (String bad : List.of("0", "65", "-1", "two", "1e3")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.export.streams", bad))));
      assertEquals(
          "rdsecho.export.streams='"
              + bad
              + "' (from -D options) is not valid: expected a whole number from 1"
              + " to 64, or auto",
          e.getMessage());
    }
  }

  @Test
  void aMalformedValueNamesKeyValueOriginAndWhatIsExpected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.promote.ttl", "five"))));
    assertEquals(
        "rdsecho.promote.ttl='five' (from -D options) is not valid: expected a whole number from 0 to"
            + " 2147483647",
        e.getMessage());
    ConfigException b =
        assertThrows(
            ConfigException.class,
            () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.new.multiAz", "maybe"))));
    assertEquals(
        "rdsecho.new.multiAz='maybe' (from -D options) is not valid: expected true or false",
        b.getMessage());
    ConfigException t =
        assertThrows(
            ConfigException.class,
            () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.snapshot.type", "newest"))));
    assertTrue(
        t.getMessage()
            .endsWith("expected one of any, automated, manual, fresh, pointInTime, shared"),
        t.getMessage());
    ConfigException tags =
        assertThrows(
            ConfigException.class,
            () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.new.tags", "aws:x=1"))));
    assertTrue(tags.getMessage().contains("those prefixes are reserved"), tags.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Development",
        "1dev",
        "dev--db",
        "dev-",
        "dev_db",
        "a23456789012345678901234567890123456789012"
      })
  void invalidNamesAreRejectedWithTheRule(String name) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> EchoConfig.from(RawConfig.of(Map.of("rdsecho.name", name))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "rdsecho.name='"
                    + name
                    + "' (from -D options) is not a valid name: use"
                    + " lowercase letters, digits and single hyphens"),
        e.getMessage());
  }

  @Test
  void aFortyCharacterNameIsAccepted() {
    assertEquals(
        40, EchoConfig.from(RawConfig.of(Map.of("rdsecho.name", "a".repeat(40)))).name().length());
  }

  @Test
  void aMissingConfigFileGivenWithDashCIsAnError() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                RawConfig.load(
                    dir.resolve("nope.properties"), dir, null, new Properties(), Map.of()));
    assertTrue(
        e.getMessage()
            .startsWith("configuration file " + dir.resolve("nope.properties") + " not found"));
  }

  @Test
  void theSampleFileDocumentsExactlyTheKnownKeys() throws IOException {
    String sample = Files.readString(Path.of("rdsecho.properties.sample"));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(rdsecho\\.[A-Za-z0-9.]+)=").matcher(sample);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(ConfigKeys.sorted(), documented);
    EchoConfig.from(load(sample, null, Map.of())); // and it parses
  }

  @Test
  void hostnamesAreComparedWithoutCaseOrTrailingDot() {
    assertTrue(DnsNames.same("Dev.Example.com", "dev.example.com."));
  }

  @Test
  void anEncryptedCloneIsRestoredFromACopyMadeWithTheKey() {
    assertEquals(
        "arn:aws:kms:us-east-1:1:key/abc",
        EchoConfig.from(
                RawConfig.of(Map.of("rdsecho.new.kmsKeyId", "arn:aws:kms:us-east-1:1:key/abc")))
            .snapshot()
            .copyKmsKeyId());
    assertEquals(
        "alias/aws/rds",
        EchoConfig.from(RawConfig.of(Map.of("rdsecho.new.storageEncrypted", "true")))
            .snapshot()
            .copyKmsKeyId());
    assertEquals(
        "alias/x",
        EchoConfig.from(
                RawConfig.of(
                    Map.of(
                        "rdsecho.new.kmsKeyId",
                        "alias/y",
                        "rdsecho.snapshot.copyKmsKeyId",
                        "alias/x")))
            .snapshot()
            .copyKmsKeyId());
    assertEquals(null, EchoConfig.from(RawConfig.of(Map.of())).snapshot().copyKmsKeyId());
  }
}

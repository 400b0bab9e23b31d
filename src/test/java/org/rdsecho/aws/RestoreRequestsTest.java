package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/** The point-in-time restores carry every restore setting, as the snapshot restores do. */
class RestoreRequestsTest {
  private static final Map<String, String> TAGS = Map.of("rdsecho:development:managed", "true");
  private static final Instant TIME = Instant.parse("2026-11-21T02:55:00Z");

  private static org.rdsecho.config.RestoreSettings every(Map<String, String> more) {
    Map<String, String> keys =
        new java.util.HashMap<>(
            Map.ofEntries(
                Map.entry("rdsecho.new.engine", "mysql"),
                Map.entry("rdsecho.new.licenseModel", "general-public-license"),
                Map.entry("rdsecho.new.dbInstanceClass", "db.t3.medium"),
                Map.entry("rdsecho.new.multiAz", "false"),
                Map.entry("rdsecho.new.storageType", "io1"),
                Map.entry("rdsecho.new.iops", "3000"),
                Map.entry("rdsecho.new.port", "3307"),
                Map.entry("rdsecho.new.optionGroupName", "default:mysql-8-0"),
                Map.entry("rdsecho.new.autoMinorVersionUpgrade", "true"),
                Map.entry("rdsecho.new.dbSubnetGroupName", "dev-subnets"),
                Map.entry("rdsecho.new.vpcSecurityGroupIds", "sg-1, sg-2"),
                Map.entry("rdsecho.new.dbParameterGroupName", "dev-params"),
                Map.entry("rdsecho.new.availabilityZone", "us-east-1a"),
                Map.entry("rdsecho.new.publiclyAccessible", "false")));
    keys.putAll(more);
    return EchoConfig.from(RawConfig.of(keys)).restore();
  }

  @Test
  void anInstancePointInTimeRestoreSendsEverySettingOfASnapshotRestore() {
    RestoreDbInstanceToPointInTimeRequest r =
        RestoreRequests.instanceAt("development-x", "production", TIME, every(Map.of()), TAGS);
    assertEquals("production", r.sourceDBInstanceIdentifier());
    assertEquals("development-x", r.targetDBInstanceIdentifier());
    assertEquals(TIME, r.restoreTime());
    assertEquals("mysql", r.engine());
    assertEquals("general-public-license", r.licenseModel());
    assertEquals("db.t3.medium", r.dbInstanceClass());
    assertEquals(false, r.multiAZ());
    assertEquals("io1", r.storageType());
    assertEquals(3000, r.iops());
    assertEquals(3307, r.port());
    assertEquals("default:mysql-8-0", r.optionGroupName());
    assertEquals(true, r.autoMinorVersionUpgrade());
    assertEquals("dev-subnets", r.dbSubnetGroupName());
    assertEquals(List.of("sg-1", "sg-2"), r.vpcSecurityGroupIds());
    assertEquals("dev-params", r.dbParameterGroupName());
    assertEquals("us-east-1a", r.availabilityZone());
    assertEquals(false, r.publiclyAccessible());
    assertEquals(true, r.copyTagsToSnapshot());
    assertEquals(TAGS, r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  @Test
  void settingsLeftToRdsAreNotSent() {
    RestoreDbInstanceToPointInTimeRequest r =
        RestoreRequests.instanceAt(
            "development-x",
            "production",
            TIME,
            EchoConfig.from(RawConfig.of(Map.of())).restore(),
            TAGS);
    assertNull(r.engine());
    assertNull(r.dbInstanceClass());
    assertNull(r.iops());
    assertEquals(
        false, r.hasVpcSecurityGroupIds(), "no security groups: RDS's default, not an empty list");
  }

  @Test
  void aClusterPointInTimeRestoreSendsTheClustersShareOfTheSettings() {
    RestoreDbClusterToPointInTimeRequest r =
        RestoreRequests.clusterAt(
            "development-x",
            "production",
            TIME,
            false,
            EchoConfig.from(
                    RawConfig.of(
                        Map.of(
                            "rdsecho.name",
                            "development",
                            "rdsecho.snapshot.dbClusterIdentifier",
                            "production",
                            "rdsecho.new.dbInstanceClass",
                            "db.r6g.large",
                            "rdsecho.new.port",
                            "3307",
                            "rdsecho.new.dbSubnetGroupName",
                            "dev-subnets",
                            "rdsecho.new.vpcSecurityGroupIds",
                            "sg-1, sg-2",
                            "rdsecho.new.dbClusterParameterGroupName",
                            "dev-cluster",
                            "rdsecho.new.storageType",
                            "aurora")))
                .restore(),
            TAGS);
    assertEquals("full-copy", r.restoreType());
    assertEquals(3307, r.port());
    assertEquals("dev-subnets", r.dbSubnetGroupName());
    assertEquals(List.of("sg-1", "sg-2"), r.vpcSecurityGroupIds());
    assertEquals("dev-cluster", r.dbClusterParameterGroupName());
    assertEquals("aurora", r.storageType());
    assertEquals(true, r.copyTagsToSnapshot());
    assertNull(r.engineMode());
    assertNull(r.dbClusterInstanceClass(), "the writer's class is the writer's, not the cluster's");
  }
}

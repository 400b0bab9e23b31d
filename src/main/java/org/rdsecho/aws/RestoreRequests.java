package org.rdsecho.aws;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rdsecho.config.RestoreSettings;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * The one mapping of {@link RestoreSettings} onto RDS's restore requests. The settings are written
 * once for an instance and once for a cluster; the point-in-time requests carry exactly the same
 * members over (the SDK's request types share no builder interface), so a setting added here
 * reaches every restore. Tags are inside every request: a clone is never untagged, and
 * copyTagsToSnapshot gives the final snapshot at retire the clone's tags (contract §4).
 */
final class RestoreRequests {
  private RestoreRequests() {}

  static RestoreDbInstanceFromDbSnapshotRequest instanceFromSnapshot(
      String instanceId, String snapshotId, RestoreSettings s, Map<String, String> tags) {
    return instanceSettings(s, tags)
        .dbInstanceIdentifier(instanceId)
        .dbSnapshotIdentifier(snapshotId)
        .build();
  }

  static RestoreDbInstanceToPointInTimeRequest instanceAt(
      String instanceId,
      String sourceInstanceId,
      Instant time,
      RestoreSettings s,
      Map<String, String> tags) {
    return carried(
            instanceSettings(s, tags).build(), RestoreDbInstanceToPointInTimeRequest.builder())
        .sourceDBInstanceIdentifier(sourceInstanceId)
        .targetDBInstanceIdentifier(instanceId)
        .restoreTime(time)
        .build();
  }

  /** RDS needs a cluster's engine: the configured one, else the snapshot's ({@code engine}). */
  static RestoreDbClusterFromSnapshotRequest clusterFromSnapshot(
      String clusterId,
      String snapshotId,
      String engine,
      RestoreSettings s,
      Map<String, String> tags) {
    return clusterSettings(s, tags)
        .dbClusterIdentifier(clusterId)
        .snapshotIdentifier(snapshotId)
        .engine(engine)
        .build();
  }

  /**
   * A full copy of the source cluster at {@code time}, or with {@code copyOnWrite} a clone sharing
   * its storage.
   */
  static RestoreDbClusterToPointInTimeRequest clusterAt(
      String clusterId,
      String sourceClusterId,
      Instant time,
      boolean copyOnWrite,
      RestoreSettings s,
      Map<String, String> tags) {
    return carried(clusterSettings(s, tags).build(), RestoreDbClusterToPointInTimeRequest.builder())
        .dbClusterIdentifier(clusterId)
        .sourceDBClusterIdentifier(sourceClusterId)
        .restoreType(copyOnWrite ? "copy-on-write" : "full-copy")
        .restoreToTime(time)
        .build();
  }

  /** An instance's restore settings; null leaves a setting to RDS. */
  private static RestoreDbInstanceFromDbSnapshotRequest.Builder instanceSettings(
      RestoreSettings s, Map<String, String> tags) {
    return RestoreDbInstanceFromDbSnapshotRequest.builder()
        .engine(s.engine())
        .licenseModel(s.licenseModel())
        .dbInstanceClass(s.dbInstanceClass())
        .multiAZ(s.multiAz())
        .storageType(s.storageType())
        .iops(s.iops())
        .port(s.port())
        .optionGroupName(s.optionGroupName())
        .autoMinorVersionUpgrade(s.autoMinorVersionUpgrade())
        .dbSubnetGroupName(s.dbSubnetGroupName())
        .vpcSecurityGroupIds(s.vpcSecurityGroupIds().isEmpty() ? null : s.vpcSecurityGroupIds())
        .dbParameterGroupName(s.dbParameterGroupName())
        .availabilityZone(s.availabilityZone())
        .publiclyAccessible(s.publiclyAccessible())
        .copyTagsToSnapshot(true)
        .tags(RdsTags.of(tags));
  }

  /** A cluster's share of the restore settings (the writer's are in its CreateDBInstance). */
  private static RestoreDbClusterFromSnapshotRequest.Builder clusterSettings(
      RestoreSettings s, Map<String, String> tags) {
    return RestoreDbClusterFromSnapshotRequest.builder()
        .port(s.port())
        .dbSubnetGroupName(s.dbSubnetGroupName())
        .vpcSecurityGroupIds(s.vpcSecurityGroupIds().isEmpty() ? null : s.vpcSecurityGroupIds())
        .dbClusterParameterGroupName(s.dbClusterParameterGroupName())
        .storageType(s.storageType())
        .copyTagsToSnapshot(true)
        .tags(RdsTags.of(tags));
  }

  /**
   * Every member set on {@code settings} onto {@code to}, by the SDK's member name; one that {@code
   * to} does not have is a mistake here, never a setting silently left out.
   */
  private static <B extends SdkPojo> B carried(SdkPojo settings, B to) {
    Map<String, SdkField<?>> members =
        to.sdkFields().stream()
            .collect(Collectors.toMap(SdkField::memberName, Function.identity()));
    for (SdkField<?> field : settings.sdkFields()) {
      Object value = field.getValueOrDefault(settings);
      if (value == null || value instanceof SdkAutoConstructList<?>) {
        continue;
      }
      SdkField<?> member = members.get(field.memberName());
      if (member == null) {
        throw new IllegalStateException(
            field.memberName() + " has no place in " + to.getClass().getSimpleName());
      }
      member.set(to, value);
    }
    return to;
  }
}

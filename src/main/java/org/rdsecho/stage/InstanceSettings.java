package org.rdsecho.stage;

import java.util.List;
import java.util.Map;

/**
 * The settings of an instance that {@code modify} and {@code reboot} compare against the
 * configuration, read from the same DescribeDBInstances call as everything else.
 *
 * @param parameterGroups parameter group name to its apply status ("in-sync", "pending-reboot")
 * @param pendingChanges pending modified values by field name, values as RDS reports them
 * @param clusterParameterGroups a cluster's parameter group to its status on the writer; empty for
 *     an instance
 */
public record InstanceSettings(
    Map<String, String> parameterGroups,
    List<String> dbSecurityGroups,
    List<String> vpcSecurityGroupIds,
    Integer backupRetentionPeriod,
    Map<String, String> pendingChanges,
    Map<String, String> clusterParameterGroups) {

  public static final InstanceSettings NONE =
      new InstanceSettings(Map.of(), List.of(), List.of(), null, Map.of());

  public InstanceSettings(
      Map<String, String> parameterGroups,
      List<String> dbSecurityGroups,
      List<String> vpcSecurityGroupIds,
      Integer backupRetentionPeriod,
      Map<String, String> pendingChanges) {
    this(
        parameterGroups,
        dbSecurityGroups,
        vpcSecurityGroupIds,
        backupRetentionPeriod,
        pendingChanges,
        Map.of());
  }

  public InstanceSettings {
    clusterParameterGroups =
        clusterParameterGroups == null ? Map.of() : Map.copyOf(clusterParameterGroups);
    parameterGroups = Map.copyOf(parameterGroups);
    dbSecurityGroups = List.copyOf(dbSecurityGroups);
    vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds);
    pendingChanges = Map.copyOf(pendingChanges);
  }

  /** Something a reboot would put into effect. */
  public boolean hasPendingReboot() {
    return parameterGroups.containsValue("pending-reboot")
        || clusterParameterGroups.containsValue("pending-reboot")
        || !pendingChanges.isEmpty();
  }
}

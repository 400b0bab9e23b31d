package org.rdsecho.stage;

import java.util.List;
import java.util.Map;

/**
 * The settings of an instance that {@code modify} and {@code reboot} compare against the
 * configuration, read from the same DescribeDBInstances call as everything else.
 *
 * @param parameterGroups parameter group name to its apply status ("in-sync", "pending-reboot")
 * @param pendingChanges pending modified values by field name, values as RDS reports them
 */
public record InstanceSettings(
    Map<String, String> parameterGroups,
    List<String> dbSecurityGroups,
    List<String> vpcSecurityGroupIds,
    Integer backupRetentionPeriod,
    Map<String, String> pendingChanges) {

  public static final InstanceSettings NONE =
      new InstanceSettings(Map.of(), List.of(), List.of(), null, Map.of());

  public InstanceSettings {
    parameterGroups = Map.copyOf(parameterGroups);
    dbSecurityGroups = List.copyOf(dbSecurityGroups);
    vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds);
    pendingChanges = Map.copyOf(pendingChanges);
  }

  /** Something a reboot would put into effect. */
  public boolean hasPendingReboot() {
    return parameterGroups.containsValue("pending-reboot") || !pendingChanges.isEmpty();
  }
}

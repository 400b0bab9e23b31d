package org.rdsecho.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code modify} and {@code reboot} leave in an instance's settings, as RDS reports them
 * afterwards: the part of {@link PlannedState} that lets a dry run with {@code --wait} plan the
 * reboot a modify makes necessary.
 */
final class PlannedSettings {
  private PlannedSettings() {}

  /**
   * RDS's answer to a modify: a new parameter group waits for a reboot; the rest applies now or
   * waits.
   */
  static InstanceSettings modified(InstanceSettings s, ModifyChanges c) {
    Map<String, String> groups =
        c.dbParameterGroupName() == null
            ? s.parameterGroups()
            : Map.of(c.dbParameterGroupName(), "pending-reboot");
    Map<String, String> clusterGroups =
        c.dbClusterParameterGroupName() == null
            ? s.clusterParameterGroups()
            : Map.of(c.dbClusterParameterGroupName(), "pending-reboot");
    Map<String, String> pending = new LinkedHashMap<>(s.pendingChanges());
    Integer retention = s.backupRetentionPeriod();
    List<String> vpc = s.vpcSecurityGroupIds();
    List<String> db = s.dbSecurityGroups();
    if (c.applyImmediately()) {
      retention = c.backupRetentionPeriod() == null ? retention : c.backupRetentionPeriod();
      vpc = c.vpcSecurityGroupIds() == null ? vpc : c.vpcSecurityGroupIds();
      db = c.dbSecurityGroups() == null ? db : c.dbSecurityGroups();
    } else if (c.backupRetentionPeriod() != null) {
      pending.put("backupRetentionPeriod", String.valueOf(c.backupRetentionPeriod()));
    }
    return new InstanceSettings(groups, db, vpc, retention, pending, clusterGroups);
  }

  static InstanceSettings rebooted(InstanceSettings s) {
    Map<String, String> groups = new LinkedHashMap<>();
    s.parameterGroups().keySet().forEach(g -> groups.put(g, "in-sync"));
    Map<String, String> clusterGroups = new LinkedHashMap<>();
    s.clusterParameterGroups().keySet().forEach(g -> clusterGroups.put(g, "in-sync"));
    return new InstanceSettings(
        groups,
        s.dbSecurityGroups(),
        s.vpcSecurityGroupIds(),
        s.backupRetentionPeriod(),
        Map.of(),
        clusterGroups);
  }
}

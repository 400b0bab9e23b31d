package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.rdsecho.config.ModifySettings;

/**
 * The {@code rdsecho.mod.*} settings that differ from what the instance has; null fields are left
 * alone. The password is carried as the name of its environment variable only, so a decision can be
 * printed or logged without the secret.
 */
public record ModifyChanges(
    String dbParameterGroupName,
    List<String> dbSecurityGroups,
    List<String> vpcSecurityGroupIds,
    Integer backupRetentionPeriod,
    String masterUserPasswordEnv,
    boolean applyImmediately,
    String dbClusterParameterGroupName) {

  public ModifyChanges(
      String dbParameterGroupName,
      List<String> dbSecurityGroups,
      List<String> vpcSecurityGroupIds,
      Integer backupRetentionPeriod,
      String masterUserPasswordEnv,
      boolean applyImmediately) {
    this(
        dbParameterGroupName,
        dbSecurityGroups,
        vpcSecurityGroupIds,
        backupRetentionPeriod,
        masterUserPasswordEnv,
        applyImmediately,
        null);
  }

  public static ModifyChanges between(ModifySettings wanted, InstanceSettings current) {
    String parameterGroup =
        wanted.dbParameterGroupName() != null
                && !current.parameterGroups().containsKey(wanted.dbParameterGroupName())
            ? wanted.dbParameterGroupName()
            : null;
    List<String> dbSecurityGroups =
        differ(wanted.dbSecurityGroups(), current.dbSecurityGroups())
            ? wanted.dbSecurityGroups()
            : null;
    List<String> vpcGroups =
        differ(wanted.vpcSecurityGroupIds(), current.vpcSecurityGroupIds())
            ? wanted.vpcSecurityGroupIds()
            : null;
    Integer retention = wanted.backupRetentionPeriod();
    if (retention != null
        && (retention.equals(current.backupRetentionPeriod())
            || String.valueOf(retention)
                .equals(current.pendingChanges().get("backupRetentionPeriod")))) {
      retention = null;
    }
    String clusterGroup =
        wanted.dbClusterParameterGroupName() != null
                && !current
                    .clusterParameterGroups()
                    .containsKey(wanted.dbClusterParameterGroupName())
            ? wanted.dbClusterParameterGroupName()
            : null;
    return new ModifyChanges(
        parameterGroup,
        dbSecurityGroups,
        vpcGroups,
        retention,
        wanted.masterUserPasswordEnv(),
        wanted.applyImmediately(),
        clusterGroup);
  }

  /**
   * For an Aurora clone (§12): what ModifyDBCluster applies (security groups, backups, password,
   * cluster parameter group); the DB parameter group goes to the writer instead.
   */
  public ModifyChanges forCluster() {
    return new ModifyChanges(
        null,
        null,
        vpcSecurityGroupIds,
        backupRetentionPeriod,
        masterUserPasswordEnv,
        applyImmediately,
        dbClusterParameterGroupName);
  }

  /** For an Aurora clone: what ModifyDBInstance applies to the writer (its DB parameter group). */
  public ModifyChanges forWriter() {
    return new ModifyChanges(dbParameterGroupName, null, null, null, null, applyImmediately, null);
  }

  private static boolean differ(List<String> wanted, List<String> current) {
    return !wanted.isEmpty() && !new HashSet<>(wanted).equals(new HashSet<>(current));
  }

  public boolean isEmpty() {
    return dbParameterGroupName == null
        && dbClusterParameterGroupName == null
        && dbSecurityGroups == null
        && vpcSecurityGroupIds == null
        && backupRetentionPeriod == null
        && masterUserPasswordEnv == null;
  }

  public String describe() {
    List<String> parts = new ArrayList<>();
    if (dbParameterGroupName != null) {
      parts.add("parameter group " + dbParameterGroupName);
    }
    if (dbClusterParameterGroupName != null) {
      parts.add("cluster parameter group " + dbClusterParameterGroupName);
    }
    if (dbSecurityGroups != null) {
      parts.add("DB security groups " + dbSecurityGroups);
    }
    if (vpcSecurityGroupIds != null) {
      parts.add("VPC security groups " + vpcSecurityGroupIds);
    }
    if (backupRetentionPeriod != null) {
      parts.add("backup retention " + backupRetentionPeriod + " days");
    }
    if (masterUserPasswordEnv != null) {
      parts.add("master password from $" + masterUserPasswordEnv);
    }
    parts.add(applyImmediately ? "applied immediately" : "applied in the next maintenance window");
    return String.join(", ", parts);
  }
}

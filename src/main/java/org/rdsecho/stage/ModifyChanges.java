package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.rdsecho.config.EchoConfig.ModifySettings;

/**
 * The {@code rdsecho.mod.*} settings that differ from what the instance has; null fields are
 * left alone. The password is carried as the name of its environment variable only, so a
 * decision can be printed or logged without the secret.
 */
public record ModifyChanges(
    String dbParameterGroupName,
    List<String> dbSecurityGroups,
    List<String> vpcSecurityGroupIds,
    Integer backupRetentionPeriod,
    String masterUserPasswordEnv,
    boolean applyImmediately) {

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
            || String.valueOf(retention).equals(current.pendingChanges().get("backupRetentionPeriod")))) {
      retention = null;
    }
    return new ModifyChanges(
        parameterGroup,
        dbSecurityGroups,
        vpcGroups,
        retention,
        wanted.masterUserPasswordEnv(),
        wanted.applyImmediately());
  }

  private static boolean differ(List<String> wanted, List<String> current) {
    return !wanted.isEmpty() && !new HashSet<>(wanted).equals(new HashSet<>(current));
  }

  public boolean isEmpty() {
    return dbParameterGroupName == null
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

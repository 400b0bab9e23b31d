package org.rdsecho.config;

import java.util.List;

/** ModifyDBInstance parameters; null or empty means "leave as it is". */
public record ModifySettings(
    String dbParameterGroupName,
    List<String> dbSecurityGroups,
    Integer backupRetentionPeriod,
    boolean applyImmediately,
    List<String> vpcSecurityGroupIds,
    String masterUserPasswordEnv,
    String dbClusterParameterGroupName) {

  public ModifySettings(
      String dbParameterGroupName,
      List<String> dbSecurityGroups,
      Integer backupRetentionPeriod,
      boolean applyImmediately,
      List<String> vpcSecurityGroupIds,
      String masterUserPasswordEnv) {
    this(
        dbParameterGroupName,
        dbSecurityGroups,
        backupRetentionPeriod,
        applyImmediately,
        vpcSecurityGroupIds,
        masterUserPasswordEnv,
        null);
  }

  /** The rdsecho.mod.* keys. */
  static ModifySettings read(ConfigReader r) {
    return new ModifySettings(
        r.string(ConfigKeys.MOD_PARAMETER_GROUP),
        r.list(ConfigKeys.MOD_DB_SECURITY_GROUPS),
        r.integer(ConfigKeys.MOD_BACKUP_RETENTION, 0, 35),
        r.bool(ConfigKeys.MOD_APPLY_IMMEDIATELY, true),
        r.list(ConfigKeys.MOD_VPC_SECURITY_GROUPS),
        r.string(ConfigKeys.MOD_PASSWORD_ENV),
        r.string(ConfigKeys.MOD_CLUSTER_PARAMETER_GROUP));
  }
}

package org.rdsecho.config;

import java.util.List;
import java.util.Map;

/** RestoreDBInstanceFromDBSnapshot parameters; null means "let RDS decide". */
public record RestoreSettings(
    String engine,
    String licenseModel,
    String dbInstanceClass,
    Boolean multiAz,
    String storageType,
    Integer iops,
    Integer port,
    String optionGroupName,
    Boolean autoMinorVersionUpgrade,
    Map<String, String> tags,
    String dbSubnetGroupName,
    List<String> vpcSecurityGroupIds,
    String dbParameterGroupName,
    String availabilityZone,
    Boolean publiclyAccessible,
    String dbClusterParameterGroupName) {

  /** rdsecho.new.iops, read before the rest; 0 means none. */
  static Integer iops(ConfigReader r) {
    return r.integer(ConfigKeys.NEW_IOPS, 0, 256_000);
  }

  /** The rdsecho.new.* keys, with iops and tags read (and checked) first. */
  static RestoreSettings read(ConfigReader r, Integer iops, Map<String, String> tags) {
    return new RestoreSettings(
        r.string(ConfigKeys.NEW_ENGINE),
        r.string(ConfigKeys.NEW_LICENSE_MODEL),
        r.string(ConfigKeys.NEW_INSTANCE_CLASS),
        r.boolOrNull(ConfigKeys.NEW_MULTI_AZ),
        r.string(ConfigKeys.NEW_STORAGE_TYPE),
        iops == null || iops == 0 ? null : iops,
        r.integer(ConfigKeys.NEW_PORT, 1150, 65535),
        r.string(ConfigKeys.NEW_OPTION_GROUP),
        r.boolOrNull(ConfigKeys.NEW_AUTO_MINOR),
        tags,
        r.string(ConfigKeys.NEW_SUBNET_GROUP),
        r.list(ConfigKeys.NEW_VPC_SECURITY_GROUPS),
        r.string(ConfigKeys.NEW_PARAMETER_GROUP),
        r.string(ConfigKeys.NEW_AVAILABILITY_ZONE),
        r.boolOrNull(ConfigKeys.NEW_PUBLICLY_ACCESSIBLE),
        r.string(ConfigKeys.NEW_CLUSTER_PARAMETER_GROUP));
  }
}

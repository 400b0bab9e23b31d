package org.rdsecho.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rdsecho.config.RestoreSettings;

/**
 * How a restore's settings read in {@code --dry-run} and the log: one label per setting, written
 * once here, so the restore, point-in-time, cluster and writer actions name them alike.
 */
final class RestoreSettingsText {
  private static final Map<String, Function<RestoreSettings, Object>> LABELS =
      new LinkedHashMap<>();

  static {
    LABELS.put("class", RestoreSettings::dbInstanceClass);
    LABELS.put("engine", RestoreSettings::engine);
    LABELS.put("license", RestoreSettings::licenseModel);
    LABELS.put("multiAz", RestoreSettings::multiAz);
    LABELS.put("storage", RestoreSettings::storageType);
    LABELS.put("iops", RestoreSettings::iops);
    LABELS.put("port", RestoreSettings::port);
    LABELS.put("optionGroup", RestoreSettings::optionGroupName);
    LABELS.put("autoMinorVersionUpgrade", RestoreSettings::autoMinorVersionUpgrade);
    LABELS.put("subnetGroup", RestoreSettings::dbSubnetGroupName);
    LABELS.put(
        "securityGroups", s -> s.vpcSecurityGroupIds().isEmpty() ? null : s.vpcSecurityGroupIds());
    LABELS.put("parameterGroup", RestoreSettings::dbParameterGroupName);
    LABELS.put("clusterParameterGroup", RestoreSettings::dbClusterParameterGroupName);
    LABELS.put("availabilityZone", RestoreSettings::availabilityZone);
    LABELS.put("publiclyAccessible", RestoreSettings::publiclyAccessible);
  }

  /** What a new instance is restored with. */
  static final List<String> INSTANCE =
      List.of(
          "class",
          "engine",
          "license",
          "multiAz",
          "storage",
          "iops",
          "port",
          "optionGroup",
          "autoMinorVersionUpgrade",
          "subnetGroup",
          "securityGroups",
          "parameterGroup",
          "availabilityZone",
          "publiclyAccessible");

  /** What a new Aurora cluster is restored with; its writer gets the rest. */
  static final List<String> CLUSTER =
      List.of(
          "engine", "port", "subnetGroup", "securityGroups", "clusterParameterGroup", "storage");

  /** What the writer instance of a new cluster is created with (its engine is the cluster's). */
  static final List<String> WRITER =
      List.of(
          "class",
          "parameterGroup",
          "availabilityZone",
          "publiclyAccessible",
          "autoMinorVersionUpgrade");

  private RestoreSettingsText() {}

  /** The settings among {@code labels} that are set, in that order. */
  static Map<String, Object> given(RestoreSettings settings, List<String> labels) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (String label : labels) {
      Object value = LABELS.get(label).apply(settings);
      if (value != null) {
        given.put(label, value);
      }
    }
    return given;
  }

  /** {@code " with {…}"} for the settings that are set, or nothing. */
  static String with(RestoreSettings settings, List<String> labels) {
    Map<String, Object> given = given(settings, labels);
    return given.isEmpty() ? "" : " with " + given;
  }
}

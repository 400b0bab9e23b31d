package org.rdsecho.aws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.InstanceSettings;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/** An RDS instance as the domain sees it: tags from its listing, the settings modify compares. */
final class InstanceRecords {
  private InstanceRecords() {}

  static EchoInstance of(DBInstance i) {
    Map<String, String> tags = RdsTags.toMap(i.tagList());
    Map<String, String> groups = new LinkedHashMap<>();
    i.dbParameterGroups()
        .forEach(
            g -> groups.put(g.dbParameterGroupName(), String.valueOf(g.parameterApplyStatus())));
    InstanceSettings settings =
        new InstanceSettings(
            groups,
            i.dbSecurityGroups().stream().map(g -> g.dbSecurityGroupName()).toList(),
            i.vpcSecurityGroups().stream()
                .filter(g -> !"removing".equals(g.status()))
                .map(g -> g.vpcSecurityGroupId())
                .toList(),
            i.backupRetentionPeriod(),
            pending(i.pendingModifiedValues()));
    return new EchoInstance(
        i.dbInstanceIdentifier(),
        i.dbInstanceArn(),
        i.dbInstanceStatus() == null ? "unknown" : i.dbInstanceStatus(),
        i.endpoint() == null ? null : i.endpoint().address(),
        i.endpoint() == null ? null : i.endpoint().port(),
        i.instanceCreateTime(),
        tags,
        settings);
  }

  /** The pending modified values that are set, by field name. */
  private static Map<String, String> pending(PendingModifiedValues values) {
    Map<String, String> pending = new LinkedHashMap<>();
    if (values == null) {
      return pending;
    }
    values
        .sdkFields()
        .forEach(
            field -> {
              Object value = field.getValueOrDefault(values);
              boolean empty =
                  value == null || (value instanceof java.util.Collection<?> c && c.isEmpty());
              if (!empty) {
                pending.put(
                    field.memberName().substring(0, 1).toLowerCase(Locale.ROOT)
                        + field.memberName().substring(1),
                    String.valueOf(value));
              }
            });
    return pending;
  }
}

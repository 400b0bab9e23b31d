package org.rdsecho.config;

import java.util.ArrayList;
import java.util.List;

/**
 * An Aurora source (§12) excludes an instance source, and settings that only instances have are
 * errors rather than silently ignored: the operator would otherwise believe them applied.
 */
final class AuroraKeys {
  private AuroraKeys() {}

  static void check(ConfigReader r, SnapshotType type, boolean copyOnWrite) {
    RawConfig raw = r.raw();
    boolean aurora = r.string(ConfigKeys.SNAPSHOT_CLUSTER) != null;
    if (!aurora) {
      for (String key :
          List.of(
              ConfigKeys.NEW_RESTORE_TYPE,
              ConfigKeys.NEW_CLUSTER_PARAMETER_GROUP,
              ConfigKeys.MOD_CLUSTER_PARAMETER_GROUP)) {
        if (r.string(key) != null && !(key.equals(ConfigKeys.NEW_RESTORE_TYPE) && !copyOnWrite)) {
          throw new ConfigException(
              key
                  + " (from "
                  + raw.originOf(key)
                  + ") applies only to an Aurora source: set "
                  + ConfigKeys.SNAPSHOT_CLUSTER
                  + ", or remove "
                  + key);
        }
      }
      return;
    }
    if (r.string(ConfigKeys.SNAPSHOT_SOURCE) != null) {
      throw new ConfigException(
          "both "
              + ConfigKeys.SNAPSHOT_SOURCE
              + " and "
              + ConfigKeys.SNAPSHOT_CLUSTER
              + " are set (from "
              + raw.originOf(ConfigKeys.SNAPSHOT_SOURCE)
              + "): the source is one instance or one"
              + " Aurora cluster; remove one of them");
    }
    for (String key :
        List.of(
            ConfigKeys.NEW_MULTI_AZ,
            ConfigKeys.NEW_LICENSE_MODEL,
            ConfigKeys.NEW_IOPS,
            ConfigKeys.NEW_OPTION_GROUP,
            ConfigKeys.MOD_DB_SECURITY_GROUPS)) {
      String value = r.string(key);
      boolean harmless =
          value == null
              || (key.equals(ConfigKeys.NEW_MULTI_AZ) && value.equalsIgnoreCase("false"))
              || (key.equals(ConfigKeys.NEW_IOPS) && value.equals("0"));
      if (!harmless) {
        throw new ConfigException(
            key
                + " (from "
                + raw.originOf(key)
                + ") does not apply to an Aurora cluster ("
                + ConfigKeys.SNAPSHOT_CLUSTER
                + " is set): remove it");
      }
    }
    if (copyOnWrite) {
      checkCopyOnWrite(r, type);
    }
  }

  /** A copy-on-write clone takes no snapshot, so every snapshot setting contradicts it. */
  private static void checkCopyOnWrite(ConfigReader r, SnapshotType type) {
    List<String> contradicting = new ArrayList<>();
    if (type != SnapshotType.ANY) {
      contradicting.add(ConfigKeys.SNAPSHOT_TYPE);
    }
    for (String key :
        List.of(
            ConfigKeys.SNAPSHOT_IDENTIFIER,
            ConfigKeys.SNAPSHOT_COPY_KMS_KEY,
            ConfigKeys.SNAPSHOT_RESTORE_TIME,
            ConfigKeys.NEW_KMS_KEY_ID,
            ConfigKeys.NEW_STORAGE_ENCRYPTED)) {
      if (r.string(key) != null) {
        contradicting.add(key);
      }
    }
    if (!contradicting.isEmpty()) {
      throw new ConfigException(
          ConfigKeys.NEW_RESTORE_TYPE
              + "=copy-on-write clones the live source cluster, so "
              + String.join(", ", contradicting)
              + " cannot apply: remove "
              + (contradicting.size() == 1 ? "it" : "them")
              + ", or use "
              + ConfigKeys.NEW_RESTORE_TYPE
              + "=snapshot");
    }
  }
}

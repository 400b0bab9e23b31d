package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.InstanceSettings;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;

/** An Aurora cluster (§12) with its instances as the one clone the domain sees. */
final class ClusterRecords {
  /** Cluster states in which a cluster without instances is waiting for its writer. */
  private static final Set<String> BEFORE_WRITER = Set.of("creating", "backing-up", "available");

  private ClusterRecords() {}

  /**
   * The cluster as one clone. Its status is the cluster's until that is available, then its
   * writer's: "available" means a clone one can connect to and change. Settings: the cluster's
   * security groups, backups and parameter group, the writer's DB parameter group and pending
   * values (what a reboot of the writer puts into effect).
   */
  static EchoInstance of(DBCluster c, Map<String, EchoInstance> instancesById) {
    Map<String, String> tags = RdsTags.toMap(c.tagList());
    List<EchoInstance.Member> members = new ArrayList<>();
    Map<String, String> clusterGroups = new LinkedHashMap<>();
    EchoInstance writer = null;
    for (DBClusterMember m : c.dbClusterMembers()) {
      EchoInstance instance = instancesById.get(m.dbInstanceIdentifier());
      boolean isWriter = Boolean.TRUE.equals(m.isClusterWriter());
      members.add(
          new EchoInstance.Member(
              m.dbInstanceIdentifier(),
              instance == null ? null : instance.arn(),
              instance == null ? "unknown" : instance.status(),
              isWriter));
      if (isWriter || writer == null) {
        writer = instance;
        if (c.dbClusterParameterGroup() != null) {
          clusterGroups.put(
              c.dbClusterParameterGroup(),
              m.dbClusterParameterGroupStatus() == null
                  ? "in-sync"
                  : m.dbClusterParameterGroupStatus());
        }
      }
    }
    if (clusterGroups.isEmpty() && c.dbClusterParameterGroup() != null) {
      clusterGroups.put(c.dbClusterParameterGroup(), "in-sync");
    }
    String status = c.status() == null ? "unknown" : c.status();
    if (members.isEmpty() && BEFORE_WRITER.contains(status)) {
      // an Aurora restore cut short between the cluster and its writer: RDS takes the writer while
      // the cluster is still being created, as the uninterrupted run does, so a rerun at once
      // creates it rather than say "nothing to do" and leave it to a later run (StatefulEchoTest)
      status =
          "available".equals(status)
              ? EchoInstance.WRITER_MISSING
              : EchoInstance.WRITER_MISSING_CLUSTER_BUSY;
    } else if ("available".equals(status)) {
      if (writer != null && "deleting".equals(writer.status())) {
        status = "deleting-instances"; // retire deletes the cluster next
      } else if (writer != null) {
        status = writer.status();
      }
    }
    InstanceSettings writerSettings = writer == null ? InstanceSettings.NONE : writer.settings();
    InstanceSettings settings =
        new InstanceSettings(
            writerSettings.parameterGroups(),
            List.of(),
            c.vpcSecurityGroups().stream()
                .filter(g -> !"removing".equals(g.status()))
                .map(g -> g.vpcSecurityGroupId())
                .toList(),
            c.backupRetentionPeriod(),
            writerSettings.pendingChanges(),
            clusterGroups);
    // every name a client could reach one of the cluster's servers by (verify's scratch server is
    // none of them)
    List<String> others = new ArrayList<>();
    if (c.readerEndpoint() != null) {
      others.add(c.readerEndpoint());
    }
    others.addAll(c.customEndpoints());
    for (DBClusterMember m : c.dbClusterMembers()) {
      EchoInstance instance = instancesById.get(m.dbInstanceIdentifier());
      if (instance != null && instance.endpoint() != null) {
        others.add(instance.endpoint());
      }
    }
    return new EchoInstance(
        c.dbClusterIdentifier(),
        c.dbClusterArn(),
        status,
        c.endpoint(),
        c.port(),
        c.clusterCreateTime(),
        tags,
        settings,
        EchoInstance.Kind.CLUSTER,
        members,
        others);
  }
}

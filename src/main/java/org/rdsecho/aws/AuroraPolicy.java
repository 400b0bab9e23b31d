package org.rdsecho.aws;

import static org.rdsecho.aws.PolicyStatements.bornTagged;
import static org.rdsecho.aws.PolicyStatements.managed;
import static org.rdsecho.aws.PolicyStatements.statement;
import static org.rdsecho.aws.PolicyStatements.useTheCopyKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.SnapshotType;

/** The RDS statements of an Aurora echo's least-privilege policy (see {@link IamPolicy}). */
final class AuroraPolicy {
  private AuroraPolicy() {}

  /**
   * An Aurora echo (§12): the same shape on clusters. Clones are clusters and instances named
   * {@code <name>-*}; restores come from the source cluster's snapshots (or rds-echo's own), or
   * from the source cluster itself for point-in-time and copy-on-write clones; the source cluster
   * is denied every write.
   */
  static List<Map<String, Object>> statements(
      EchoConfig config,
      String partition,
      String region,
      String rds,
      String name,
      String managedTag) {
    List<Map<String, Object>> statements = new ArrayList<>();
    String source = config.snapshot().sourceClusterId();
    Map<String, Object> bornTagged = bornTagged(managedTag);
    Map<String, Object> managed = managed(managedTag);
    String clones = rds + "cluster:" + name + "-*";
    String ownSnapshots = rds + "cluster-snapshot:rdsecho-" + name + "-*";
    statements.add(
        statement(
            "ReadClustersInstancesAndSnapshots",
            "Allow",
            List.of(
                "rds:DescribeDBClusters",
                "rds:DescribeDBInstances",
                "rds:DescribeDBClusterSnapshots"),
            List.of("*"),
            null));
    boolean fresh = config.snapshot().type() == SnapshotType.FRESH;
    boolean copies = config.snapshot().copyKmsKeyId() != null;
    boolean fromTheSource =
        config.snapshot().copyOnWrite() || config.snapshot().type() == SnapshotType.POINT_IN_TIME;
    if (fromTheSource) {
      statements.add(
          statement(
              "CloneOrRestoreTheSourceClusterBornTagged",
              "Allow",
              List.of("rds:RestoreDBClusterToPointInTime"),
              List.of(clones, rds + "cluster:" + source, rds + "subgrp:*", rds + "cluster-pg:*"),
              bornTagged));
    } else {
      List<String> from = new ArrayList<>(List.of(clones));
      if (config.snapshot().identifier() != null) {
        from.add(rds + "cluster-snapshot:" + config.snapshot().identifier());
      } else if (fresh || copies) {
        from.add(ownSnapshots);
      } else {
        from.add(rds + "cluster-snapshot:rds:" + source + "-*");
        if (config.snapshot().type() != SnapshotType.AUTOMATED) {
          from.add(rds + "cluster-snapshot:*"); // manual snapshots of the source may have any name
        }
      }
      from.addAll(List.of(rds + "subgrp:*", rds + "cluster-pg:*"));
      statements.add(
          statement(
              "RestoreClustersBornTagged",
              "Allow",
              List.of("rds:RestoreDBClusterFromSnapshot"),
              from,
              bornTagged));
    }
    statements.add(
        statement(
            "CreateWritersBornTagged",
            "Allow",
            List.of("rds:CreateDBInstance"),
            List.of(rds + "db:" + name + "-*", clones, rds + "pg:*", rds + "subgrp:*"),
            bornTagged));
    statements.add(
        statement(
            "TagOwnClonesAndSnapshots",
            "Allow",
            List.of("rds:AddTagsToResource"),
            List.of(rds + "db:" + name + "-*", clones, rds + "cluster-snapshot:" + name + "-*"),
            null));
    // a final cluster snapshot is made from the clone (managed) into a new snapshot (not yet
    // tagged)
    statements.add(
        statement(
            "ChangeOnlyManagedClones",
            "Allow",
            List.of(
                "rds:ModifyDBCluster",
                "rds:DeleteDBCluster",
                "rds:CreateDBClusterSnapshot",
                "rds:ModifyDBInstance",
                "rds:RebootDBInstance",
                "rds:DeleteDBInstance",
                "rds:RemoveTagsFromResource"),
            List.of(clones, rds + "db:" + name + "-*"),
            managed));
    statements.add(
        statement(
            "SettingsNamedByModify",
            "Allow",
            List.of("rds:ModifyDBCluster", "rds:ModifyDBInstance"),
            List.of(rds + "cluster-pg:*", rds + "pg:*"),
            null));
    String finalPrefix =
        config.retire().finalSnapshotIdentifier() == null
            ? name + "-*"
            : config.retire().finalSnapshotIdentifier().toLowerCase(Locale.ROOT) + "-*";
    statements.add(
        statement(
            "FinalSnapshotsOfClones",
            "Allow",
            List.of("rds:CreateDBClusterSnapshot", "rds:DeleteDBCluster"),
            List.of(rds + "cluster-snapshot:" + finalPrefix),
            null));
    statements.add(
        statement(
            "PruneOwnFinalSnapshots",
            "Allow",
            List.of("rds:DeleteDBClusterSnapshot"),
            List.of(rds + "cluster-snapshot:" + finalPrefix),
            managed));
    if (fresh) {
      statements.add(
          statement(
              "TakeFreshSnapshotsOfTheSource",
              "Allow",
              List.of("rds:CreateDBClusterSnapshot"),
              List.of(rds + "cluster:" + source, ownSnapshots),
              bornTagged));
    }
    if (copies) {
      statements.add(
          statement(
              "CopySharedSnapshots",
              "Allow",
              List.of("rds:CopyDBClusterSnapshot"),
              List.of("arn:" + partition + ":rds:*:*:cluster-snapshot:*", ownSnapshots),
              bornTagged));
      statements.add(useTheCopyKey(config, "arn:" + partition + ":kms:" + region + ":*:key/*"));
    }
    if (fresh || copies) {
      statements.add(
          statement(
              "TagAndPruneOwnSnapshots",
              "Allow",
              List.of("rds:AddTagsToResource", "rds:DeleteDBClusterSnapshot"),
              List.of(ownSnapshots),
              null));
    }
    statements.add(
        statement(
            "NeverWriteTheSource",
            "Deny",
            List.of(
                "rds:ModifyDBCluster",
                "rds:DeleteDBCluster",
                "rds:RebootDBCluster",
                "rds:FailoverDBCluster",
                "rds:AddTagsToResource",
                "rds:RemoveTagsFromResource"),
            List.of(rds + "cluster:" + source),
            null));
    return statements;
  }
}

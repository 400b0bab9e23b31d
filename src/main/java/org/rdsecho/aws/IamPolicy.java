package org.rdsecho.aws;

import static org.rdsecho.aws.PolicyStatements.bornTagged;
import static org.rdsecho.aws.PolicyStatements.document;
import static org.rdsecho.aws.PolicyStatements.managed;
import static org.rdsecho.aws.PolicyStatements.statement;
import static org.rdsecho.aws.PolicyStatements.useTheCopyKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.SnapshotType;

/**
 * The least-privilege IAM policy for one echo's configuration: reads where AWS cannot scope them,
 * writes only on the echo's instance prefix (and, for changes to an existing clone, only while it
 * carries the echo's managed tag), restores only from the source's snapshots, snapshot deletion
 * only of the echo's own tagged snapshots, DNS changes only of the CNAME in its zone, and an
 * explicit deny of every write on the source. An Aurora echo's RDS statements are {@link
 * AuroraPolicy}'s; the S3 and Route53 ones, the same for both, {@link S3AndDnsPolicy}'s; each is
 * built of {@link PolicyStatements}.
 */
public final class IamPolicy {
  private IamPolicy() {}

  /**
   * @param partition {@code aws} (or {@code aws-cn}, {@code aws-us-gov})
   * @param account the 12-digit account, or {@code *} when unknown
   */
  public static Map<String, Object> of(
      EchoConfig config, String partition, String region, String account) {
    String name = config.requireName();
    String rds = "arn:" + partition + ":rds:" + region + ":" + account + ":";
    String managedTag = new org.rdsecho.stage.EchoTags(name).managed();
    Map<String, Object> bornTagged = bornTagged(managedTag);
    Map<String, Object> managed = managed(managedTag);
    List<Map<String, Object>> statements = new ArrayList<>();
    if (config.retire().whenIdle()) {
      // rdsecho.retire.whenIdle: a forgotten clone's DatabaseConnections; the action has no
      // resources
      statements.add(
          statement(
              "ReadConnectionsOfForgottenClones",
              "Allow",
              List.of("cloudwatch:GetMetricStatistics"),
              List.of("*"),
              null));
    }
    if (config.snapshot().aurora()) {
      statements.addAll(AuroraPolicy.statements(config, partition, region, rds, name, managedTag));
      statements.addAll(S3AndDnsPolicy.statements(config, partition));
      return document(statements);
    }

    statements.add(
        statement(
            "ReadInstancesAndSnapshots",
            "Allow",
            List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots"),
            List.of("*"),
            null));

    String source = config.snapshot().sourceInstanceId();
    List<String> restoreFrom = new ArrayList<>();
    if (config.snapshot().identifier() != null) {
      restoreFrom.add(rds + "snapshot:" + config.snapshot().identifier());
    }
    boolean fresh = config.snapshot().type() == SnapshotType.FRESH;
    boolean copies = config.snapshot().copyKmsKeyId() != null;
    String freshSnapshots = rds + "snapshot:rdsecho-" + name + "-*";
    if (source != null && (fresh || copies)) {
      restoreFrom.add(freshSnapshots); // only the snapshots rds-echo takes or copies
    } else if (source != null) {
      restoreFrom.add(rds + "snapshot:rds:" + source + "-*"); // automated snapshots
      if (config.snapshot().type() != SnapshotType.AUTOMATED) {
        restoreFrom.add(rds + "snapshot:*"); // manual snapshots of the source may have any name
      }
    }
    List<String> restoreResources = new ArrayList<>(List.of(rds + "db:" + name + "-*"));
    restoreResources.addAll(restoreFrom);
    restoreResources.addAll(
        List.of(rds + "subgrp:*", rds + "og:*", rds + "pg:*", rds + "secgrp:*"));
    statements.add(
        statement(
            "RestoreClonesBornTagged",
            "Allow",
            List.of("rds:RestoreDBInstanceFromDBSnapshot"),
            restoreResources,
            bornTagged));
    statements.add(
        statement(
            "TagOwnClonesAndSnapshots",
            "Allow",
            List.of("rds:AddTagsToResource"),
            List.of(rds + "db:" + name + "-*", rds + "snapshot:" + name + "-*"),
            null));
    statements.add(
        statement(
            "ChangeOnlyManagedClones",
            "Allow",
            // RemoveTagsFromResource: answered bookkeeping tags go, so a clone keeps at most 10 of
            // ours (§15)
            List.of(
                "rds:ModifyDBInstance",
                "rds:RebootDBInstance",
                "rds:DeleteDBInstance",
                "rds:RemoveTagsFromResource"),
            List.of(rds + "db:" + name + "-*"),
            managed));
    statements.add(
        statement(
            "SettingsNamedByModify",
            "Allow",
            List.of("rds:ModifyDBInstance"),
            List.of(rds + "pg:*", rds + "og:*", rds + "secgrp:*"),
            null));
    String finalPrefix =
        config.retire().finalSnapshotIdentifier() == null
            ? name + "-*"
            : config.retire().finalSnapshotIdentifier().toLowerCase(Locale.ROOT) + "-*";
    statements.add(
        statement(
            "FinalSnapshotsOfClones",
            "Allow",
            List.of("rds:CreateDBSnapshot"),
            List.of(rds + "db:" + name + "-*", rds + "snapshot:" + finalPrefix),
            null));
    statements.add(
        statement(
            "PruneOwnFinalSnapshots",
            "Allow",
            List.of("rds:DeleteDBSnapshot"),
            List.of(rds + "snapshot:" + finalPrefix),
            managed));

    if (config.snapshot().type() == SnapshotType.POINT_IN_TIME && source != null) {
      statements.add(
          statement(
              "ReadTheRestorableWindow",
              "Allow",
              List.of("rds:DescribeDBInstanceAutomatedBackups"),
              List.of("*"),
              null));
      statements.add(
          statement(
              "RestoreTheSourceToAPointInTime",
              "Allow",
              List.of("rds:RestoreDBInstanceToPointInTime"),
              List.of(
                  rds + "db:" + name + "-*",
                  rds + "db:" + source,
                  rds + "subgrp:*",
                  rds + "og:*",
                  rds + "pg:*",
                  rds + "secgrp:*"),
              bornTagged));
    }
    if (copies) {
      statements.add(
          statement(
              "CopySharedSnapshots",
              "Allow",
              List.of("rds:CopyDBSnapshot"),
              List.of("arn:" + partition + ":rds:" + region + ":*:snapshot:*", freshSnapshots),
              bornTagged));
      statements.add(
          statement(
              "TagCopies",
              "Allow",
              List.of("rds:AddTagsToResource"),
              List.of(freshSnapshots),
              null));
      statements.add(
          statement(
              "PruneOwnCopies",
              "Allow",
              List.of("rds:DeleteDBSnapshot"),
              List.of(freshSnapshots),
              managed));
      statements.add(
          useTheCopyKey(config, "arn:" + partition + ":kms:" + region + ":" + account + ":key/*"));
    }
    if (fresh && source != null) {
      statements.add(
          statement(
              "TakeFreshSnapshotsOfTheSource",
              "Allow",
              List.of("rds:CreateDBSnapshot"),
              List.of(rds + "db:" + source, freshSnapshots),
              bornTagged));
      statements.add(
          statement(
              "TagFreshSnapshots",
              "Allow",
              List.of("rds:AddTagsToResource"),
              List.of(freshSnapshots),
              null));
      statements.add(
          statement(
              "PruneOwnFreshSnapshots",
              "Allow",
              List.of("rds:DeleteDBSnapshot"),
              List.of(freshSnapshots),
              managed));
    }

    statements.addAll(S3AndDnsPolicy.statements(config, partition));
    if (source != null) {
      statements.add(
          statement(
              "NeverWriteTheSource",
              "Deny",
              List.of(
                  "rds:ModifyDBInstance",
                  "rds:RebootDBInstance",
                  "rds:DeleteDBInstance",
                  "rds:AddTagsToResource",
                  "rds:RemoveTagsFromResource"),
              List.of(rds + "db:" + source),
              null));
    }
    return document(statements);
  }
}

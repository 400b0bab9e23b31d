package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.SnapshotType;

/**
 * The least-privilege IAM policy for one echo's configuration: reads where AWS cannot scope them,
 * writes only on the echo's instance prefix (and, for changes to an existing clone, only while it
 * carries the echo's managed tag), restores only from the source's snapshots, snapshot deletion
 * only of the echo's own tagged snapshots, DNS changes only of the CNAME in its zone, and an
 * explicit deny of every write on the source.
 */
public final class IamPolicy {
  private IamPolicy() {}

  /**
   * @param partition {@code aws} (or {@code aws-cn}, {@code aws-us-gov})
   * @param account the 12-digit account, or {@code *} when unknown
   */
  public static Map<String, Object> of(EchoConfig config, String partition, String region, String account) {
    String name = config.requireName();
    String rds = "arn:" + partition + ":rds:" + region + ":" + account + ":";
    String managedTag = "rdsecho:" + name + ":managed";
    List<Map<String, Object>> statements = new ArrayList<>();
    if (config.retire().whenIdle()) {
      // rdsecho.retire.whenIdle: a forgotten clone's DatabaseConnections; the action has no resources
      statements.add(statement("ReadConnectionsOfForgottenClones", "Allow",
          List.of("cloudwatch:GetMetricStatistics"), List.of("*"), null));
    }
    if (config.snapshot().aurora()) {
      statements.addAll(aurora(config, partition, region, rds, name, managedTag));
      statements.addAll(dns(config, partition));
      return document(statements);
    }

    statements.add(statement("ReadInstancesAndSnapshots", "Allow",
        List.of("rds:DescribeDBInstances", "rds:DescribeDBSnapshots"), List.of("*"), null));

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
    restoreResources.addAll(List.of(rds + "subgrp:*", rds + "og:*", rds + "pg:*", rds + "secgrp:*"));
    statements.add(statement("RestoreClonesBornTagged", "Allow", List.of("rds:RestoreDBInstanceFromDBSnapshot"),
        restoreResources, Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"))));
    statements.add(statement("TagOwnClonesAndSnapshots", "Allow", List.of("rds:AddTagsToResource"),
        List.of(rds + "db:" + name + "-*", rds + "snapshot:" + name + "-*"), null));
    statements.add(statement("ChangeOnlyManagedClones", "Allow",
        // RemoveTagsFromResource: answered bookkeeping tags go, so a clone keeps at most 10 of ours (§15)
        List.of("rds:ModifyDBInstance", "rds:RebootDBInstance", "rds:DeleteDBInstance", "rds:RemoveTagsFromResource"),
        List.of(rds + "db:" + name + "-*"), Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag, "true"))));
    statements.add(statement("SettingsNamedByModify", "Allow", List.of("rds:ModifyDBInstance"),
        List.of(rds + "pg:*", rds + "og:*", rds + "secgrp:*"), null));
    String finalPrefix = config.retire().finalSnapshotIdentifier() == null ? name + "-*"
        : config.retire().finalSnapshotIdentifier().toLowerCase() + "-*";
    statements.add(statement("FinalSnapshotsOfClones", "Allow", List.of("rds:CreateDBSnapshot"),
        List.of(rds + "db:" + name + "-*", rds + "snapshot:" + finalPrefix), null));
    statements.add(statement("PruneOwnFinalSnapshots", "Allow", List.of("rds:DeleteDBSnapshot"),
        List.of(rds + "snapshot:" + finalPrefix), Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag,
            "true"))));

    if (config.snapshot().type() == SnapshotType.POINT_IN_TIME && source != null) {
      statements.add(statement("ReadTheRestorableWindow", "Allow", List.of("rds:DescribeDBInstanceAutomatedBackups"),
          List.of("*"), null));
      statements.add(statement("RestoreTheSourceToAPointInTime", "Allow", List.of("rds:RestoreDBInstanceToPointInTime"),
          List.of(rds + "db:" + name + "-*", rds + "db:" + source, rds + "subgrp:*", rds + "og:*", rds + "pg:*",
              rds + "secgrp:*"),
          Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"))));
    }
    if (copies) {
      statements.add(statement("CopySharedSnapshots", "Allow", List.of("rds:CopyDBSnapshot"),
          List.of("arn:" + partition + ":rds:" + region + ":*:snapshot:*", freshSnapshots),
          Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"))));
      statements.add(statement("TagCopies", "Allow", List.of("rds:AddTagsToResource"), List.of(freshSnapshots), null));
      statements.add(statement("PruneOwnCopies", "Allow", List.of("rds:DeleteDBSnapshot"), List.of(freshSnapshots),
          Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag, "true"))));
      statements.add(statement("UseTheCopyKey", "Allow", List.of("kms:CreateGrant", "kms:DescribeKey", "kms:Decrypt",
          "kms:GenerateDataKey*", "kms:ReEncrypt*"), List.of(config.snapshot().copyKmsKeyId().startsWith("arn:")
          ? config.snapshot().copyKmsKeyId() : "arn:" + partition + ":kms:" + region + ":" + account + ":key/*"), null));
    }
    if (fresh && source != null) {
      statements.add(statement("TakeFreshSnapshotsOfTheSource", "Allow", List.of("rds:CreateDBSnapshot"),
          List.of(rds + "db:" + source, freshSnapshots),
          Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"))));
      statements.add(statement("TagFreshSnapshots", "Allow", List.of("rds:AddTagsToResource"), List.of(freshSnapshots),
          null));
      statements.add(statement("PruneOwnFreshSnapshots", "Allow", List.of("rds:DeleteDBSnapshot"),
          List.of(freshSnapshots), Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag, "true"))));
    }

    statements.addAll(dns(config, partition));
    if (source != null) {
      statements.add(statement("NeverWriteTheSource", "Deny", List.of("rds:ModifyDBInstance", "rds:RebootDBInstance",
          "rds:DeleteDBInstance", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"),
          List.of(rds + "db:" + source), null));
    }
    return document(statements);
  }

  /**
   * An Aurora echo (§12): the same shape on clusters. Clones are clusters and instances named
   * {@code <name>-*}; restores come from the source cluster's snapshots (or rds-echo's own), or
   * from the source cluster itself for point-in-time and copy-on-write clones; the source cluster
   * is denied every write.
   */
  private static List<Map<String, Object>> aurora(EchoConfig config, String partition, String region, String rds,
      String name, String managedTag) {
    List<Map<String, Object>> statements = new ArrayList<>();
    String source = config.snapshot().sourceClusterId();
    Map<String, Object> bornTagged = Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"));
    Map<String, Object> managed = Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag, "true"));
    String clones = rds + "cluster:" + name + "-*";
    String ownSnapshots = rds + "cluster-snapshot:rdsecho-" + name + "-*";
    statements.add(statement("ReadClustersInstancesAndSnapshots", "Allow", List.of("rds:DescribeDBClusters",
        "rds:DescribeDBInstances", "rds:DescribeDBClusterSnapshots"), List.of("*"), null));
    boolean fresh = config.snapshot().type() == SnapshotType.FRESH;
    boolean copies = config.snapshot().copyKmsKeyId() != null;
    boolean fromTheSource = config.snapshot().copyOnWrite()
        || config.snapshot().type() == SnapshotType.POINT_IN_TIME;
    if (fromTheSource) {
      statements.add(statement("CloneOrRestoreTheSourceClusterBornTagged", "Allow",
          List.of("rds:RestoreDBClusterToPointInTime"), List.of(clones, rds + "cluster:" + source, rds + "subgrp:*",
              rds + "cluster-pg:*"), bornTagged));
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
      statements.add(statement("RestoreClustersBornTagged", "Allow", List.of("rds:RestoreDBClusterFromSnapshot"),
          from, bornTagged));
    }
    statements.add(statement("CreateWritersBornTagged", "Allow", List.of("rds:CreateDBInstance"),
        List.of(rds + "db:" + name + "-*", clones, rds + "pg:*", rds + "subgrp:*"), bornTagged));
    statements.add(statement("TagOwnClonesAndSnapshots", "Allow", List.of("rds:AddTagsToResource"),
        List.of(rds + "db:" + name + "-*", clones, rds + "cluster-snapshot:" + name + "-*"), null));
    // a final cluster snapshot is made from the clone (managed) into a new snapshot (not yet tagged)
    statements.add(statement("ChangeOnlyManagedClones", "Allow", List.of("rds:ModifyDBCluster", "rds:DeleteDBCluster",
        "rds:CreateDBClusterSnapshot", "rds:ModifyDBInstance", "rds:RebootDBInstance", "rds:DeleteDBInstance",
        "rds:RemoveTagsFromResource"), List.of(clones, rds + "db:" + name + "-*"), managed));
    statements.add(statement("SettingsNamedByModify", "Allow", List.of("rds:ModifyDBCluster", "rds:ModifyDBInstance"),
        List.of(rds + "cluster-pg:*", rds + "pg:*"), null));
    String finalPrefix = config.retire().finalSnapshotIdentifier() == null ? name + "-*"
        : config.retire().finalSnapshotIdentifier().toLowerCase() + "-*";
    statements.add(statement("FinalSnapshotsOfClones", "Allow", List.of("rds:CreateDBClusterSnapshot",
        "rds:DeleteDBCluster"), List.of(rds + "cluster-snapshot:" + finalPrefix), null));
    statements.add(statement("PruneOwnFinalSnapshots", "Allow", List.of("rds:DeleteDBClusterSnapshot"),
        List.of(rds + "cluster-snapshot:" + finalPrefix), managed));
    if (fresh) {
      statements.add(statement("TakeFreshSnapshotsOfTheSource", "Allow", List.of("rds:CreateDBClusterSnapshot"),
          List.of(rds + "cluster:" + source, ownSnapshots), bornTagged));
    }
    if (copies) {
      statements.add(statement("CopySharedSnapshots", "Allow", List.of("rds:CopyDBClusterSnapshot"),
          List.of("arn:" + partition + ":rds:*:*:cluster-snapshot:*", ownSnapshots), bornTagged));
      statements.add(statement("UseTheCopyKey", "Allow", List.of("kms:CreateGrant", "kms:DescribeKey", "kms:Decrypt",
          "kms:GenerateDataKey*", "kms:ReEncrypt*"), List.of(config.snapshot().copyKmsKeyId().startsWith("arn:")
          ? config.snapshot().copyKmsKeyId() : "arn:" + partition + ":kms:" + region + ":*:key/*"), null));
    }
    if (fresh || copies) {
      statements.add(statement("TagAndPruneOwnSnapshots", "Allow", List.of("rds:AddTagsToResource",
          "rds:DeleteDBClusterSnapshot"), List.of(ownSnapshots), null));
    }
    statements.add(statement("NeverWriteTheSource", "Deny", List.of("rds:ModifyDBCluster", "rds:DeleteDBCluster",
        "rds:RebootDBCluster", "rds:FailoverDBCluster", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"),
        List.of(rds + "cluster:" + source), null));
    return statements;
  }

  /**
   * §14 uploads: objects only under the configured prefixes' parents (where the sets and their
   * older siblings lie), listing only there, and the KMS key of SSE-KMS.
   */
  private static List<Map<String, Object>> s3(EchoConfig config, String partition) {
    List<Map<String, Object>> statements = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    List<String> buckets = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String uri : java.util.Arrays.asList(config.export().s3Uri(), config.sanitize().s3Uri())) {
      if (uri == null) {
        continue;
      }
      S3Location at = S3Location.parse(uri.replace("{name}", config.requireName()), "s3Uri");
      // the part before the first placeholder, cut back to a whole level: where this set and its
      // older siblings (for keep) lie, every night
      String fixed = at.key().contains("{") ? at.key().substring(0, at.key().indexOf('{')) : at.key();
      String parent = fixed.contains("/") ? fixed.substring(0, fixed.lastIndexOf('/') + 1) : "";
      objects.add("arn:" + partition + ":s3:::" + at.bucket() + "/" + parent + "*");
      buckets.add("arn:" + partition + ":s3:::" + at.bucket());
      prefixes.add(parent + "*");
    }
    if (objects.isEmpty()) {
      return statements;
    }
    statements.add(statement("UploadAndPruneDumpSets", "Allow", List.of("s3:PutObject", "s3:GetObject",
        "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), objects, null));
    statements.add(statement("ListTheDumpPrefixes", "Allow", List.of("s3:ListBucket", "s3:ListBucketMultipartUploads"),
        buckets.stream().distinct().toList(), Map.of("StringLike", Map.of("s3:prefix", prefixes))));
    if (config.export().s3KmsKeyId() != null || "aws:kms".equals(config.export().s3Sse())) {
      String key = config.export().s3KmsKeyId();
      statements.add(statement("EncryptUploadsWithTheKey", "Allow", List.of("kms:GenerateDataKey", "kms:Decrypt"),
          List.of(key != null && key.startsWith("arn:") ? key : "arn:" + partition + ":kms:*:*:key/*"), null));
    }
    return statements;
  }

  private static List<Map<String, Object>> dns(EchoConfig config, String partition) {
    List<Map<String, Object>> statements = new ArrayList<>();
    statements.addAll(s3(config, partition));
    String cname = config.promote().cname();
    if (cname != null) {
      String zone = config.promote().hostedZoneId();
      statements.add(statement("FindTheZone", "Allow", List.of("route53:ListHostedZones"), List.of("*"), null));
      statements.add(statement("ReadTheCname", "Allow", List.of("route53:ListResourceRecordSets"),
          List.of("arn:" + partition + ":route53:::hostedzone/" + (zone == null ? "*" : zone)), null));
      String record = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
      statements.add(statement("ChangeOnlyTheCname", "Allow", List.of("route53:ChangeResourceRecordSets"),
          List.of("arn:" + partition + ":route53:::hostedzone/" + (zone == null ? "*" : zone)),
          Map.of("ForAllValues:StringEquals", Map.of(
              "route53:ChangeResourceRecordSetsNormalizedRecordNames", List.of(record.toLowerCase()),
              "route53:ChangeResourceRecordSetsRecordTypes", List.of("CNAME")))));
      statements.add(statement("WaitForDnsChanges", "Allow", List.of("route53:GetChange"),
          List.of("arn:" + partition + ":route53:::change/*"), null));
    }
    return statements;
  }

  private static Map<String, Object> document(List<Map<String, Object>> statements) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", statements);
    return policy;
  }

  private static Map<String, Object> statement(String sid, String effect, List<String> actions, List<String> resources,
      Map<String, Object> condition) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Sid", sid);
    s.put("Effect", effect);
    s.put("Action", actions);
    s.put("Resource", resources);
    if (condition != null) {
      s.put("Condition", condition);
    }
    return s;
  }
}

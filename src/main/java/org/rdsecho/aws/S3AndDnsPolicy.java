package org.rdsecho.aws;

import static org.rdsecho.aws.PolicyStatements.statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdsecho.config.EchoConfig;

/**
 * The S3 and Route53 statements of an echo's least-privilege policy, the same for an instance echo
 * and an Aurora one (see {@link IamPolicy}).
 */
final class S3AndDnsPolicy {
  private S3AndDnsPolicy() {}

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
      String fixed =
          at.key().contains("{") ? at.key().substring(0, at.key().indexOf('{')) : at.key();
      String parent = fixed.contains("/") ? fixed.substring(0, fixed.lastIndexOf('/') + 1) : "";
      objects.add("arn:" + partition + ":s3:::" + at.bucket() + "/" + parent + "*");
      buckets.add("arn:" + partition + ":s3:::" + at.bucket());
      prefixes.add(parent + "*");
    }
    if (objects.isEmpty()) {
      return statements;
    }
    statements.add(
        statement(
            "UploadAndPruneDumpSets",
            "Allow",
            List.of(
                "s3:PutObject",
                "s3:GetObject",
                "s3:DeleteObject",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"),
            objects,
            null));
    statements.add(
        statement(
            "ListTheDumpPrefixes",
            "Allow",
            List.of("s3:ListBucket", "s3:ListBucketMultipartUploads"),
            buckets.stream().distinct().toList(),
            Map.of("StringLike", Map.of("s3:prefix", prefixes))));
    if (config.export().s3KmsKeyId() != null || "aws:kms".equals(config.export().s3Sse())) {
      String key = config.export().s3KmsKeyId();
      statements.add(
          statement(
              "EncryptUploadsWithTheKey",
              "Allow",
              List.of("kms:GenerateDataKey", "kms:Decrypt"),
              List.of(
                  key != null && key.startsWith("arn:")
                      ? key
                      : "arn:" + partition + ":kms:*:*:key/*"),
              null));
    }
    return statements;
  }

  /** The S3 statements (when uploads are configured), then the Route53 ones (when a CNAME is). */
  static List<Map<String, Object>> statements(EchoConfig config, String partition) {
    List<Map<String, Object>> statements = new ArrayList<>();
    statements.addAll(s3(config, partition));
    String cname = config.promote().cname();
    if (cname != null) {
      String zone = config.promote().hostedZoneId();
      statements.add(
          statement(
              "FindTheZone", "Allow", List.of("route53:ListHostedZones"), List.of("*"), null));
      statements.add(
          statement(
              "ReadTheCname",
              "Allow",
              List.of("route53:ListResourceRecordSets"),
              List.of("arn:" + partition + ":route53:::hostedzone/" + (zone == null ? "*" : zone)),
              null));
      String record = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
      // ordered: Map.of's order changes from one run to the next, and a policy kept under version
      // control should diff clean
      Map<String, Object> onlyTheCname = new LinkedHashMap<>();
      onlyTheCname.put(
          "route53:ChangeResourceRecordSetsNormalizedRecordNames",
          List.of(record.toLowerCase(Locale.ROOT)));
      onlyTheCname.put("route53:ChangeResourceRecordSetsRecordTypes", List.of("CNAME"));
      statements.add(
          statement(
              "ChangeOnlyTheCname",
              "Allow",
              List.of("route53:ChangeResourceRecordSets"),
              List.of("arn:" + partition + ":route53:::hostedzone/" + (zone == null ? "*" : zone)),
              Map.of("ForAllValues:StringEquals", onlyTheCname)));
      statements.add(
          statement(
              "WaitForDnsChanges",
              "Allow",
              List.of("route53:GetChange"),
              List.of("arn:" + partition + ":route53:::change/*"),
              null));
    }
    return statements;
  }
}

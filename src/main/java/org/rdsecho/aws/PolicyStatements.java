package org.rdsecho.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.EchoConfig;

/**
 * What the IAM policies ({@link IamPolicy}, {@link AuroraPolicy}, {@link S3AndDnsPolicy}) are built
 * of: the document, a statement, the two conditions on the echo's managed tag, and the rights on
 * the key that copies are encrypted with.
 */
final class PolicyStatements {
  private PolicyStatements() {}

  /** The policy document around its statements. */
  static Map<String, Object> document(List<Map<String, Object>> statements) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", statements);
    return policy;
  }

  /** One statement; {@code condition} null for none. */
  static Map<String, Object> statement(
      String sid,
      String effect,
      List<String> actions,
      List<String> resources,
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

  /** The condition that a resource is created carrying the echo's managed tag. */
  static Map<String, Object> bornTagged(String managedTag) {
    return Map.of("StringEquals", Map.of("aws:RequestTag/" + managedTag, "true"));
  }

  /** The condition that a resource carries the echo's managed tag already. */
  static Map<String, Object> managed(String managedTag) {
    return Map.of("StringEquals", Map.of("aws:ResourceTag/" + managedTag, "true"));
  }

  /**
   * What a copy under rdsecho.snapshot.copyKmsKeyId needs of that key: the key's ARN when it is
   * given as one, else {@code anyKey} (an id or alias is no ARN a policy can name).
   */
  static Map<String, Object> useTheCopyKey(EchoConfig config, String anyKey) {
    String key = config.snapshot().copyKmsKeyId();
    return statement(
        "UseTheCopyKey",
        "Allow",
        List.of(
            "kms:CreateGrant",
            "kms:DescribeKey",
            "kms:Decrypt",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*"),
        List.of(key.startsWith("arn:") ? key : anyKey),
        null);
  }
}

package org.rdsecho.testing;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of IAM's evaluation a generated policy relies on: action and resource patterns with
 * {@code *}, explicit Deny over Allow, and the conditions {@code StringEquals} on request and
 * resource tags and {@code ForAllValues:StringEquals} on multi-valued keys. Each resource of a call
 * must be allowed on its own, as IAM does.
 */
public final class PolicyEvaluator {
  private final List<Map<String, Object>> statements;

  @SuppressWarnings("unchecked")
  public PolicyEvaluator(Map<String, Object> policy) {
    this.statements = (List<Map<String, Object>>) policy.get("Statement");
  }

  /** Null when allowed, else the resource that is not. */
  public String denied(AwsCall call) {
    for (AwsCall.Resource resource : call.resources()) {
      boolean allowed = false;
      for (Map<String, Object> s : statements) {
        if (matches(s, call, resource)) {
          if ("Deny".equals(s.get("Effect"))) {
            return resource.arn() + " (explicit deny " + s.get("Sid") + ")";
          }
          allowed = true;
        }
      }
      if (!allowed) {
        return resource.arn();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> s, AwsCall call, AwsCall.Resource resource) {
    List<String> actions = (List<String>) s.get("Action");
    List<String> resources = (List<String>) s.get("Resource");
    if (actions.stream().noneMatch(a -> glob(a, call.action()))
        || resources.stream().noneMatch(r -> glob(r, resource.arn()))) {
      return false;
    }
    Map<String, Map<String, Object>> condition =
        (Map<String, Map<String, Object>>) s.get("Condition");
    if (condition == null) {
      return true;
    }
    for (Map.Entry<String, Map<String, Object>> operator : condition.entrySet()) {
      for (Map.Entry<String, Object> test : operator.getValue().entrySet()) {
        List<String> wanted =
            test.getValue() instanceof List<?> l
                ? (List<String>) l
                : List.of((String) test.getValue());
        List<String> actual = value(call, resource, test.getKey());
        boolean ok =
            switch (operator.getKey()) {
              case "StringEquals" ->
                  !actual.isEmpty() && actual.stream().allMatch(wanted::contains);
              case "ForAllValues:StringEquals" -> actual.stream().allMatch(wanted::contains);
              default ->
                  throw new IllegalArgumentException(
                      "the evaluator does not know " + operator.getKey());
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> value(AwsCall call, AwsCall.Resource resource, String key) {
    if (key.startsWith("aws:ResourceTag/")) {
      String tag = resource.tags().get(key.substring("aws:ResourceTag/".length()));
      return tag == null ? List.of() : List.of(tag);
    }
    return call.context().getOrDefault(key, List.of());
  }

  private static boolean glob(String pattern, String value) {
    return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"))
        .matcher(value)
        .matches();
  }
}

package org.rdsecho.testing;

import java.util.List;
import java.util.Map;

/**
 * One AWS call as IAM evaluates it: the action, each resource it touches with that resource's tags,
 * and the request-level condition values (tags in the request, record names and types).
 */
public record AwsCall(String action, List<Resource> resources, Map<String, List<String>> context) {

  /** A resource ARN with the tags it carries when the call is made. */
  public record Resource(String arn, Map<String, String> tags) {
    public static Resource of(String arn) {
      return new Resource(arn, Map.of());
    }
  }

  public static AwsCall of(String action, String arn) {
    return new AwsCall(action, List.of(Resource.of(arn)), Map.of());
  }
}

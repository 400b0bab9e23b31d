package org.rdsecho.aws;

import org.rdsecho.config.ConfigException;

/** An S3 bucket and key (or key prefix), parsed from {@code s3://bucket/prefix}. */
public record S3Location(String bucket, String key) {

  public static S3Location parse(String uri, String configKey) {
    if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
      throw new ConfigException(
          configKey + "=" + uri + " is not an S3 URI: write s3://bucket/prefix");
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    while (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
        || key.contains("//")
        || key.startsWith("/")
        || java.util.Arrays.asList(key.split("/")).contains("..")) {
      throw new ConfigException(
          configKey
              + "="
              + uri
              + " is not a valid S3 location: a bucket name of lowercase"
              + " letters, digits, dots and hyphens, then a prefix without empty or '..' parts");
    }
    return new S3Location(bucket, key);
  }

  /** The object {@code name} under this prefix. */
  public S3Location resolve(String name) {
    return new S3Location(bucket, key.isEmpty() ? name : key + "/" + name);
  }

  /** The prefix one level up (where the sibling sets of {@code keep} lie). */
  public S3Location parent() {
    int slash = key.lastIndexOf('/');
    return new S3Location(bucket, slash < 0 ? "" : key.substring(0, slash));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}

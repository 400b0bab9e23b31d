package org.rdsecho.aws;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/** Makes the SDK clients; tests hand in Mockito mocks or the in-memory stand-in instead. */
public interface AwsFactory {
  RdsClient rds(AwsSettings settings);

  Route53Client route53(AwsSettings settings);

  /** The S3 client of uploads (§14); tests point it at a real S3-protocol server. */
  default software.amazon.awssdk.services.s3.S3Client s3(AwsSettings settings) {
    return AwsClients.s3(settings);
  }

  /** CloudWatch, read only for rdsecho.retire.whenIdle; tests hand in a Mockito mock. */
  default software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(AwsSettings settings) {
    return AwsClients.cloudWatch(settings);
  }

  static AwsFactory real() {
    return new AwsFactory() {
      @Override
      public RdsClient rds(AwsSettings settings) {
        return AwsClients.rds(settings);
      }

      @Override
      public Route53Client route53(AwsSettings settings) {
        return AwsClients.route53(settings);
      }
    };
  }
}

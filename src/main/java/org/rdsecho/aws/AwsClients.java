package org.rdsecho.aws;

import java.net.URI;
import java.time.Duration;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Builds the SDK clients: default credential and region chains unless told otherwise, the
 * standard retry mode (backoff with jitter on throttling), and endpoint overrides for LocalStack,
 * moto or VPC endpoints.
 */
public final class AwsClients {
  private AwsClients() {}

  public static RdsClient rds(AwsSettings settings) {
    var builder = RdsClient.builder();
    configure(builder, settings, settings.endpointFor("RDS"));
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
    return build(builder::build);
  }

  public static Route53Client route53(AwsSettings settings) {
    var builder = Route53Client.builder();
    configure(builder, settings, settings.endpointFor("ROUTE_53"));
    // Route53 is global: it signs for aws-global whatever region the instances live in.
    builder.region(Region.AWS_GLOBAL);
    return build(builder::build);
  }

  /** CloudWatch, for rdsecho.retire.whenIdle; endpoint override AWS_ENDPOINT_URL_CLOUDWATCH. */
  public static software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(AwsSettings settings) {
    var builder = software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder();
    configure(builder, settings, settings.endpointFor("CLOUDWATCH"));
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
    return build(builder::build);
  }

  public static software.amazon.awssdk.services.s3.S3Client s3(AwsSettings settings) {
    var builder = software.amazon.awssdk.services.s3.S3Client.builder();
    URI endpoint = settings.endpointFor("S3");
    configure(builder, settings, endpoint);
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
    // an endpoint of one's own (MinIO, an emulator, a VPC endpoint by address) takes bucket names in the path
    builder.forcePathStyle(endpoint != null);
    return build(builder::build);
  }

  private static void configure(AwsClientBuilder<?, ?> builder, AwsSettings settings, URI endpoint) {
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofMinutes(2))
            .build());
    builder.credentialsProvider(
        settings.profile() == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.create(settings.profile()));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
  }

  private static <T> T build(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (SdkClientException e) {
      throw AwsCalls.translate("building the AWS client", e);
    } catch (IllegalArgumentException e) {
      throw new EchoException(Outcome.USAGE, "cannot set up the AWS client: " + e.getMessage(), e);
    }
  }
}

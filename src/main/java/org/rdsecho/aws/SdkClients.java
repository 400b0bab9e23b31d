package org.rdsecho.aws;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a run's SDK clients come from. {@link #real()} builds them: default credential and region
 * chains unless told otherwise, the standard retry mode (backoff with jitter on throttling), and
 * endpoint overrides for LocalStack, moto or VPC endpoints. Tests hand in Mockito mocks or the
 * in-memory stand-in instead.
 */
public interface SdkClients {
  RdsClient rds(ClientSettings settings);

  Route53Client route53(ClientSettings settings);

  /** The S3 client of uploads (§14); tests point it at a real S3-protocol server. */
  default S3Client s3(ClientSettings settings) {
    var builder = S3Client.builder();
    URI endpoint = settings.endpointFor("S3");
    configure(builder, settings, endpoint);
    regional(builder, settings);
    // an endpoint of one's own (MinIO, an emulator, a VPC endpoint by address) takes bucket names
    // in the path
    builder.forcePathStyle(endpoint != null);
    return build(builder::build);
  }

  /**
   * CloudWatch, read only for rdsecho.retire.whenIdle (AWS_ENDPOINT_URL_CLOUDWATCH); tests hand in
   * a mock.
   */
  default CloudWatchClient cloudWatch(ClientSettings settings) {
    var builder = CloudWatchClient.builder();
    configure(builder, settings, settings.endpointFor("CLOUDWATCH"));
    regional(builder, settings);
    return build(builder::build);
  }

  static SdkClients real() {
    return new SdkClients() {
      @Override
      public RdsClient rds(ClientSettings settings) {
        var builder = RdsClient.builder();
        configure(builder, settings, settings.endpointFor("RDS"));
        regional(builder, settings);
        return build(builder::build);
      }

      @Override
      public Route53Client route53(ClientSettings settings) {
        var builder = Route53Client.builder();
        configure(builder, settings, settings.endpointFor("ROUTE_53"));
        // Route53 is global: it signs for aws-global whatever region the instances live in.
        builder.region(Region.AWS_GLOBAL);
        return build(builder::build);
      }
    };
  }

  private static void configure(
      AwsClientBuilder<?, ?> builder, ClientSettings settings, URI endpoint) {
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

  private static void regional(AwsClientBuilder<?, ?> builder, ClientSettings settings) {
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    }
  }

  private static <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } catch (SdkClientException e) {
      throw AwsErrors.translate("building the AWS client", e);
    } catch (IllegalArgumentException e) {
      throw new EchoException(Outcome.USAGE, "cannot set up the AWS client: " + e.getMessage(), e);
    }
  }
}

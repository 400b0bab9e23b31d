package org.rdsecho.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.rdsecho.stage.EchoInstance;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Whether anything was connected to a clone lately, from the {@code DatabaseConnections} metric RDS
 * publishes each minute ({@code AWS/RDS}, by instance, or by cluster for Aurora). Used only before
 * a forgotten clone is deleted, so a staging app still holding connections to the old clone keeps
 * it alive (§17).
 */
public final class ConnectionMetrics {
  private final CloudWatchClient cloudWatch;

  public ConnectionMetrics(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /**
   * IDLE when the highest number of connections in each minute of the last {@code window} was 0. No
   * data points at all is UNKNOWN, which keeps the clone: a metric that is missing (a new clone, a
   * CloudWatch outage, an emulator without metrics) is no proof that nobody is connected, and the
   * clone is kept until one says so.
   */
  public org.rdsecho.stage.RollbackWindow.Activity idle(
      EchoInstance clone, Duration window, Instant now) {
    Dimension dimension =
        clone.isCluster()
            ? Dimension.builder().name("DBClusterIdentifier").value(clone.id()).build()
            : Dimension.builder().name("DBInstanceIdentifier").value(clone.id()).build();
    GetMetricStatisticsResponse response =
        AwsErrors.call(
            "cloudwatch:GetMetricStatistics",
            () ->
                cloudWatch.getMetricStatistics(
                    r ->
                        r.namespace("AWS/RDS")
                            .metricName("DatabaseConnections")
                            .dimensions(dimension)
                            .startTime(now.minus(window))
                            .endTime(now)
                            .period(60)
                            .statistics(Statistic.MAXIMUM)));
    List<Datapoint> points = response.datapoints();
    if (points.isEmpty()) {
      return org.rdsecho.stage.RollbackWindow.Activity.UNKNOWN;
    }
    return points.stream().allMatch(p -> p.maximum() != null && p.maximum() == 0.0)
        ? org.rdsecho.stage.RollbackWindow.Activity.IDLE
        : org.rdsecho.stage.RollbackWindow.Activity.CONNECTED;
  }
}

package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentMatchers;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;

/**
 * §17 "A rollback window": with rdsecho.retire.after the clone a promotion replaced is kept for
 * that long, so cron's advance no longer deletes it in the same run and a rollback the morning
 * after works; with rdsecho.retire.whenIdle it is also kept while CloudWatch saw connections.
 */
class RollbackWindowTest {
  @TempDir Path dir;

  /** The usual night's new clone promoted by cron's advance: the old one is forgotten now. */
  private Harness promotedTonight(String after) {
    Harness h = new Harness(dir).usualNight();
    h.rds
        .instance(Harness.oldCloneId())
        .tags
        .put("rdsecho:development:promotedBy", "--yes"); // promoted last night
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.retire.after", after);
    Run run = h.run("-q", "advance", "--yes");
    assertEquals(
        0, run.exitCode(), "a window is no failure of the night: " + run.out() + run.err());
    assertEquals(
        "promoted", h.rds.instance(Harness.newCloneId()).tags.get("rdsecho:development:stage"));
    return h;
  }

  @Test
  void theReplacedCloneIsKeptForTheWindowSoARollbackTheMorningAfterWorks() {
    Harness h = promotedTonight("12h");
    assertEquals(
        "forgotten", h.rds.instance(Harness.oldCloneId()).tags.get("rdsecho:development:stage"));
    assertFalse(
        h.rds.writeLog().contains("DeleteDBInstance " + Harness.oldCloneId()),
        "kept, not deleted with it");

    // the README's Jenkins recipe runs advance --wait: the window is no reason to wait or fail
    java.time.Instant before = h.clock.instant();
    Run jenkins = h.run("advance", "--yes", "--wait", "--timeout", "4h");
    assertEquals(0, jenkins.exitCode(), jenkins.out() + jenkins.err());
    assertEquals(before, h.clock.instant(), "nothing waited for");

    h.clock.advance(Duration.ofHours(1));
    Run retire = h.run("retire");
    assertEquals(75, retire.exitCode(), retire.out());
    String until = org.rdsecho.stage.TagValues.time(Harness.START.plus(Duration.ofHours(12)));
    assertTrue(
        retire.out().contains(Harness.oldCloneId() + " is kept for a rollback until " + until),
        retire.out());
    Run status = h.run("status");
    assertTrue(status.out().contains("kept for 'rds-echo rollback' until " + until), status.out());
    assertEquals(
        75, h.run("-q", "retire", "--instance", Harness.oldCloneId()).exitCode(), "by name too");

    h.clock.advance(Duration.ofHours(4));
    Run rollback = h.run("rollback", "--yes");
    assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
    assertEquals(
        h.rds.instance(Harness.oldCloneId()).endpoint(),
        h.route53.cname(Harness.ZONE, Harness.CNAME).target());

    // the clone rolled back from is forgotten now, and kept for its own window
    Run quiet = h.run("-q", "advance");
    assertEquals("", quiet.out() + quiet.err());
    assertTrue(h.rds.instances().containsKey(Harness.newCloneId()));
    h.clock.advance(Duration.ofHours(12));
    Run later = h.run("retire");
    assertEquals(0, later.exitCode(), later.out());
    assertTrue(
        h.rds.writeLog().contains("DeleteDBInstance " + Harness.newCloneId()),
        h.rds.writeLog().toString());
  }

  @Test
  void withoutAWindowAdvanceRetiresInTheSameRunAsIn01x() {
    Harness h = promotedTonight("0");
    assertTrue(
        h.rds.writeLog().contains("DeleteDBInstance " + Harness.oldCloneId()),
        h.rds.writeLog().toString());
  }

  // the consumer form hands its request to the request form on the same mock, so that the
  // assertions capture the request whichever form the code calls
  @SuppressWarnings("DirectInvocationOnMock")
  private static CloudWatchClient connections(double... maxima) {
    CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
    GetMetricStatisticsResponse.Builder response = GetMetricStatisticsResponse.builder();
    response.datapoints(
        java.util.Arrays.stream(maxima)
            .mapToObj(m -> Datapoint.builder().maximum(m).build())
            .toList());
    when(cloudWatch.getMetricStatistics(any(GetMetricStatisticsRequest.class)))
        .thenReturn(response.build());
    when(cloudWatch.getMetricStatistics(
            ArgumentMatchers.<Consumer<GetMetricStatisticsRequest.Builder>>any()))
        .thenAnswer(
            inv -> {
              GetMetricStatisticsRequest.Builder b = GetMetricStatisticsRequest.builder();
              Consumer<GetMetricStatisticsRequest.Builder> fill = inv.getArgument(0);
              fill.accept(b);
              return cloudWatch.getMetricStatistics(b.build());
            });
    return cloudWatch;
  }

  @Test
  void whenIdleKeepsAForgottenCloneWhileCloudWatchSawConnectionsAndAsksTheExactMetric() {
    Harness h = new Harness(dir).usualNight();
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    h.rds
        .instance(Harness.oldCloneId())
        .tags
        .put("rdsecho:development:stagedAt", "2026-11-20T03:00:00Z");
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:promotedBy", "--yes");
    h.addNewClone("promoted", "available");
    h.route53.putCname(
        Harness.ZONE, Harness.CNAME, h.rds.instance(Harness.newCloneId()).endpoint());
    h.config.put("rdsecho.retire.after", "12h");
    h.config.put("rdsecho.retire.whenIdle", "true");
    h.cloudWatch = connections(0, 3, 0);
    Run busy = h.run("retire");
    assertEquals(75, busy.exitCode(), busy.out());
    assertTrue(
        busy.out()
            .contains(Harness.oldCloneId() + " still had database connections in the last 15m"),
        busy.out());
    var sent = org.mockito.ArgumentCaptor.forClass(GetMetricStatisticsRequest.class);
    verify(h.cloudWatch, org.mockito.Mockito.atLeastOnce()).getMetricStatistics(sent.capture());
    GetMetricStatisticsRequest request = sent.getValue();
    assertEquals("AWS/RDS", request.namespace());
    assertEquals("DatabaseConnections", request.metricName());
    assertEquals("DBInstanceIdentifier", request.dimensions().get(0).name());
    assertEquals(Harness.oldCloneId(), request.dimensions().get(0).value());
    assertEquals(Duration.ofMinutes(15), Duration.between(request.startTime(), request.endTime()));
    assertEquals(h.clock.instant(), request.endTime());
    assertEquals(60, request.period());
    assertEquals("Maximum", request.statisticsAsStrings().get(0));

    h.cloudWatch = connections(); // no data points at all: no proof that nobody is connected
    Run unknown = h.run("retire");
    assertEquals(75, unknown.exitCode());
    assertTrue(
        unknown
            .out()
            .contains("CloudWatch has no DatabaseConnections data for " + Harness.oldCloneId()),
        unknown.out());
    assertTrue(
        unknown.out().contains("-D rdsecho.retire.whenIdle=false"),
        "names the way out: " + unknown.out());

    h.cloudWatch = connections(0, 0, 0);
    Run idle = h.run("retire");
    assertEquals(0, idle.exitCode(), idle.out());
    assertTrue(h.rds.writeLog().contains("DeleteDBInstance " + Harness.oldCloneId()));
  }

  @Test
  void onlyAClonePromotedBeforeIsKeptAndOneWhoseTimeIsUnreadableIsKeptUntilSaidOtherwise() {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.retire.after", "12h");
    // given up before it was ever promoted: nothing to roll back to, so no window
    h.addNewClone("forgotten", "available")
        .tags
        .put("rdsecho:development:stagedAt", "2026-11-21T02:00:00Z");
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "promoted");
    Run run = h.run("retire");
    assertEquals(0, run.exitCode(), run.out());
    assertTrue(
        h.rds.writeLog().contains("DeleteDBInstance " + Harness.newCloneId()),
        h.rds.writeLog().toString());

    // promoted before, forgotten by a hand edit that left no time: kept, with the way out named
    Harness edited;
    try {
      edited =
          new Harness(java.nio.file.Files.createDirectories(dir.resolve("edited"))).usualNight();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    edited.config.put("rdsecho.retire.after", "12h");
    edited.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:stage", "forgotten");
    edited.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:promotedBy", "--yes");
    edited.route53.putCname(
        Harness.ZONE, Harness.CNAME, edited.addNewClone("promoted", "available").endpoint());
    Run kept = edited.run("retire");
    assertEquals(75, kept.exitCode(), kept.out());
    assertTrue(kept.out().contains("does not say when it was forgotten"), kept.out());
    assertTrue(kept.out().contains("-D rdsecho.retire.after=0"), kept.out());
  }

  @Test
  void aFailureAfterAPromotionStillReportsThePromotionAndItsWrites() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.rds.instance(Harness.oldCloneId()).tags.put("rdsecho:development:promotedBy", "--yes");
    h.addNewClone("rebooted", "available");
    h.config.put("rdsecho.retire.whenIdle", "true");
    h.cloudWatch = mock(CloudWatchClient.class);
    when(h.cloudWatch.getMetricStatistics(
            ArgumentMatchers.<Consumer<GetMetricStatisticsRequest.Builder>>any()))
        .thenThrow(
            software.amazon.awssdk.services.cloudwatch.model.CloudWatchException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("not allowed")
                        .build())
                .build());
    Run run = h.run("-q", "-o", "json", "advance", "--yes");
    assertEquals(1, run.exitCode(), run.out());
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertTrue(
        doc.get("message").asText().contains("promote: promoted " + Harness.newCloneId()),
        run.out());
    assertTrue(doc.get("message").asText().contains("cloudwatch:GetMetricStatistics"), run.out());
    assertTrue(doc.get("actions").toString().contains("point CNAME"), run.out());
    assertTrue(doc.get("changed").asBoolean(), run.out());
  }

  @Test
  void cloudWatchIsNotAskedWithoutWhenIdleNorWithinTheWindow() {
    Harness h = promotedTonight("12h");
    h.config.put("rdsecho.retire.whenIdle", "true");
    h.cloudWatch = connections(0);
    assertEquals(75, h.run("retire").exitCode());
    verify(h.cloudWatch, never()).getMetricStatistics(any(GetMetricStatisticsRequest.class));
  }
}

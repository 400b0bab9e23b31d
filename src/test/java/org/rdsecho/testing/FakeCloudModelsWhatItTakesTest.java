package org.rdsecho.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The fake cloud refuses what it would otherwise drop: a request field it does not model fails the
 * test naming request and field, and what it models behaves as AWS does.
 */
class FakeCloudModelsWhatItTakesTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

  private final FakeRds rds = new FakeRds(() -> NOW, new WriteBudget());

  @Test
  void aFieldTheFakeDoesNotModelFailsNamingRequestAndField() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                rds.describeDBInstances(
                    DescribeDbInstancesRequest.builder()
                        .filters(Filter.builder().name("engine").values("mysql").build())
                        .build()));
    assertTrue(
        e.getMessage().startsWith("FakeRds does not model DescribeDbInstancesRequest.Filters"),
        e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's builder lambdas are generic varargs
  void aNestedFieldOfAChangeBatchCountsToo() {
    FakeRoute53 route53 = new FakeRoute53(new WriteBudget());
    route53.addZone("Z1", "example.co.uk.", false);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                route53.changeResourceRecordSets(
                    r ->
                        r.hostedZoneId("Z1")
                            .changeBatch(
                                b ->
                                    b.changes(
                                        c ->
                                            c.action(ChangeAction.UPSERT)
                                                .resourceRecordSet(
                                                    s ->
                                                        s.name("dev.example.co.uk.")
                                                            .type(RRType.CNAME)
                                                            .ttl(60L)
                                                            .setIdentifier("blue")
                                                            .resourceRecords(
                                                                v -> v.value("clone.example")))))));
    assertTrue(
        e.getMessage().startsWith("FakeRoute53 does not model ResourceRecordSet.SetIdentifier"),
        e.getMessage());
  }

  @Test
  void maxRecordsIsAPageLimitWithinRdsBounds() {
    for (int i = 0; i < 25; i++) {
      rds.addInstance("clone-" + (char) ('a' + i), "available", NOW);
    }
    rds.pageSize(100);
    var page = rds.describeDBInstances(DescribeDbInstancesRequest.builder().maxRecords(20).build());
    assertEquals(20, page.dbInstances().size());
    assertEquals("20", page.marker());
    AwsServiceException e =
        assertThrows(
            AwsServiceException.class,
            () ->
                rds.describeDBInstances(
                    DescribeDbInstancesRequest.builder().maxRecords(10).build()));
    assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
  }

  @Test
  void sharedSnapshotsAreListedOnlyWithIncludeShared() {
    rds.addSnapshot(
        "arn:aws:rds:us-east-1:999999999999:snapshot:prod-1",
        "production",
        "shared",
        "available",
        NOW);
    assertEquals(
        List.of(),
        rds.describeDBSnapshots(DescribeDbSnapshotsRequest.builder().snapshotType("shared").build())
            .dbSnapshots());
    assertEquals(
        1,
        rds.describeDBSnapshots(
                DescribeDbSnapshotsRequest.builder()
                    .snapshotType("shared")
                    .includeShared(true)
                    .build())
            .dbSnapshots()
            .size());
  }

  @Test
  void aRestoresSettingsAreWhatDescribeShows() {
    rds.addSnapshot("rds:snap-1", "production", "automated", "available", NOW);
    rds.restoreDBInstanceFromDBSnapshot(
        RestoreDbInstanceFromDbSnapshotRequest.builder()
            .dbInstanceIdentifier("dev-1")
            .dbSnapshotIdentifier("rds:snap-1")
            .dbInstanceClass("db.t3.small")
            .multiAZ(false)
            .port(3307)
            .tags(List.of())
            .build());
    var described =
        rds.describeDBInstances(
                DescribeDbInstancesRequest.builder().dbInstanceIdentifier("dev-1").build())
            .dbInstances()
            .get(0);
    assertEquals("db.t3.small", described.dbInstanceClass());
    assertEquals(false, described.multiAZ());
    assertEquals(3307, described.dbInstancePort());
    assertEquals(
        Map.of("DBInstanceClass", "db.t3.small", "MultiAZ", false, "Port", 3307),
        rds.instance("dev-1").settings);
  }
}

package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.ModifyChanges;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.RdsServiceClientConfiguration;
import software.amazon.awssdk.services.rds.model.CopyDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** The exact Aurora requests (§12), through Mockito on the real SDK interface. */
class RdsClustersTest {
  private final RdsClient rds = mock(RdsClient.class, Answers.CALLS_REAL_METHODS);
  private final RdsClusters clusters = new RdsClusters(rds, new RdsInstances(rds));
  private final RdsClusterSnapshots snapshots = new RdsClusterSnapshots(rds);
  private static final Map<String, String> TAGS =
      Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "new");

  private static RestoreSettings settings(Map<String, String> extra) {
    Map<String, String> keys =
        new java.util.HashMap<>(
            Map.of(
                "rdsecho.name",
                "development",
                "rdsecho.snapshot.dbClusterIdentifier",
                "production",
                "rdsecho.new.dbInstanceClass",
                "db.r6g.large"));
    keys.putAll(extra);
    return EchoConfig.from(RawConfig.of(keys)).restore();
  }

  private static DBCluster cluster(String id, String status, String... members) {
    return DBCluster.builder()
        .dbClusterIdentifier(id)
        .dbClusterArn("arn:aws:rds:us-east-1:1:cluster:" + id)
        .status(status)
        .engine("aurora-mysql")
        .endpoint(id + ".cluster-x.rds")
        .port(3306)
        .clusterCreateTime(Instant.parse("2026-11-20T04:00:00Z"))
        .backupRetentionPeriod(1)
        .dbClusterParameterGroup("default.aurora-mysql8.0")
        .vpcSecurityGroups(
            VpcSecurityGroupMembership.builder()
                .vpcSecurityGroupId("sg-1")
                .status("active")
                .build())
        .tagList(Tag.builder().key("rdsecho:development:managed").value("true").build())
        .dbClusterMembers(
            java.util.Arrays.stream(members)
                .map(
                    m ->
                        DBClusterMember.builder()
                            .dbInstanceIdentifier(m)
                            .isClusterWriter(m.endsWith("-1"))
                            .dbClusterParameterGroupStatus("pending-reboot")
                            .build())
                .toList())
        .build();
  }

  private static DBInstance instance(String id, String status) {
    return DBInstance.builder()
        .dbInstanceIdentifier(id)
        .dbInstanceArn("arn:aws:rds:us-east-1:1:db:" + id)
        .dbInstanceStatus(status)
        .dbParameterGroups(
            DBParameterGroupStatus.builder()
                .dbParameterGroupName("dev")
                .parameterApplyStatus("in-sync")
                .build())
        .build();
  }

  @Test
  void listFollowsTheMarkerOfClustersAndFoldsEachClustersInstancesIntoIt() {
    doReturn(
            DescribeDbClustersResponse.builder()
                .dbClusters(cluster("development-a", "available", "development-a-1"))
                .marker("page-2")
                .build())
        .doReturn(
            DescribeDbClustersResponse.builder()
                .dbClusters(cluster("development-b", "available"))
                .build())
        .when(rds)
        .describeDBClusters(any(DescribeDbClustersRequest.class));
    doReturn(
            DescribeDbInstancesResponse.builder()
                .dbInstances(
                    instance("development-a-1", "backing-up"), instance("standalone", "available"))
                .build())
        .when(rds)
        .describeDBInstances(any(DescribeDbInstancesRequest.class));

    List<EchoInstance> listed = clusters.list();

    ArgumentCaptor<DescribeDbClustersRequest> requests =
        ArgumentCaptor.forClass(DescribeDbClustersRequest.class);
    verify(rds, times(2)).describeDBClusters(requests.capture());
    assertNull(requests.getAllValues().get(0).marker());
    assertEquals("page-2", requests.getAllValues().get(1).marker());
    assertEquals(
        List.of("development-a", "development-b", "standalone"),
        listed.stream().map(EchoInstance::id).toList(),
        "a cluster's instance is part of its clone, not a clone of its own");
    EchoInstance a = listed.get(0);
    assertTrue(a.isCluster());
    assertEquals("backing-up", a.status(), "the cluster is available, its writer is not");
    assertEquals("development-a.cluster-x.rds", a.endpoint());
    assertEquals("development-a-1", a.instanceId());
    assertEquals("arn:aws:rds:us-east-1:1:db:development-a-1", a.members().get(0).arn());
    assertEquals(List.of("sg-1"), a.settings().vpcSecurityGroupIds());
    assertEquals(
        Map.of("dev", "in-sync"),
        a.settings().parameterGroups(),
        "the writer's DB parameter group");
    assertTrue(
        a.settings().hasPendingReboot(),
        "the cluster parameter group waits for the writer's reboot");
    assertEquals(EchoInstance.WRITER_MISSING, listed.get(1).status());
    assertFalse(listed.get(2).isCluster());
  }

  @Test
  void restoreFromASnapshotSendsTheSnapshotsEngineTheSettingsAndTheTagsInOneRequest() {
    doReturn(
            DescribeDbClusterSnapshotsResponse.builder()
                .dbClusterSnapshots(
                    DBClusterSnapshot.builder()
                        .dbClusterSnapshotIdentifier("rds:production-2026-11-20")
                        .engine("aurora-mysql")
                        .build())
                .build())
        .when(rds)
        .describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));
    doReturn(null)
        .when(rds)
        .restoreDBClusterFromSnapshot(any(RestoreDbClusterFromSnapshotRequest.class));

    assertTrue(
        clusters.restoreFromSnapshot(
            "development-x",
            "rds:production-2026-11-20",
            settings(
                Map.of(
                    "rdsecho.new.dbSubnetGroupName",
                    "dev-subnets",
                    "rdsecho.new.vpcSecurityGroupIds",
                    "sg-1,sg-2",
                    "rdsecho.new.dbClusterParameterGroupName",
                    "dev-cluster",
                    "rdsecho.new.port",
                    "3307")),
            TAGS));

    ArgumentCaptor<RestoreDbClusterFromSnapshotRequest> captor =
        ArgumentCaptor.forClass(RestoreDbClusterFromSnapshotRequest.class);
    verify(rds).restoreDBClusterFromSnapshot(captor.capture());
    RestoreDbClusterFromSnapshotRequest r = captor.getValue();
    assertEquals("development-x", r.dbClusterIdentifier());
    assertEquals("rds:production-2026-11-20", r.snapshotIdentifier());
    assertEquals("aurora-mysql", r.engine());
    assertEquals("dev-subnets", r.dbSubnetGroupName());
    assertEquals(List.of("sg-1", "sg-2"), r.vpcSecurityGroupIds());
    assertEquals("dev-cluster", r.dbClusterParameterGroupName());
    assertEquals(3307, r.port());
    assertEquals(
        true, r.copyTagsToSnapshot(), "the final cluster snapshot inherits the managed tag");
    assertEquals(
        TAGS, r.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)));
  }

  @Test
  void aClusterThatExistsAlreadyIsReportedInsteadOfFailing() {
    doThrow(
            DbClusterAlreadyExistsException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("DBClusterAlreadyExistsFault").build())
                .build())
        .when(rds)
        .restoreDBClusterToPointInTime(any(RestoreDbClusterToPointInTimeRequest.class));
    assertFalse(
        clusters.restoreToPointInTime(
            "development-x",
            "production",
            Instant.parse("2026-11-21T02:55:00Z"),
            true,
            settings(Map.of()),
            TAGS));
  }

  @Test
  void copyOnWriteAndPointInTimeRestoresNameTheRestoreTypeTheTimeAndTheSource() {
    doReturn(null)
        .when(rds)
        .restoreDBClusterToPointInTime(any(RestoreDbClusterToPointInTimeRequest.class));
    Instant time = Instant.parse("2026-11-21T02:55:00Z");
    clusters.restoreToPointInTime(
        "development-cow", "production", time, true, settings(Map.of()), TAGS);
    clusters.restoreToPointInTime(
        "development-pit", "production", time, false, settings(Map.of()), TAGS);

    ArgumentCaptor<RestoreDbClusterToPointInTimeRequest> captor =
        ArgumentCaptor.forClass(RestoreDbClusterToPointInTimeRequest.class);
    verify(rds, times(2)).restoreDBClusterToPointInTime(captor.capture());
    RestoreDbClusterToPointInTimeRequest cow = captor.getAllValues().get(0);
    assertEquals("copy-on-write", cow.restoreType());
    assertEquals("production", cow.sourceDBClusterIdentifier());
    assertEquals("development-cow", cow.dbClusterIdentifier());
    assertEquals(time, cow.restoreToTime(), "the exact time is the clone's identity");
    assertNull(cow.useLatestRestorableTime());
    assertEquals(true, cow.copyTagsToSnapshot());
    assertEquals(2, cow.tags().size());
    assertEquals("full-copy", captor.getAllValues().get(1).restoreType());
  }

  @Test
  void theWriterIsCreatedInTheClusterWithItsEngineTheClassAndTheTags() {
    doReturn(
            DescribeDbClustersResponse.builder()
                .dbClusters(cluster("development-x", "creating"))
                .build())
        .when(rds)
        .describeDBClusters(any(DescribeDbClustersRequest.class));
    doReturn(null).when(rds).createDBInstance(any(CreateDbInstanceRequest.class));

    assertTrue(
        clusters.createWriter(
            "development-x-1",
            "development-x",
            settings(Map.of("rdsecho.new.dbParameterGroupName", "dev-instance")),
            TAGS));

    ArgumentCaptor<CreateDbInstanceRequest> captor =
        ArgumentCaptor.forClass(CreateDbInstanceRequest.class);
    verify(rds).createDBInstance(captor.capture());
    CreateDbInstanceRequest r = captor.getValue();
    assertEquals("development-x-1", r.dbInstanceIdentifier());
    assertEquals("development-x", r.dbClusterIdentifier());
    assertEquals("aurora-mysql", r.engine());
    assertEquals("db.r6g.large", r.dbInstanceClass());
    assertEquals("dev-instance", r.dbParameterGroupName());
    assertNull(r.allocatedStorage(), "storage belongs to the cluster");
    assertEquals(2, r.tags().size());
  }

  @Test
  void modifySendsTheClustersShareOfTheChangesAndThePassword() {
    doReturn(null).when(rds).modifyDBCluster(any(ModifyDbClusterRequest.class));
    ModifyChanges changes =
        new ModifyChanges("dev-instance", null, List.of("sg-9"), 0, "PW", true, "dev-cluster");
    clusters.modify("development-x", changes.forCluster(), "s3cret");

    ArgumentCaptor<ModifyDbClusterRequest> captor =
        ArgumentCaptor.forClass(ModifyDbClusterRequest.class);
    verify(rds).modifyDBCluster(captor.capture());
    ModifyDbClusterRequest r = captor.getValue();
    assertEquals("development-x", r.dbClusterIdentifier());
    assertEquals(List.of("sg-9"), r.vpcSecurityGroupIds());
    assertEquals(0, r.backupRetentionPeriod());
    assertEquals("s3cret", r.masterUserPassword());
    assertEquals("dev-cluster", r.dbClusterParameterGroupName());
    assertEquals(true, r.applyImmediately());
    assertEquals("dev-instance", changes.forWriter().dbParameterGroupName());
    assertNull(changes.forWriter().backupRetentionPeriod());
  }

  @Test
  void deleteAsksForTheFinalClusterSnapshotAndAClusterWithLiveInstancesIsNotReady() {
    doReturn(null).when(rds).deleteDBCluster(any(DeleteDbClusterRequest.class));
    clusters.delete("development-old", "development-old-final");
    clusters.delete("development-older", null);
    ArgumentCaptor<DeleteDbClusterRequest> captor =
        ArgumentCaptor.forClass(DeleteDbClusterRequest.class);
    verify(rds, times(2)).deleteDBCluster(captor.capture());
    assertEquals(false, captor.getAllValues().get(0).skipFinalSnapshot());
    assertEquals("development-old-final", captor.getAllValues().get(0).finalDBSnapshotIdentifier());
    assertEquals(true, captor.getAllValues().get(1).skipFinalSnapshot());

    doThrow(
            InvalidDbClusterStateException.builder()
                .message("still contains DB instances in non-deleting state")
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("InvalidDBClusterStateFault").build())
                .build())
        .when(rds)
        .deleteDBCluster(any(DeleteDbClusterRequest.class));
    doReturn(
            DescribeDbClustersResponse.builder()
                .dbClusters(cluster("development-busy", "available"))
                .build())
        .when(rds)
        .describeDBClusters(any(DescribeDbClustersRequest.class));
    EchoException e =
        assertThrows(EchoException.class, () -> clusters.delete("development-busy", null));
    assertEquals(Outcome.NOT_READY, e.outcome());

    doReturn(
            DescribeDbClustersResponse.builder()
                .dbClusters(cluster("development-gone", "deleting"))
                .build())
        .when(rds)
        .describeDBClusters(any(DescribeDbClustersRequest.class));
    clusters.delete("development-gone", null); // already being deleted: done
  }

  @Test
  void clusterSnapshotsAreTakenCopiedWithTheKeyAndTheSourceRegionListedByPageAndDeletedOnce() {
    doReturn(RdsServiceClientConfiguration.builder().region(Region.US_EAST_1).build())
        .when(rds)
        .serviceClientConfiguration();
    doReturn(null).when(rds).createDBClusterSnapshot(any(CreateDbClusterSnapshotRequest.class));
    doReturn(null).when(rds).copyDBClusterSnapshot(any(CopyDbClusterSnapshotRequest.class));
    snapshots.create("production", "rdsecho-development-20261121-030000", TAGS);
    ArgumentCaptor<CreateDbClusterSnapshotRequest> created =
        ArgumentCaptor.forClass(CreateDbClusterSnapshotRequest.class);
    verify(rds).createDBClusterSnapshot(created.capture());
    assertEquals("production", created.getValue().dbClusterIdentifier());
    assertEquals(2, created.getValue().tags().size());

    snapshots.copy(
        "arn:aws:rds:eu-west-1:999999999999:cluster-snapshot:prod-1",
        "rdsecho-development-copy-1",
        "alias/rds-echo",
        TAGS);
    snapshots.copy(
        "arn:aws:rds:us-east-1:999999999999:cluster-snapshot:prod-2",
        "rdsecho-development-copy-2",
        "alias/rds-echo",
        TAGS);
    ArgumentCaptor<CopyDbClusterSnapshotRequest> copies =
        ArgumentCaptor.forClass(CopyDbClusterSnapshotRequest.class);
    verify(rds, times(2)).copyDBClusterSnapshot(copies.capture());
    assertEquals("alias/rds-echo", copies.getAllValues().get(0).kmsKeyId());
    assertEquals(
        "eu-west-1", copies.getAllValues().get(0).sourceRegion(), "a snapshot of another region");
    assertNull(copies.getAllValues().get(1).sourceRegion(), "a snapshot of this region");
    assertEquals(
        "rdsecho-development-copy-1",
        copies.getAllValues().get(0).targetDBClusterSnapshotIdentifier());

    doReturn(
            DescribeDbClusterSnapshotsResponse.builder()
                .dbClusterSnapshots(
                    DBClusterSnapshot.builder()
                        .dbClusterSnapshotIdentifier("a")
                        .dbClusterIdentifier("production")
                        .status("available")
                        .build())
                .marker("2")
                .build())
        .doReturn(
            DescribeDbClusterSnapshotsResponse.builder()
                .dbClusterSnapshots(
                    DBClusterSnapshot.builder()
                        .dbClusterSnapshotIdentifier("b")
                        .dbClusterIdentifier("production")
                        .status("creating")
                        .build())
                .build())
        .when(rds)
        .describeDBClusterSnapshots(any(DescribeDbClusterSnapshotsRequest.class));
    assertEquals(
        List.of("a", "b"),
        snapshots.of("production", SnapshotType.AUTOMATED).stream()
            .map(org.rdsecho.stage.SnapshotInfo::id)
            .toList());
    ArgumentCaptor<DescribeDbClusterSnapshotsRequest> listed =
        ArgumentCaptor.forClass(DescribeDbClusterSnapshotsRequest.class);
    verify(rds, times(2)).describeDBClusterSnapshots(listed.capture());
    assertEquals("production", listed.getAllValues().get(0).dbClusterIdentifier());
    assertEquals("automated", listed.getAllValues().get(0).snapshotType());
    assertEquals("2", listed.getAllValues().get(1).marker());

    doThrow(
            DbClusterSnapshotNotFoundException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("DBClusterSnapshotNotFoundFault").build())
                .build())
        .when(rds)
        .deleteDBClusterSnapshot(any(DeleteDbClusterSnapshotRequest.class));
    snapshots.delete("development-x-final"); // gone already: a rerun after a crash
  }

  @Test
  void aSharedDbSnapshotOfAnotherRegionIsCopiedWithItsSourceRegion() {
    doReturn(RdsServiceClientConfiguration.builder().region(Region.US_EAST_1).build())
        .when(rds)
        .serviceClientConfiguration();
    doReturn(null).when(rds).copyDBSnapshot(any(CopyDbSnapshotRequest.class));
    new RdsSnapshots(rds)
        .copy(
            "arn:aws:rds:eu-central-1:999999999999:snapshot:prod-1",
            "rdsecho-development-copy-1",
            "alias/rds-echo",
            TAGS);
    ArgumentCaptor<CopyDbSnapshotRequest> copy =
        ArgumentCaptor.forClass(CopyDbSnapshotRequest.class);
    verify(rds).copyDBSnapshot(copy.capture());
    assertEquals("eu-central-1", copy.getValue().sourceRegion());
    assertEquals("alias/rds-echo", copy.getValue().kmsKeyId());
  }
}

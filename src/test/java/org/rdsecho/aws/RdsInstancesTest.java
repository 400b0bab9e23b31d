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
import static org.mockito.Mockito.never;
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
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.ModifyChanges;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/** The exact RDS requests, through Mockito on the real SDK interface. */
class RdsInstancesTest {
  // CALLS_REAL_METHODS: the SDK's consumer-builder overloads build the request and call the
  // request overload, which is what we stub and capture.
  private final RdsClient rds = mock(RdsClient.class, Answers.CALLS_REAL_METHODS);
  private final RdsInstances instances = new RdsInstances(rds);

  @Test
  void listFollowsTheMarkerAcrossTwoPagesAndReadsTagsFromTheTagList() {
    DBInstance first =
        DBInstance.builder()
            .dbInstanceIdentifier("a")
            .dbInstanceStatus("available")
            .tagList(Tag.builder().key("rdsecho:development:managed").value("true").build())
            .endpoint(Endpoint.builder().address("a.rds").port(3306).build())
            .instanceCreateTime(Instant.parse("2026-11-20T00:00:00Z"))
            .dbParameterGroups(
                DBParameterGroupStatus.builder()
                    .dbParameterGroupName("p")
                    .parameterApplyStatus("pending-reboot")
                    .build())
            .pendingModifiedValues(PendingModifiedValues.builder().backupRetentionPeriod(0).build())
            .build();
    DBInstance second =
        DBInstance.builder().dbInstanceIdentifier("b").dbInstanceStatus("creating").build();
    doReturn(DescribeDbInstancesResponse.builder().dbInstances(first).marker("page-2").build())
        .doReturn(DescribeDbInstancesResponse.builder().dbInstances(second).build())
        .when(rds)
        .describeDBInstances(any(DescribeDbInstancesRequest.class));

    List<EchoInstance> listed = instances.list();

    ArgumentCaptor<DescribeDbInstancesRequest> requests =
        ArgumentCaptor.forClass(DescribeDbInstancesRequest.class);
    verify(rds, times(2)).describeDBInstances(requests.capture());
    assertNull(requests.getAllValues().get(0).marker());
    assertEquals("page-2", requests.getAllValues().get(1).marker());
    verify(rds, never()).listTagsForResource(any(ListTagsForResourceRequest.class));
    assertEquals(List.of("a", "b"), listed.stream().map(EchoInstance::id).toList());
    EchoInstance a = listed.get(0);
    assertEquals("true", a.tags().get("rdsecho:development:managed"));
    assertEquals("a.rds", a.endpoint());
    assertEquals(Map.of("backupRetentionPeriod", "0"), a.settings().pendingChanges());
    assertTrue(a.settings().hasPendingReboot());
    assertNull(listed.get(1).endpoint());
    assertFalse(listed.get(1).settings().hasPendingReboot());
  }

  @Test
  void restoreSendsEverySettingAndTheTagsInTheSameRequest() {
    doReturn(null)
        .when(rds)
        .restoreDBInstanceFromDBSnapshot(any(RestoreDbInstanceFromDbSnapshotRequest.class));
    EchoConfig config =
        EchoConfig.from(
            RawConfig.of(
                Map.ofEntries(
                    Map.entry("rdsecho.new.engine", "mysql"),
                    Map.entry("rdsecho.new.licenseModel", "general-public-license"),
                    Map.entry("rdsecho.new.dbInstanceClass", "db.t3.medium"),
                    Map.entry("rdsecho.new.multiAz", "false"),
                    Map.entry("rdsecho.new.storageType", "gp3"),
                    Map.entry("rdsecho.new.iops", "0"),
                    Map.entry("rdsecho.new.port", "3307"),
                    Map.entry("rdsecho.new.optionGroupName", "default:mysql-8-0"),
                    Map.entry("rdsecho.new.autoMinorVersionUpgrade", "true"),
                    Map.entry("rdsecho.new.dbSubnetGroupName", "dev-subnets"),
                    Map.entry("rdsecho.new.vpcSecurityGroupIds", "sg-1, sg-2"),
                    Map.entry("rdsecho.new.dbParameterGroupName", "dev-params"),
                    Map.entry("rdsecho.new.availabilityZone", "us-east-1a"),
                    Map.entry("rdsecho.new.publiclyAccessible", "false"))));

    assertTrue(
        instances.restore(
            "development-x",
            "rds:snap",
            config.restore(),
            Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "new")));

    ArgumentCaptor<RestoreDbInstanceFromDbSnapshotRequest> captor =
        ArgumentCaptor.forClass(RestoreDbInstanceFromDbSnapshotRequest.class);
    verify(rds).restoreDBInstanceFromDBSnapshot(captor.capture());
    RestoreDbInstanceFromDbSnapshotRequest r = captor.getValue();
    assertEquals("development-x", r.dbInstanceIdentifier());
    assertEquals("rds:snap", r.dbSnapshotIdentifier());
    assertEquals("mysql", r.engine());
    assertEquals("general-public-license", r.licenseModel());
    assertEquals("db.t3.medium", r.dbInstanceClass());
    assertEquals(false, r.multiAZ());
    assertEquals("gp3", r.storageType());
    assertNull(r.iops(), "0 means unset, as in 0.1.x samples");
    assertEquals(3307, r.port());
    assertEquals("default:mysql-8-0", r.optionGroupName());
    assertEquals(true, r.autoMinorVersionUpgrade());
    assertEquals("dev-subnets", r.dbSubnetGroupName());
    assertEquals(List.of("sg-1", "sg-2"), r.vpcSecurityGroupIds());
    assertEquals("dev-params", r.dbParameterGroupName());
    assertEquals("us-east-1a", r.availabilityZone());
    assertEquals(false, r.publiclyAccessible());
    assertEquals(true, r.copyTagsToSnapshot(), "final snapshots inherit the managed tag");
    assertEquals(
        Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "new"),
        r.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)));
  }

  @Test
  void restoreReportsAnExistingIdentifierInsteadOfFailing() {
    doThrow(
            DbInstanceAlreadyExistsException.builder()
                .message("exists")
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("DBInstanceAlreadyExists").build())
                .build())
        .when(rds)
        .restoreDBInstanceFromDBSnapshot(any(RestoreDbInstanceFromDbSnapshotRequest.class));
    EchoConfig config = EchoConfig.from(RawConfig.of(Map.of()));
    assertFalse(instances.restore("development-x", "rds:snap", config.restore(), Map.of()));
  }

  @Test
  void modifySendsOnlyTheChangedParametersAndThePassword() {
    doReturn(null).when(rds).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    instances.modify(
        "development-x",
        new ModifyChanges("dev-params", null, List.of("sg-9"), 0, "PW", true),
        "s3cret");
    ArgumentCaptor<ModifyDbInstanceRequest> captor =
        ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
    verify(rds).modifyDBInstance(captor.capture());
    ModifyDbInstanceRequest r = captor.getValue();
    assertEquals("development-x", r.dbInstanceIdentifier());
    assertEquals("dev-params", r.dbParameterGroupName());
    assertFalse(r.hasDbSecurityGroups());
    assertEquals(List.of("sg-9"), r.vpcSecurityGroupIds());
    assertEquals(0, r.backupRetentionPeriod());
    assertEquals("s3cret", r.masterUserPassword());
    assertEquals(true, r.applyImmediately());
    // The SDK's toString() does not redact the password: rds-echo never logs requests, and its
    // actions describe the password only by the name of its variable.
  }

  @Test
  void deleteAsksForTheFinalSnapshotOrSkipsIt() {
    doReturn(null).when(rds).deleteDBInstance(any(DeleteDbInstanceRequest.class));
    instances.delete("development-old", "development-old-final");
    instances.delete("development-older", null);
    ArgumentCaptor<DeleteDbInstanceRequest> captor =
        ArgumentCaptor.forClass(DeleteDbInstanceRequest.class);
    verify(rds, times(2)).deleteDBInstance(captor.capture());
    assertEquals(false, captor.getAllValues().get(0).skipFinalSnapshot());
    assertEquals("development-old-final", captor.getAllValues().get(0).finalDBSnapshotIdentifier());
    assertEquals(true, captor.getAllValues().get(1).skipFinalSnapshot());
    assertNull(captor.getAllValues().get(1).finalDBSnapshotIdentifier());
  }

  @Test
  void aMissingPermissionIsReportedWithTheIamActionToGrant() {
    doThrow(
            AwsServiceException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage(
                            "User: arn:aws:iam::1:user/cron is not authorized to perform: rds:DescribeDBInstances")
                        .build())
                .build())
        .when(rds)
        .describeDBInstances(any(DescribeDbInstancesRequest.class));
    EchoException e = assertThrows(EchoException.class, instances::list);
    assertEquals(Outcome.FAILED, e.outcome());
    assertTrue(e.getMessage().startsWith("AWS denied rds:DescribeDBInstances"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("allow rds:DescribeDBInstances for the IAM identity running rds-echo"),
        e.getMessage());
  }

  @Test
  void pointInTimeRestoreSendsTheSourceTheTimeTheSettingsAndTheTags() {
    doReturn(null)
        .when(rds)
        .restoreDBInstanceToPointInTime(
            any(
                software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest
                    .class));
    EchoConfig config =
        EchoConfig.from(
            RawConfig.of(
                Map.of(
                    "rdsecho.new.dbInstanceClass",
                    "db.t3.small",
                    "rdsecho.new.dbSubnetGroupName",
                    "dev-subnets")));
    Instant time = Instant.parse("2026-11-21T10:13:00Z");
    assertTrue(
        instances.restoreToPointInTime(
            "recover-x",
            "production",
            time,
            config.restore(),
            Map.of("rdsecho:recover:managed", "true")));
    ArgumentCaptor<software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest>
        captor =
            ArgumentCaptor.forClass(
                software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest
                    .class);
    verify(rds).restoreDBInstanceToPointInTime(captor.capture());
    var r = captor.getValue();
    assertEquals("production", r.sourceDBInstanceIdentifier());
    assertEquals("recover-x", r.targetDBInstanceIdentifier());
    assertEquals(time, r.restoreTime());
    assertNull(r.useLatestRestorableTime(), "an exact time, so the identity is stable");
    assertEquals("db.t3.small", r.dbInstanceClass());
    assertEquals("dev-subnets", r.dbSubnetGroupName());
    assertEquals(true, r.copyTagsToSnapshot());
    assertEquals(
        Map.of("rdsecho:recover:managed", "true"),
        r.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)));
  }

  @Test
  void aFreshSnapshotIsTakenWithItsTagsAndOneThatExistsAlreadyIsLeft() {
    RdsSnapshots snapshots = new RdsSnapshots(rds);
    doReturn(null)
        .doThrow(
            software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException.builder()
                .message("exists")
                .build())
        .when(rds)
        .createDBSnapshot(
            any(software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest.class));
    snapshots.create(
        "production", "rdsecho-dev-20261121-030000", Map.of("rdsecho:dev:managed", "true"));
    snapshots.create(
        "production", "rdsecho-dev-20261121-030000", Map.of("rdsecho:dev:managed", "true"));
    ArgumentCaptor<software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest> captor =
        ArgumentCaptor.forClass(
            software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest.class);
    verify(rds, times(2)).createDBSnapshot(captor.capture());
    var r = captor.getAllValues().get(0);
    assertEquals("production", r.dbInstanceIdentifier());
    assertEquals("rdsecho-dev-20261121-030000", r.dbSnapshotIdentifier());
    assertEquals(
        Map.of("rdsecho:dev:managed", "true"),
        r.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)));
  }
}

package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.ModifyChanges;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;

/**
 * RDS instances as domain records. Tags come from the TagList of the paginated DescribeDBInstances
 * response itself: one call per page, none per instance, no ARNs to build.
 */
public final class RdsInstances {
  private final RdsClient rds;

  public RdsInstances(RdsClient rds) {
    this.rds = rds;
  }

  /** Every instance in the account and region, every page, through the SDK's paginator. */
  public List<EchoInstance> list() {
    DescribeDbInstancesRequest request =
        DescribeDbInstancesRequest.builder().maxRecords(100).build();
    return AwsErrors.call(
        "rds:DescribeDBInstances",
        () -> {
          List<EchoInstance> instances = new ArrayList<>();
          rds.describeDBInstancesPaginator(request)
              .dbInstances()
              .forEach(i -> instances.add(InstanceRecords.of(i)));
          return instances;
        });
  }

  public Optional<EchoInstance> find(String id) {
    try {
      DescribeDbInstancesResponse response =
          AwsErrors.call(
              "rds:DescribeDBInstances",
              () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)));
      return response.dbInstances().stream().findFirst().map(InstanceRecords::of);
    } catch (EchoException e) {
      if (e.getCause() instanceof DbInstanceNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The source's restorable window, from its automated backups; empty when it has none. */
  public Optional<org.rdsecho.stage.RestoreWindow> restoreWindow(String sourceInstanceId) {
    var response =
        AwsErrors.call(
            "rds:DescribeDBInstanceAutomatedBackups",
            () ->
                rds.describeDBInstanceAutomatedBackups(
                    r -> r.dbInstanceIdentifier(sourceInstanceId)));
    Optional<org.rdsecho.stage.RestoreWindow> window =
        response.dbInstanceAutomatedBackups().stream()
            .filter(
                b ->
                    b.restoreWindow() != null
                        && b.restoreWindow().earliestTime() != null
                        && b.restoreWindow().latestTime() != null)
            .findFirst()
            .map(
                b ->
                    new org.rdsecho.stage.RestoreWindow(
                        b.restoreWindow().earliestTime(), b.restoreWindow().latestTime()));
    if (window.isPresent()) {
      return window;
    }
    // where the backups do not report a window (some emulators), derive it from the instance:
    // its latest restorable time, and its backup retention period back from then
    var source =
        AwsErrors.call(
                "rds:DescribeDBInstances",
                () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier(sourceInstanceId)))
            .dbInstances();
    return source.stream()
        .findFirst()
        .filter(
            i ->
                i.latestRestorableTime() != null
                    && i.backupRetentionPeriod() != null
                    && i.backupRetentionPeriod() > 0)
        .map(
            i -> {
              java.time.Instant earliest =
                  i.latestRestorableTime()
                      .minus(java.time.Duration.ofDays(i.backupRetentionPeriod()));
              if (i.instanceCreateTime() != null && i.instanceCreateTime().isAfter(earliest)) {
                earliest = i.instanceCreateTime();
              }
              return new org.rdsecho.stage.RestoreWindow(earliest, i.latestRestorableTime());
            });
  }

  /**
   * Restores the source as it was at {@code time}, tags inside the request; false when it exists
   * already.
   */
  public boolean restoreToPointInTime(
      String instanceId,
      String sourceInstanceId,
      java.time.Instant time,
      RestoreSettings s,
      Map<String, String> tags) {
    var request = RestoreRequests.instanceAt(instanceId, sourceInstanceId, time, s, tags);
    return Creations.created(
        "rds:RestoreDBInstanceToPointInTime",
        DbInstanceAlreadyExistsException.class,
        () -> rds.restoreDBInstanceToPointInTime(request));
  }

  /**
   * Restores with the tags inside the request, so the instance is never untagged.
   *
   * @return false when an instance of that identifier already existed (a retry, or a concurrent
   *     run); the caller checks whose it is
   */
  public boolean restore(
      String instanceId, String snapshotId, RestoreSettings s, Map<String, String> tags) {
    var request = RestoreRequests.instanceFromSnapshot(instanceId, snapshotId, s, tags);
    return Creations.created(
        "rds:RestoreDBInstanceFromDBSnapshot",
        DbInstanceAlreadyExistsException.class,
        () -> rds.restoreDBInstanceFromDBSnapshot(request));
  }

  /**
   * @param password the master password, read from its environment variable just now; never logged
   */
  public void modify(String instanceId, ModifyChanges c, String password) {
    onInstance(
        "rds:ModifyDBInstance",
        instanceId,
        () ->
            rds.modifyDBInstance(
                r ->
                    r.dbInstanceIdentifier(instanceId)
                        .dbParameterGroupName(c.dbParameterGroupName())
                        .dbSecurityGroups(c.dbSecurityGroups())
                        .vpcSecurityGroupIds(c.vpcSecurityGroupIds())
                        .backupRetentionPeriod(c.backupRetentionPeriod())
                        .masterUserPassword(password)
                        .applyImmediately(c.applyImmediately())));
  }

  public void reboot(String instanceId) {
    onInstance(
        "rds:RebootDBInstance",
        instanceId,
        () -> rds.rebootDBInstance(r -> r.dbInstanceIdentifier(instanceId)));
  }

  /** Deletes; an instance already gone or already being deleted counts as done. */
  public void delete(String instanceId, String finalSnapshotId) {
    try {
      AwsErrors.call(
          "rds:DeleteDBInstance",
          () ->
              rds.deleteDBInstance(
                  r ->
                      r.dbInstanceIdentifier(instanceId)
                          .skipFinalSnapshot(finalSnapshotId == null)
                          .finalDBSnapshotIdentifier(finalSnapshotId)));
    } catch (EchoException e) {
      if (e.getCause() instanceof DbInstanceNotFoundException) {
        return;
      }
      if (e.getCause() instanceof InvalidDbInstanceStateException
          && find(instanceId).map(EchoInstance::isDeleting).orElse(true)) {
        return;
      }
      if (e.getCause() instanceof DbSnapshotAlreadyExistsException) {
        throw new EchoException(
            Outcome.FAILED,
            "cannot delete "
                + instanceId
                + ": a snapshot named "
                + finalSnapshotId
                + " already exists; delete or rename it, or change"
                + " rdsecho.retire.finalDbSnapshotIdentifier, then run retire again",
            e);
      }
      throw notReadyIfBusy(instanceId, e);
    }
  }

  public void addTags(String arn, Map<String, String> tags) {
    AwsErrors.call(
        "rds:AddTagsToResource",
        () -> rds.addTagsToResource(r -> r.resourceName(arn).tags(RdsTags.of(tags))));
  }

  public void removeTags(String arn, List<String> keys) {
    AwsErrors.call(
        "rds:RemoveTagsFromResource",
        () -> rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys(keys)));
  }

  private void onInstance(String action, String instanceId, Runnable call) {
    try {
      AwsErrors.call(
          action,
          () -> {
            call.run();
            return null;
          });
    } catch (EchoException e) {
      if (e.getCause() instanceof DbInstanceNotFoundException) {
        throw new EchoException(
            Outcome.FAILED,
            instanceId + " no longer exists (deleted by someone else?): run 'rds-echo status'",
            e);
      }
      throw notReadyIfBusy(instanceId, e);
    }
  }

  private static EchoException notReadyIfBusy(String instanceId, EchoException e) {
    if (e.getCause() instanceof InvalidDbInstanceStateException) {
      return new EchoException(
          Outcome.NOT_READY,
          instanceId + " is busy (" + e.getCause().getMessage() + "): run the command again later",
          e.getCause());
    }
    return e;
  }
}

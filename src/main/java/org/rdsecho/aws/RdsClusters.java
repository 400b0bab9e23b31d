package org.rdsecho.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rdsecho.config.RestoreSettings;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.ModifyChanges;
import org.rdsecho.stage.RestoreWindow;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;

/**
 * Aurora clusters (§12) as clones: each cluster with its instances is one {@link EchoInstance} of
 * kind cluster, whose tags, endpoint and status are the cluster's (its writer's status once the
 * cluster itself is available). Instances that belong to a cluster are not clones of their own.
 */
public final class RdsClusters {
  private final RdsClient rds;
  private final RdsInstances instances;

  public RdsClusters(RdsClient rds, RdsInstances instances) {
    this.rds = rds;
    this.instances = instances;
  }

  /**
   * Every cluster as a clone, and every instance that is in no cluster: one paginated
   * DescribeDBClusters and one paginated DescribeDBInstances, tags from both listings.
   */
  public List<EchoInstance> list() {
    List<DBCluster> clusters =
        AwsErrors.call(
            "rds:DescribeDBClusters",
            () -> {
              List<DBCluster> all = new ArrayList<>();
              rds.describeDBClustersPaginator(
                      DescribeDbClustersRequest.builder().maxRecords(100).build())
                  .dbClusters()
                  .forEach(all::add);
              return all;
            });
    Map<String, EchoInstance> byId =
        instances.list().stream()
            .collect(
                Collectors.toMap(
                    EchoInstance::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<EchoInstance> clones = new ArrayList<>();
    Set<String> members = new HashSet<>();
    for (DBCluster cluster : clusters) {
      clones.add(ClusterRecords.of(cluster, byId));
      cluster.dbClusterMembers().forEach(m -> members.add(m.dbInstanceIdentifier()));
    }
    byId.values().stream().filter(i -> !members.contains(i.id())).forEach(clones::add);
    return clones;
  }

  /** One cluster with its instances; empty when there is no cluster of that id. */
  public Optional<EchoInstance> find(String clusterId) {
    Optional<DBCluster> cluster = describe(clusterId);
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    Map<String, EchoInstance> byId = new LinkedHashMap<>();
    for (DBClusterMember member : cluster.get().dbClusterMembers()) {
      instances.find(member.dbInstanceIdentifier()).ifPresent(i -> byId.put(i.id(), i));
    }
    return Optional.of(ClusterRecords.of(cluster.get(), byId));
  }

  private Optional<DBCluster> describe(String clusterId) {
    try {
      return AwsErrors.call(
              "rds:DescribeDBClusters",
              () -> rds.describeDBClusters(r -> r.dbClusterIdentifier(clusterId)))
          .dbClusters()
          .stream()
          .findFirst();
    } catch (EchoException e) {
      if (e.getCause() instanceof DbClusterNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The source cluster's restorable window; empty when it has none (or does not exist). */
  public Optional<RestoreWindow> restoreWindow(String sourceClusterId) {
    return describe(sourceClusterId)
        .filter(c -> c.earliestRestorableTime() != null && c.latestRestorableTime() != null)
        .map(c -> new RestoreWindow(c.earliestRestorableTime(), c.latestRestorableTime()));
  }

  /**
   * Restores a cluster snapshot into a new cluster, tags inside the request; false when a cluster
   * of that id exists already. RDS needs the engine: the configured one, else the snapshot's.
   */
  public boolean restoreFromSnapshot(
      String clusterId, String snapshotId, RestoreSettings s, Map<String, String> tags) {
    String engine =
        s.engine() != null ? s.engine() : new RdsClusterSnapshots(rds).engineOf(snapshotId);
    var request = RestoreRequests.clusterFromSnapshot(clusterId, snapshotId, engine, s, tags);
    return Creations.created(
        "rds:RestoreDBClusterFromSnapshot",
        DbClusterAlreadyExistsException.class,
        () -> rds.restoreDBClusterFromSnapshot(request));
  }

  /**
   * Restores the source cluster as it was at {@code time} into a new cluster: a full copy, or with
   * {@code copyOnWrite} a clone that shares the source's storage until either side writes.
   */
  public boolean restoreToPointInTime(
      String clusterId,
      String sourceClusterId,
      Instant time,
      boolean copyOnWrite,
      RestoreSettings s,
      Map<String, String> tags) {
    var request = RestoreRequests.clusterAt(clusterId, sourceClusterId, time, copyOnWrite, s, tags);
    return Creations.created(
        "rds:RestoreDBClusterToPointInTime",
        DbClusterAlreadyExistsException.class,
        () -> rds.restoreDBClusterToPointInTime(request));
  }

  /**
   * Creates the writer instance in a cluster, with the cluster's engine; false when it exists
   * already.
   */
  public boolean createWriter(
      String instanceId, String clusterId, RestoreSettings s, Map<String, String> tags) {
    String engine =
        s.engine() != null
            ? s.engine()
            : describe(clusterId)
                .map(DBCluster::engine)
                .orElseThrow(
                    () ->
                        new EchoException(
                            Outcome.FAILED,
                            "cluster "
                                + clusterId
                                + " disappeared before its writer instance was"
                                + " created: run 'rds-echo status', then 'rds-echo new' again"));
    return Creations.created(
        "rds:CreateDBInstance",
        DbInstanceAlreadyExistsException.class,
        () ->
            rds.createDBInstance(
                r ->
                    r.dbInstanceIdentifier(instanceId)
                        .dbClusterIdentifier(clusterId)
                        .engine(engine)
                        .dbInstanceClass(s.dbInstanceClass())
                        .dbParameterGroupName(s.dbParameterGroupName())
                        .availabilityZone(s.availabilityZone())
                        .publiclyAccessible(s.publiclyAccessible())
                        .autoMinorVersionUpgrade(s.autoMinorVersionUpgrade())
                        .tags(RdsTags.of(tags))));
  }

  /**
   * @param password the master password, read from its environment variable just now; never logged
   */
  public void modify(String clusterId, ModifyChanges c, String password) {
    try {
      AwsErrors.call(
          "rds:ModifyDBCluster",
          () ->
              rds.modifyDBCluster(
                  r ->
                      r.dbClusterIdentifier(clusterId)
                          .vpcSecurityGroupIds(c.vpcSecurityGroupIds())
                          .backupRetentionPeriod(c.backupRetentionPeriod())
                          .masterUserPassword(password)
                          .dbClusterParameterGroupName(c.dbClusterParameterGroupName())
                          .applyImmediately(c.applyImmediately())));
    } catch (EchoException e) {
      throw notReadyIfBusy(clusterId, e);
    }
  }

  /** Deletes a cluster; one already gone or already being deleted counts as done. */
  public void delete(String clusterId, String finalSnapshotId) {
    try {
      AwsErrors.call(
          "rds:DeleteDBCluster",
          () ->
              rds.deleteDBCluster(
                  r ->
                      r.dbClusterIdentifier(clusterId)
                          .skipFinalSnapshot(finalSnapshotId == null)
                          .finalDBSnapshotIdentifier(finalSnapshotId)));
    } catch (EchoException e) {
      if (e.getCause() instanceof DbClusterNotFoundException) {
        return;
      }
      if (e.getCause() instanceof InvalidDbClusterStateException
          && describe(clusterId).map(c -> "deleting".equals(c.status())).orElse(true)) {
        return;
      }
      if (e.getCause() instanceof DbClusterSnapshotAlreadyExistsException) {
        throw new EchoException(
            Outcome.FAILED,
            "cannot delete "
                + clusterId
                + ": a cluster snapshot named "
                + finalSnapshotId
                + " already exists; delete or rename it, or change"
                + " rdsecho.retire.finalDbSnapshotIdentifier, then run retire again",
            e);
      }
      throw notReadyIfBusy(clusterId, e);
    }
  }

  private static EchoException notReadyIfBusy(String clusterId, EchoException e) {
    if (e.getCause() instanceof InvalidDbClusterStateException) {
      return new EchoException(
          Outcome.NOT_READY,
          clusterId + " is busy (" + e.getCause().getMessage() + "): run the command again later",
          e.getCause());
    }
    if (e.getCause() instanceof DbClusterNotFoundException) {
      return new EchoException(
          Outcome.FAILED,
          clusterId + " no longer exists (deleted by someone else?): run" + " 'rds-echo status'",
          e);
    }
    return e;
  }
}

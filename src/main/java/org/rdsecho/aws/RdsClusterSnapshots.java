package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.SnapshotInfo;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;

/**
 * DB cluster snapshots (Aurora, §12): the same rules as {@link RdsSnapshots}, on the cluster calls.
 */
public final class RdsClusterSnapshots implements SnapshotStore {
  private final RdsClient rds;

  public RdsClusterSnapshots(RdsClient rds) {
    this.rds = rds;
  }

  @Override
  public List<SnapshotInfo> of(String sourceClusterId, SnapshotType type) {
    if (type == SnapshotType.SHARED) {
      // shared snapshots are listed by type; their cluster identifier is the one in the other
      // account
      return all(
              DescribeDbClusterSnapshotsRequest.builder()
                  .snapshotType("shared")
                  .includeShared(true)
                  .maxRecords(100)
                  .build())
          .stream()
          .filter(s -> sourceClusterId.equals(s.sourceInstanceId()))
          .toList();
    }
    return all(
        DescribeDbClusterSnapshotsRequest.builder()
            .dbClusterIdentifier(sourceClusterId)
            .snapshotType(type == SnapshotType.ANY ? null : type.apiValue())
            .maxRecords(100)
            .build());
  }

  @Override
  public List<SnapshotInfo> manual() {
    return all(
        DescribeDbClusterSnapshotsRequest.builder().snapshotType("manual").maxRecords(100).build());
  }

  @Override
  public Optional<SnapshotInfo> find(String snapshotId) {
    try {
      return AwsErrors.call(
              "rds:DescribeDBClusterSnapshots",
              () -> rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(snapshotId)))
          .dbClusterSnapshots()
          .stream()
          .findFirst()
          .map(RdsClusterSnapshots::toDomain);
    } catch (EchoException e) {
      if (e.getCause() instanceof DbClusterSnapshotNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void create(String sourceClusterId, String snapshotId, Map<String, String> tags) {
    Creations.created(
        "rds:CreateDBClusterSnapshot",
        DbClusterSnapshotAlreadyExistsException.class,
        () ->
            rds.createDBClusterSnapshot(
                r ->
                    r.dbClusterIdentifier(sourceClusterId)
                        .dbClusterSnapshotIdentifier(snapshotId)
                        .tags(RdsTags.of(tags))));
  }

  @Override
  public void copy(
      String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags) {
    Creations.created(
        "rds:CopyDBClusterSnapshot",
        DbClusterSnapshotAlreadyExistsException.class,
        () ->
            rds.copyDBClusterSnapshot(
                r ->
                    r.sourceDBClusterSnapshotIdentifier(sourceSnapshot)
                        .targetDBClusterSnapshotIdentifier(copyId)
                        .kmsKeyId(kmsKeyId)
                        .sourceRegion(RdsSnapshots.sourceRegion(rds, sourceSnapshot))
                        .tags(RdsTags.of(tags))));
  }

  @Override
  public void delete(String snapshotId) {
    try {
      AwsErrors.call(
          "rds:DeleteDBClusterSnapshot",
          () -> rds.deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier(snapshotId)));
    } catch (EchoException e) {
      if (!(e.getCause() instanceof DbClusterSnapshotNotFoundException)) {
        throw e;
      }
    }
  }

  /** The engine of a cluster snapshot, which RestoreDBClusterFromSnapshot requires. */
  String engineOf(String snapshotId) {
    return AwsErrors.call(
            "rds:DescribeDBClusterSnapshots",
            () -> rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(snapshotId)))
        .dbClusterSnapshots()
        .stream()
        .findFirst()
        .map(DBClusterSnapshot::engine)
        .orElseThrow(
            () ->
                new EchoException(
                    org.rdsecho.core.Outcome.FAILED,
                    "cluster snapshot " + snapshotId + " not found: run 'rds-echo new' again"));
  }

  private List<SnapshotInfo> all(DescribeDbClusterSnapshotsRequest request) {
    return AwsErrors.call(
        "rds:DescribeDBClusterSnapshots",
        () -> {
          List<SnapshotInfo> snapshots = new ArrayList<>();
          rds.describeDBClusterSnapshotsPaginator(request)
              .dbClusterSnapshots()
              .forEach(s -> snapshots.add(toDomain(s)));
          return snapshots;
        });
  }

  static SnapshotInfo toDomain(DBClusterSnapshot s) {
    return new SnapshotInfo(
        s.dbClusterSnapshotIdentifier(),
        s.dbClusterIdentifier(),
        s.snapshotType(),
        s.status() == null ? "unknown" : s.status(),
        s.snapshotCreateTime(),
        RdsTags.toMap(s.tagList()),
        s.dbClusterSnapshotArn());
  }
}

package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.EchoConfig.SnapshotType;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.SnapshotInfo;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

/** Snapshots of the source instance, read only: rds-echo never changes them. */
public final class RdsSnapshots {
  private final RdsClient rds;

  public RdsSnapshots(RdsClient rds) {
    this.rds = rds;
  }

  /** The source's snapshots of the given type, following markers. */
  public List<SnapshotInfo> of(String sourceInstanceId, SnapshotType type) {
    List<SnapshotInfo> snapshots = new ArrayList<>();
    String marker = null;
    do {
      DescribeDbSnapshotsRequest request =
          DescribeDbSnapshotsRequest.builder()
              .dbInstanceIdentifier(sourceInstanceId)
              .snapshotType(type == SnapshotType.ANY ? null : type.apiValue())
              .marker(marker)
              .maxRecords(100)
              .build();
      DescribeDbSnapshotsResponse page =
          AwsCalls.call("rds:DescribeDBSnapshots", () -> rds.describeDBSnapshots(request));
      page.dbSnapshots().forEach(s -> snapshots.add(toDomain(s)));
      marker = page.marker();
    } while (marker != null && !marker.isEmpty());
    return snapshots;
  }

  /**
   * Every manual snapshot in the account and region, with its tags (DescribeDBSnapshots returns
   * them), for pruning the ones rds-echo made.
   */
  public List<SnapshotInfo> manual() {
    List<SnapshotInfo> snapshots = new ArrayList<>();
    String marker = null;
    do {
      DescribeDbSnapshotsRequest request =
          DescribeDbSnapshotsRequest.builder().snapshotType("manual").marker(marker).maxRecords(100).build();
      DescribeDbSnapshotsResponse page =
          AwsCalls.call("rds:DescribeDBSnapshots", () -> rds.describeDBSnapshots(request));
      page.dbSnapshots().forEach(s -> snapshots.add(toDomain(s)));
      marker = page.marker();
    } while (marker != null && !marker.isEmpty());
    return snapshots;
  }

  /** Deletes a snapshot; one already gone counts as deleted (a rerun after a crash). */
  public void delete(String snapshotId) {
    try {
      AwsCalls.call("rds:DeleteDBSnapshot", () -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshotId)));
    } catch (EchoException e) {
      if (!(e.getCause() instanceof DbSnapshotNotFoundException)) {
        throw e;
      }
    }
  }

  public Optional<SnapshotInfo> find(String snapshotId) {
    try {
      DescribeDbSnapshotsResponse response =
          AwsCalls.call(
              "rds:DescribeDBSnapshots",
              () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)));
      return response.dbSnapshots().stream().findFirst().map(RdsSnapshots::toDomain);
    } catch (EchoException e) {
      if (e.getCause() instanceof DbSnapshotNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static SnapshotInfo toDomain(DBSnapshot s) {
    return new SnapshotInfo(
        s.dbSnapshotIdentifier(),
        s.dbInstanceIdentifier(),
        s.snapshotType(),
        s.status() == null ? "unknown" : s.status(),
        s.snapshotCreateTime(),
        s.hasTagList() ? s.tagList().stream().collect(java.util.stream.Collectors.toMap(
            software.amazon.awssdk.services.rds.model.Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b))
            : java.util.Map.of());
  }
}

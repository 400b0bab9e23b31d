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
        s.snapshotCreateTime());
  }
}

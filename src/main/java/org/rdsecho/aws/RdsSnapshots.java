package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.SnapshotInfo;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

/**
 * DB snapshots: of the source instance (read only), and the ones rds-echo takes, copies and prunes.
 */
public final class RdsSnapshots implements SnapshotStore {
  private final RdsClient rds;

  public RdsSnapshots(RdsClient rds) {
    this.rds = rds;
  }

  /** The source's snapshots of the given type, every page. */
  @Override
  public List<SnapshotInfo> of(String sourceInstanceId, SnapshotType type) {
    if (type == SnapshotType.SHARED) {
      // shared snapshots are listed by type; their instance identifier is the one in the other
      // account
      return all(
              DescribeDbSnapshotsRequest.builder()
                  .snapshotType("shared")
                  .includeShared(true)
                  .maxRecords(100)
                  .build())
          .stream()
          .filter(s -> sourceInstanceId.equals(s.sourceInstanceId()))
          .toList();
    }
    return all(
        DescribeDbSnapshotsRequest.builder()
            .dbInstanceIdentifier(sourceInstanceId)
            .snapshotType(type == SnapshotType.ANY ? null : type.apiValue())
            .maxRecords(100)
            .build());
  }

  /**
   * Copies a (shared) snapshot into this account with a key of its own; an existing copy is left.
   */
  @Override
  public void copy(
      String sourceSnapshot, String copyId, String kmsKeyId, java.util.Map<String, String> tags) {
    Creations.created(
        "rds:CopyDBSnapshot",
        DbSnapshotAlreadyExistsException.class,
        () ->
            rds.copyDBSnapshot(
                r ->
                    r.sourceDBSnapshotIdentifier(sourceSnapshot)
                        .targetDBSnapshotIdentifier(copyId)
                        .kmsKeyId(kmsKeyId)
                        .sourceRegion(sourceRegion(rds, sourceSnapshot))
                        .tags(RdsTags.of(tags))));
  }

  /**
   * Every manual snapshot in the account and region, with its tags (DescribeDBSnapshots returns
   * them), for pruning the ones rds-echo made.
   */
  @Override
  public List<SnapshotInfo> manual() {
    return all(DescribeDbSnapshotsRequest.builder().snapshotType("manual").maxRecords(100).build());
  }

  /** Every page of a listing, through the SDK's paginator. */
  private List<SnapshotInfo> all(DescribeDbSnapshotsRequest request) {
    return AwsErrors.call(
        "rds:DescribeDBSnapshots",
        () -> {
          List<SnapshotInfo> snapshots = new ArrayList<>();
          rds.describeDBSnapshotsPaginator(request)
              .dbSnapshots()
              .forEach(s -> snapshots.add(toDomain(s)));
          return snapshots;
        });
  }

  /**
   * Takes a manual snapshot of an instance with tags; one that exists already is left (a rerun).
   */
  @Override
  public void create(String instanceId, String snapshotId, java.util.Map<String, String> tags) {
    Creations.created(
        "rds:CreateDBSnapshot",
        DbSnapshotAlreadyExistsException.class,
        () ->
            rds.createDBSnapshot(
                r ->
                    r.dbInstanceIdentifier(instanceId)
                        .dbSnapshotIdentifier(snapshotId)
                        .tags(RdsTags.of(tags))));
  }

  /** Deletes a snapshot; one already gone counts as deleted (a rerun after a crash). */
  @Override
  public void delete(String snapshotId) {
    try {
      AwsErrors.call(
          "rds:DeleteDBSnapshot",
          () -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshotId)));
    } catch (EchoException e) {
      if (!(e.getCause() instanceof DbSnapshotNotFoundException)) {
        throw e;
      }
    }
  }

  @Override
  public Optional<SnapshotInfo> find(String snapshotId) {
    try {
      DescribeDbSnapshotsResponse response =
          AwsErrors.call(
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

  /**
   * The region of a snapshot given by ARN when it is not this client's: RDS then needs a pre-signed
   * request from that region, which the SDK makes when SourceRegion is set. Null for a snapshot of
   * this region (or one given by name).
   */
  static String sourceRegion(RdsClient rds, String snapshot) {
    String[] arn = snapshot.split(":");
    if (!snapshot.startsWith("arn:") || arn.length < 4 || arn[3].isEmpty()) {
      return null;
    }
    String here;
    try {
      here = rds.serviceClientConfiguration().region().id();
    } catch (RuntimeException e) {
      here = null;
    }
    return arn[3].equals(here) ? null : arn[3];
  }

  static SnapshotInfo toDomain(DBSnapshot s) {
    return new SnapshotInfo(
        s.dbSnapshotIdentifier(),
        s.dbInstanceIdentifier(),
        s.snapshotType(),
        s.status() == null ? "unknown" : s.status(),
        s.snapshotCreateTime(),
        RdsTags.toMap(s.tagList()),
        s.dbSnapshotArn());
  }
}

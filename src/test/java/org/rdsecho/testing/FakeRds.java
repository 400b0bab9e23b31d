package org.rdsecho.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * An in-memory stand-in for the part of RDS rds-echo relies on, behind the real SDK interface:
 * instances with status transitions and tags, snapshots, pagination with markers, and the errors
 * RDS raises (already exists, not found, invalid state). Busy instances settle when the test says
 * so, or after being seen by a number of describe calls.
 */
public final class FakeRds implements RdsClient {
  public static final String ACCOUNT = "123456789012";

  /** The region the fake's resources live in (their ARNs say so). */
  public static final String REGION = "us-east-1";

  /** One instance's state. */
  public static final class Instance {
    public final String id;
    public String status;
    public Instant createdAt;
    public boolean hasEndpoint;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final Map<String, String> parameterGroups = new LinkedHashMap<>();
    public List<String> vpcGroups = new ArrayList<>();
    public Integer backupRetention = 1;
    public Integer pendingBackupRetention;
    public String restoredFrom;
    public Map<String, Object> restoreRequest = Map.of();
    public boolean copyTagsToSnapshot;

    /** The master password the last ModifyDBInstance set, to prove it reached AWS. */
    public String masterPassword;

    /** The Aurora cluster this instance belongs to, or null. */
    public String clusterId;

    /**
     * The settings its restore or create named (by SDK member name: DBInstanceClass, MultiAZ, ...).
     */
    public final Map<String, Object> settings = new LinkedHashMap<>();

    Instance(String id) {
      this.id = id;
    }

    public String endpoint() {
      return endpointOf(id);
    }

    public String arn() {
      return "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:" + id;
    }
  }

  /** The endpoint address RDS gives the instance {@code id}. */
  public static String endpointOf(String id) {
    return id + ".c0ffee.us-east-1.rds.amazonaws.com";
  }

  /** The endpoint address RDS gives the cluster {@code id}. */
  public static String clusterEndpointOf(String id) {
    return id + ".cluster-c0ffee.us-east-1.rds.amazonaws.com";
  }

  /**
   * One Aurora cluster's state (§12); its instances are {@link Instance}s with its {@code
   * clusterId}.
   */
  public static final class Cluster {
    public final String id;
    public String status;
    public Instant createdAt;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public List<String> vpcGroups = new ArrayList<>();
    public Integer backupRetention = 1;
    public String parameterGroup = "default.aurora-mysql8.0";
    public String parameterGroupStatus = "in-sync";
    public String restoredFrom;
    public boolean copyTagsToSnapshot;
    public String masterPassword;
    public Instant earliestRestorable;
    public Instant latestRestorable;

    Cluster(String id) {
      this.id = id;
    }

    public String arn() {
      return "arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:" + id;
    }

    public String endpoint() {
      return clusterEndpointOf(id);
    }

    /** The reader endpoint RDS gives every Aurora cluster. */
    public String readerEndpoint() {
      return id + ".cluster-ro-c0ffee.us-east-1.rds.amazonaws.com";
    }

    /** Custom endpoints (none unless a test adds them). */
    public final List<String> customEndpoints = new ArrayList<>();
  }

  /** One snapshot's state. */
  public record Snapshot(
      String id,
      String source,
      String type,
      String status,
      Instant createdAt,
      Map<String, String> tags) {
    public Snapshot(String id, String source, String type, String status, Instant createdAt) {
      this(id, source, type, status, createdAt, Map.of());
    }
  }

  private final Supplier<Instant> clock;
  private final WriteBudget budget;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, Snapshot> clusterSnapshots = new LinkedHashMap<>();
  private final List<String> writeLog = new ArrayList<>();
  private int pageSize = 2;
  private int describeCalls;
  private int snapshotLooks;

  /** With --wait tests: busy instances settle after being described this many times. */
  private int settleAfterDescribes = -1;

  /** Every call as IAM would see it (action, resources with their tags, request tags). */
  public final List<AwsCall> calls = new ArrayList<>();

  private String arn(String kind, String id) {
    return "arn:aws:rds:us-east-1:" + ACCOUNT + ":" + kind + ":" + id;
  }

  private AwsCall.Resource dbResource(Instance i) {
    return new AwsCall.Resource(arn("db", i.id), Map.copyOf(i.tags));
  }

  /** The next AddTagsToResource on the resource with this id fails before any effect (once). */
  public volatile String failNextAddTagsOn;

  /** Runs at every describe and after every write: lets a test hold a command still mid-run. */
  public volatile Runnable onCall = () -> {};

  /**
   * The n-th RDS call from now (1 = the next) fails with Throttling before it has any effect; 0 =
   * none.
   */
  private int throttleIn;

  /** Throttling as AWS does it under load: the chosen call is refused and changes nothing. */
  public void throttleCall(int n) {
    this.throttleIn = n;
  }

  /** Whether a throttling armed by {@link #throttleCall} is still waiting for its call. */
  public boolean throttleArmed() {
    return throttleIn > 0;
  }

  /** AWS allows 50 tags per resource: more fails the whole request, as RDS does. */
  public static final int TAG_QUOTA = 50;

  private static void withinTagQuota(int tags) {
    if (tags > TAG_QUOTA) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "TagQuotaPerResourceExceeded",
          400,
          "Exceeded the maximum number of tags per resource (" + TAG_QUOTA + ")");
    }
  }

  private void enter() {
    if (throttleIn > 0 && --throttleIn == 0) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "Throttling",
          400,
          "Rate exceeded");
    }
  }

  public FakeRds(Supplier<Instant> clock, WriteBudget budget) {
    this.clock = clock;
    this.budget = budget;
  }

  // ---- test set-up and inspection ----

  public Instance addInstance(String id, String status, Instant createdAt) {
    Instance i = new Instance(id);
    i.status = status;
    i.createdAt = createdAt;
    i.hasEndpoint = !"creating".equals(status);
    i.parameterGroups.put("default.mysql8.0", "in-sync");
    instances.put(id, i);
    return i;
  }

  public void addSnapshot(
      String id,
      String source,
      String type,
      String status,
      Instant createdAt,
      Map<String, String> tags) {
    snapshots.put(id, new Snapshot(id, source, type, status, createdAt, tags));
  }

  public void addSnapshot(String id, String source, String type, String status, Instant createdAt) {
    snapshots.put(id, new Snapshot(id, source, type, status, createdAt));
  }

  public Cluster cluster(String id) {
    return clusters.get(id);
  }

  public Instance instance(String id) {
    return instances.get(id);
  }

  public Map<String, Instance> instances() {
    return instances;
  }

  public Map<String, Snapshot> snapshots() {
    return snapshots;
  }

  /** Every write, in order, as "Operation id". */
  public List<String> writeLog() {
    return writeLog;
  }

  public int describeCalls() {
    return describeCalls;
  }

  public void pageSize(int size) {
    this.pageSize = size;
  }

  public void settleAfterDescribes(int n) {
    this.settleAfterDescribes = n;
  }

  /**
   * RDS finishes whatever it was doing: creations, modifications, reboots, deletions, snapshots.
   */
  public void settle() {
    snapshots.replaceAll(
        (id, s) ->
            "creating".equals(s.status())
                ? new Snapshot(s.id(), s.source(), s.type(), "available", s.createdAt(), s.tags())
                : s);
    clusterSnapshots.replaceAll(
        (id, s) ->
            "creating".equals(s.status())
                ? new Snapshot(s.id(), s.source(), s.type(), "available", s.createdAt(), s.tags())
                : s);
    for (Cluster c : List.copyOf(clusters.values())) {
      switch (c.status) {
        case "creating" -> {
          c.status = "available";
          c.createdAt = c.createdAt == null ? clock.get() : c.createdAt;
        }
        case "modifying", "backing-up" -> c.status = "available";
        case "deleting" -> clusters.remove(c.id);
        default -> {}
      }
    }
    for (Instance i : List.copyOf(instances.values())) {
      switch (i.status) {
        case "creating" -> {
          i.status = "available";
          i.hasEndpoint = true;
          i.createdAt = i.createdAt == null ? clock.get() : i.createdAt;
        }
        case "modifying", "rebooting", "backing-up" -> i.status = "available";
        case "deleting" -> instances.remove(i.id);
        default -> {}
      }
    }
  }

  // ---- RdsClient ----

  @Override
  public String serviceName() {
    return "rds";
  }

  /**
   * The region this client talks to, as a real client's configuration tells (CopyDBSnapshot's
   * SourceRegion).
   */
  @Override
  public software.amazon.awssdk.services.rds.RdsServiceClientConfiguration
      serviceClientConfiguration() {
    return software.amazon.awssdk.services.rds.RdsServiceClientConfiguration.builder()
        .region(software.amazon.awssdk.regions.Region.of(REGION))
        .build();
  }

  @Override
  public void close() {}

  @Override
  public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
    Modelled.only("FakeRds", request, "dbInstanceIdentifier", "marker", "maxRecords");
    enter();
    onCall.run();
    calls.add(AwsCall.of("rds:DescribeDBInstances", "*"));
    describeCalls++;
    // only before a listing's first page, so that one listing sees one state of the world
    if (settleAfterDescribes >= 0
        && describeCalls % Math.max(1, settleAfterDescribes) == 0
        && request.marker() == null) {
      settle();
    }
    if (request.dbInstanceIdentifier() != null) {
      Instance i = instances.get(request.dbInstanceIdentifier());
      if (i == null) {
        throw error(
            DbInstanceNotFoundException.builder(),
            "DBInstanceNotFound",
            404,
            "DBInstance " + request.dbInstanceIdentifier() + " not found.");
      }
      return DescribeDbInstancesResponse.builder().dbInstances(toSdk(i)).build();
    }
    List<Instance> all = new ArrayList<>(instances.values());
    all.sort(Comparator.comparing(i -> i.id));
    // a listing that shrank between pages (RDS finished a deletion) ends early, as a real marker
    // would
    int start =
        request.marker() == null ? 0 : Math.min(Integer.parseInt(request.marker()), all.size());
    int end = Math.min(all.size(), start + page(request.maxRecords()));
    return DescribeDbInstancesResponse.builder()
        .dbInstances(all.subList(start, end).stream().map(this::toSdk).toList())
        .marker(end < all.size() ? String.valueOf(end) : null)
        .build();
  }

  @Override
  public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "dbInstanceIdentifier",
        "dbSnapshotIdentifier",
        "marker",
        "snapshotType",
        "maxRecords",
        "includeShared");
    enter();
    onCall.run();
    calls.add(AwsCall.of("rds:DescribeDBSnapshots", "*"));
    if (request.dbSnapshotIdentifier() != null && settleAfterDescribes >= 0) {
      // a --wait on one snapshot: RDS finishes it after a few looks, as instances do
      snapshotLooks++;
      if (snapshotLooks % Math.max(1, settleAfterDescribes) == 0) {
        settle();
      }
    }
    if (request.dbSnapshotIdentifier() != null) {
      Snapshot s = snapshots.get(request.dbSnapshotIdentifier());
      if (s == null) {
        throw error(
            DbSnapshotNotFoundException.builder(),
            "DBSnapshotNotFound",
            404,
            "DBSnapshot " + request.dbSnapshotIdentifier() + " not found.");
      }
      return DescribeDbSnapshotsResponse.builder().dbSnapshots(toSdk(s)).build();
    }
    List<Snapshot> matching =
        snapshots.values().stream()
            .filter(
                s ->
                    request.dbInstanceIdentifier() == null
                        || s.source().equals(request.dbInstanceIdentifier()))
            .filter(s -> request.snapshotType() == null || s.type().equals(request.snapshotType()))
            .filter(s -> !"shared".equals(s.type()) || Boolean.TRUE.equals(request.includeShared()))
            .toList();
    // a listing that shrank between pages (RDS finished a deletion) ends early, as a real marker
    // would
    int start =
        request.marker() == null
            ? 0
            : Math.min(Integer.parseInt(request.marker()), matching.size());
    int end = Math.min(matching.size(), start + page(request.maxRecords()));
    return DescribeDbSnapshotsResponse.builder()
        .dbSnapshots(matching.subList(start, end).stream().map(FakeRds::toSdk).toList())
        .marker(end < matching.size() ? String.valueOf(end) : null)
        .build();
  }

  @Override
  public RestoreDbInstanceFromDbSnapshotResponse restoreDBInstanceFromDBSnapshot(
      RestoreDbInstanceFromDbSnapshotRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "copyTagsToSnapshot",
        "dbInstanceIdentifier",
        "dbParameterGroupName",
        "dbSnapshotIdentifier",
        "tags",
        "vpcSecurityGroupIds",
        "engine",
        "licenseModel",
        "dbInstanceClass",
        "multiAZ",
        "storageType",
        "iops",
        "port",
        "optionGroupName",
        "autoMinorVersionUpgrade",
        "availabilityZone",
        "publiclyAccessible",
        "dbSubnetGroupName");
    enter();
    String id = request.dbInstanceIdentifier();
    if (instances.containsKey(id)) {
      throw error(
          DbInstanceAlreadyExistsException.builder(),
          "DBInstanceAlreadyExists",
          400,
          "DB instance already exists");
    }
    Snapshot s = snapshots.get(request.dbSnapshotIdentifier());
    if (s == null) {
      throw error(
          DbSnapshotNotFoundException.builder(), "DBSnapshotNotFound", 404, "snapshot not found");
    }
    List<AwsCall.Resource> touched =
        new ArrayList<>(
            List.of(
                AwsCall.Resource.of(arn("db", id)), AwsCall.Resource.of(arn("snapshot", s.id()))));
    if (request.dbSubnetGroupName() != null) {
      touched.add(AwsCall.Resource.of(arn("subgrp", request.dbSubnetGroupName())));
    }
    if (request.dbParameterGroupName() != null) {
      touched.add(AwsCall.Resource.of(arn("pg", request.dbParameterGroupName())));
    }
    Map<String, List<String>> requestTags = new LinkedHashMap<>();
    request.tags().forEach(t -> requestTags.put("aws:RequestTag/" + t.key(), List.of(t.value())));
    calls.add(new AwsCall("rds:RestoreDBInstanceFromDBSnapshot", touched, requestTags));
    // tags in a create request need the tagging permission on the new resource too
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource", List.of(AwsCall.Resource.of(arn("db", id))), requestTags));
    withinTagQuota(request.tags().size());
    Instance i = addInstance(id, "creating", null);
    i.restoredFrom = s.id();
    keepSettings(i, request);
    i.copyTagsToSnapshot = Boolean.TRUE.equals(request.copyTagsToSnapshot());
    request.tags().forEach(t -> i.tags.put(t.key(), t.value()));
    if (request.tags().isEmpty()) {
      i.tags.putAll(s.tags()); // as AWS (and moto) do: a restore without tags gets the snapshot's
    }
    if (request.dbParameterGroupName() != null) {
      i.parameterGroups.clear();
      i.parameterGroups.put(request.dbParameterGroupName(), "in-sync");
    }
    if (request.hasVpcSecurityGroupIds()) {
      i.vpcGroups = new ArrayList<>(request.vpcSecurityGroupIds());
    }
    wrote("RestoreDBInstanceFromDBSnapshot " + id);
    return RestoreDbInstanceFromDbSnapshotResponse.builder().dbInstance(toSdk(i)).build();
  }

  @Override
  public ModifyDbInstanceResponse modifyDBInstance(ModifyDbInstanceRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "applyImmediately",
        "backupRetentionPeriod",
        "dbInstanceIdentifier",
        "dbParameterGroupName",
        "masterUserPassword",
        "vpcSecurityGroupIds");
    enter();
    Instance i = available(request.dbInstanceIdentifier());
    List<AwsCall.Resource> touched = new ArrayList<>(List.of(dbResource(i)));
    if (request.dbParameterGroupName() != null) {
      touched.add(AwsCall.Resource.of(arn("pg", request.dbParameterGroupName())));
    }
    calls.add(new AwsCall("rds:ModifyDBInstance", touched, Map.of()));
    if (request.masterUserPassword() != null) {
      i.masterPassword = request.masterUserPassword();
    }
    if (request.dbParameterGroupName() != null) {
      i.parameterGroups.clear();
      i.parameterGroups.put(request.dbParameterGroupName(), "pending-reboot");
    }
    if (request.hasVpcSecurityGroupIds()) {
      i.vpcGroups = new ArrayList<>(request.vpcSecurityGroupIds());
    }
    if (request.backupRetentionPeriod() != null) {
      if (Boolean.TRUE.equals(request.applyImmediately())) {
        i.backupRetention = request.backupRetentionPeriod();
      } else {
        i.pendingBackupRetention = request.backupRetentionPeriod();
      }
    }
    i.status = "modifying";
    wrote("ModifyDBInstance " + i.id);
    return ModifyDbInstanceResponse.builder().dbInstance(toSdk(i)).build();
  }

  /**
   * The source's restorable window, for point-in-time restores; null means no automated backups.
   */
  public Instant earliestRestorable;

  public Instant latestRestorable;

  @Override
  public software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse
      describeDBInstanceAutomatedBackups(
          software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest
              request) {
    Modelled.only("FakeRds", request, "dbInstanceIdentifier");
    enter();
    calls.add(AwsCall.of("rds:DescribeDBInstanceAutomatedBackups", "*"));
    var builder =
        software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse
            .builder();
    if (earliestRestorable == null || !instances.containsKey(request.dbInstanceIdentifier())) {
      return builder.build();
    }
    return builder
        .dbInstanceAutomatedBackups(
            software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup.builder()
                .dbInstanceIdentifier(request.dbInstanceIdentifier())
                .restoreWindow(
                    software.amazon.awssdk.services.rds.model.RestoreWindow.builder()
                        .earliestTime(earliestRestorable)
                        .latestTime(latestRestorable)
                        .build())
                .build())
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse
      restoreDBInstanceToPointInTime(
          software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "copyTagsToSnapshot",
        "restoreTime",
        "useLatestRestorableTime",
        "sourceDBInstanceIdentifier",
        "tags",
        "targetDBInstanceIdentifier",
        "dbParameterGroupName",
        "vpcSecurityGroupIds",
        "engine",
        "licenseModel",
        "dbInstanceClass",
        "multiAZ",
        "storageType",
        "iops",
        "port",
        "optionGroupName",
        "autoMinorVersionUpgrade",
        "availabilityZone",
        "publiclyAccessible",
        "dbSubnetGroupName");
    enter();
    String id = request.targetDBInstanceIdentifier();
    Instance source = instances.get(request.sourceDBInstanceIdentifier());
    Map<String, List<String>> requestTags = new LinkedHashMap<>();
    request.tags().forEach(t -> requestTags.put("aws:RequestTag/" + t.key(), List.of(t.value())));
    calls.add(
        new AwsCall(
            "rds:RestoreDBInstanceToPointInTime",
            List.of(
                AwsCall.Resource.of(arn("db", id)),
                AwsCall.Resource.of(arn("db", request.sourceDBInstanceIdentifier()))),
            requestTags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource", List.of(AwsCall.Resource.of(arn("db", id))), requestTags));
    if (instances.containsKey(id)) {
      throw error(
          DbInstanceAlreadyExistsException.builder(), "DBInstanceAlreadyExists", 400, "exists");
    }
    if (source == null) {
      throw error(
          DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404, "source not found");
    }
    boolean latest = Boolean.TRUE.equals(request.useLatestRestorableTime());
    if (latest == (request.restoreTime() != null)) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InvalidParameterCombination",
          400,
          "Give exactly one of RestoreTime and UseLatestRestorableTime");
    }
    withinTagQuota(request.tags().size());
    Instance i = addInstance(id, "creating", null);
    i.restoredFrom =
        "pit:"
            + (latest
                ? (latestRestorable != null ? latestRestorable : clock.get())
                : request.restoreTime());
    keepSettings(i, request);
    if (request.dbParameterGroupName() != null) {
      i.parameterGroups.clear();
      i.parameterGroups.put(request.dbParameterGroupName(), "in-sync");
    }
    if (request.hasVpcSecurityGroupIds()) {
      i.vpcGroups = new ArrayList<>(request.vpcSecurityGroupIds());
    }
    i.copyTagsToSnapshot = Boolean.TRUE.equals(request.copyTagsToSnapshot());
    request.tags().forEach(t -> i.tags.put(t.key(), t.value()));
    if (request.tags().isEmpty()) {
      i.tags.putAll(source.tags); // as moto does (and people's tooling): the source instance's tags
    }
    wrote("RestoreDBInstanceToPointInTime " + id);
    return software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse
        .builder()
        .dbInstance(toSdk(i))
        .build();
  }

  /** The KMS key ids this account may use for copies; a copy with another key fails as RDS does. */
  public final java.util.Set<String> usableKeys =
      new java.util.HashSet<>(java.util.Set.of("alias/rds-echo"));

  @Override
  public software.amazon.awssdk.services.rds.model.CopyDbSnapshotResponse copyDBSnapshot(
      software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "copyTags",
        "kmsKeyId",
        "sourceDBSnapshotIdentifier",
        "tags",
        "targetDBSnapshotIdentifier",
        "sourceRegion");
    // SourceRegion: the region of a source given by ARN in another region (the SDK pre-signs there)
    String[] sourceArn = request.sourceDBSnapshotIdentifier().split(":");
    String otherRegion =
        sourceArn.length > 3 && sourceArn[0].equals("arn") && !sourceArn[3].equals(REGION)
            ? sourceArn[3]
            : null;
    if (!java.util.Objects.equals(otherRegion, request.sourceRegion())) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InvalidParameterValue",
          400,
          "SourceRegion "
              + request.sourceRegion()
              + " does not match the source snapshot "
              + request.sourceDBSnapshotIdentifier()
              + " copied into "
              + REGION);
    }
    enter();
    Map<String, List<String>> requestTags = new LinkedHashMap<>();
    request.tags().forEach(t -> requestTags.put("aws:RequestTag/" + t.key(), List.of(t.value())));
    calls.add(
        new AwsCall(
            "rds:CopyDBSnapshot",
            List.of(
                AwsCall.Resource.of(
                    request.sourceDBSnapshotIdentifier().startsWith("arn:")
                        ? request.sourceDBSnapshotIdentifier()
                        : arn("snapshot", request.sourceDBSnapshotIdentifier())),
                AwsCall.Resource.of(arn("snapshot", request.targetDBSnapshotIdentifier()))),
            requestTags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource",
            List.of(AwsCall.Resource.of(arn("snapshot", request.targetDBSnapshotIdentifier()))),
            requestTags));
    Snapshot source = snapshots.get(request.sourceDBSnapshotIdentifier());
    if (source == null) {
      throw error(
          DbSnapshotNotFoundException.builder(), "DBSnapshotNotFound", 404, "snapshot not found");
    }
    if (snapshots.containsKey(request.targetDBSnapshotIdentifier())) {
      throw error(
          DbSnapshotAlreadyExistsException.builder(), "DBSnapshotAlreadyExists", 400, "exists");
    }
    if (request.kmsKeyId() == null || !usableKeys.contains(request.kmsKeyId())) {
      throw error(
          software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException.builder(),
          "KMSKeyNotAccessibleFault",
          400,
          "The specified KMS key " + request.kmsKeyId() + " is not accessible");
    }
    withinTagQuota(request.tags().size());
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(t -> tags.put(t.key(), t.value()));
    if (tags.isEmpty() && Boolean.TRUE.equals(request.copyTags())) {
      tags.putAll(
          source.tags()); // CopyTags is honoured only when the request names no tags (AWS, moto)
    }
    snapshots.put(
        request.targetDBSnapshotIdentifier(),
        new Snapshot(
            request.targetDBSnapshotIdentifier(),
            source.source(),
            "manual",
            "creating",
            clock.get(),
            tags));
    wrote("CopyDBSnapshot " + request.targetDBSnapshotIdentifier());
    return software.amazon.awssdk.services.rds.model.CopyDbSnapshotResponse.builder().build();
  }

  @Override
  public CreateDbSnapshotResponse createDBSnapshot(CreateDbSnapshotRequest request) {
    Modelled.only("FakeRds", request, "dbInstanceIdentifier", "dbSnapshotIdentifier", "tags");
    enter();
    Instance source = instances.get(request.dbInstanceIdentifier());
    if (source == null) {
      throw error(DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404, "not found");
    }
    Map<String, List<String>> requestTags = new LinkedHashMap<>();
    request.tags().forEach(t -> requestTags.put("aws:RequestTag/" + t.key(), List.of(t.value())));
    calls.add(
        new AwsCall(
            "rds:CreateDBSnapshot",
            List.of(
                dbResource(source),
                AwsCall.Resource.of(arn("snapshot", request.dbSnapshotIdentifier()))),
            requestTags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource",
            List.of(AwsCall.Resource.of(arn("snapshot", request.dbSnapshotIdentifier()))),
            requestTags));
    if (snapshots.containsKey(request.dbSnapshotIdentifier())) {
      throw error(
          DbSnapshotAlreadyExistsException.builder(), "DBSnapshotAlreadyExists", 400, "exists");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(t -> tags.put(t.key(), t.value()));
    snapshots.put(
        request.dbSnapshotIdentifier(),
        new Snapshot(
            request.dbSnapshotIdentifier(), source.id, "manual", "creating", clock.get(), tags));
    wrote("CreateDBSnapshot " + request.dbSnapshotIdentifier());
    return CreateDbSnapshotResponse.builder().build();
  }

  @Override
  public DeleteDbSnapshotResponse deleteDBSnapshot(DeleteDbSnapshotRequest request) {
    Modelled.only("FakeRds", request, "dbSnapshotIdentifier");
    enter();
    Snapshot doomed = snapshots.get(request.dbSnapshotIdentifier());
    calls.add(
        new AwsCall(
            "rds:DeleteDBSnapshot",
            List.of(
                new AwsCall.Resource(
                    arn("snapshot", request.dbSnapshotIdentifier()),
                    doomed == null ? Map.of() : doomed.tags())),
            Map.of()));
    if (snapshots.remove(request.dbSnapshotIdentifier()) == null) {
      throw error(
          DbSnapshotNotFoundException.builder(), "DBSnapshotNotFound", 404, "snapshot not found");
    }
    wrote("DeleteDBSnapshot " + request.dbSnapshotIdentifier());
    return DeleteDbSnapshotResponse.builder().build();
  }

  @Override
  public RebootDbInstanceResponse rebootDBInstance(RebootDbInstanceRequest request) {
    Modelled.only("FakeRds", request, "dbInstanceIdentifier");
    enter();
    Instance i = available(request.dbInstanceIdentifier());
    calls.add(new AwsCall("rds:RebootDBInstance", List.of(dbResource(i)), Map.of()));
    i.status = "rebooting";
    i.parameterGroups.replaceAll((k, v) -> "in-sync");
    if (i.clusterId != null && clusters.containsKey(i.clusterId)) {
      clusters.get(i.clusterId).parameterGroupStatus =
          "in-sync"; // the writer's reboot applies the cluster's
    }
    wrote("RebootDBInstance " + i.id);
    return RebootDbInstanceResponse.builder().dbInstance(toSdk(i)).build();
  }

  @Override
  public DeleteDbInstanceResponse deleteDBInstance(DeleteDbInstanceRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "dbInstanceIdentifier",
        "finalDBSnapshotIdentifier",
        "skipFinalSnapshot");
    enter();
    Instance i = instances.get(request.dbInstanceIdentifier());
    if (i == null) {
      throw error(DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404, "not found");
    }
    if ("deleting".equals(i.status)) {
      throw error(
          InvalidDbInstanceStateException.builder(),
          "InvalidDBInstanceState",
          400,
          "Instance " + i.id + " is already being deleted.");
    }
    calls.add(new AwsCall("rds:DeleteDBInstance", List.of(dbResource(i)), Map.of()));
    String finalId = request.finalDBSnapshotIdentifier();
    if (!Boolean.TRUE.equals(request.skipFinalSnapshot()) && finalId != null) {
      calls.add(
          new AwsCall(
              "rds:CreateDBSnapshot",
              List.of(dbResource(i), AwsCall.Resource.of(arn("snapshot", finalId))),
              Map.of()));
      if (i.copyTagsToSnapshot) {
        calls.add(
            new AwsCall(
                "rds:AddTagsToResource",
                List.of(AwsCall.Resource.of(arn("snapshot", finalId))),
                Map.of()));
      }
    }
    if (!Boolean.TRUE.equals(request.skipFinalSnapshot())) {
      if (finalId == null) {
        throw error(
            InvalidDbInstanceStateException.builder(),
            "InvalidParameterCombination",
            400,
            "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
      }
      if (snapshots.containsKey(finalId)) {
        throw error(
            DbSnapshotAlreadyExistsException.builder(),
            "DBSnapshotAlreadyExists",
            400,
            "Cannot create the snapshot because a snapshot with the identifier "
                + finalId
                + " already exists.");
      }
      snapshots.put(
          finalId,
          new Snapshot(
              finalId,
              i.id,
              "manual",
              "available",
              clock.get(),
              i.copyTagsToSnapshot ? Map.copyOf(i.tags) : Map.of()));
    }
    i.status = "deleting";
    wrote("DeleteDBInstance " + i.id);
    return DeleteDbInstanceResponse.builder().dbInstance(toSdk(i)).build();
  }

  @Override
  public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest request) {
    Modelled.only("FakeRds", request, "resourceName", "tags");
    enter();
    Tagged i = byArn(request.resourceName());
    if (i.id().equals(failNextAddTagsOn)) {
      failNextAddTagsOn = null;
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InternalFailure",
          500,
          "simulated AddTagsToResource failure");
    }
    java.util.Set<String> after = new java.util.HashSet<>(i.tags().keySet());
    request.tags().forEach(t -> after.add(t.key()));
    if (after.size() > 50) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "TagQuotaPerResourceExceeded",
          400,
          "The quota of 50 tags per resource was exceeded.");
    }
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource",
            List.of(new AwsCall.Resource(request.resourceName(), Map.copyOf(i.tags()))),
            Map.of()));
    java.util.Set<String> keys = new java.util.HashSet<>(i.tags().keySet());
    request.tags().forEach(t -> keys.add(t.key()));
    withinTagQuota(keys.size());
    request.tags().forEach(t -> i.tags().put(t.key(), t.value()));
    wrote(
        "AddTagsToResource "
            + i.id()
            + " "
            + request.tags().stream().map(t -> t.key() + "=" + t.value()).sorted().toList());
    return AddTagsToResourceResponse.builder().build();
  }

  @Override
  public RemoveTagsFromResourceResponse removeTagsFromResource(
      RemoveTagsFromResourceRequest request) {
    Modelled.only("FakeRds", request, "resourceName", "tagKeys");
    enter();
    Tagged i = byArn(request.resourceName());
    calls.add(
        new AwsCall(
            "rds:RemoveTagsFromResource",
            List.of(new AwsCall.Resource(request.resourceName(), Map.copyOf(i.tags()))),
            Map.of()));
    request.tagKeys().forEach(i.tags()::remove);
    wrote("RemoveTagsFromResource " + i.id());
    return RemoveTagsFromResourceResponse.builder().build();
  }

  // ---- Aurora clusters (§12) ----

  public Cluster addCluster(String id, String status, Instant createdAt) {
    Cluster c = new Cluster(id);
    c.status = status;
    c.createdAt = createdAt;
    clusters.put(id, c);
    return c;
  }

  /** Adds an instance to a cluster (the first one is its writer). */
  public Instance addClusterInstance(
      String clusterId, String id, String status, Instant createdAt) {
    Instance i = addInstance(id, status, createdAt);
    i.clusterId = clusterId;
    return i;
  }

  public void addClusterSnapshot(
      String id,
      String source,
      String type,
      String status,
      Instant createdAt,
      Map<String, String> tags) {
    clusterSnapshots.put(id, new Snapshot(id, source, type, status, createdAt, tags));
  }

  public Map<String, Cluster> clusters() {
    return clusters;
  }

  public Map<String, Snapshot> clusterSnapshots() {
    return clusterSnapshots;
  }

  private List<Instance> membersOf(String clusterId) {
    return instances.values().stream().filter(i -> clusterId.equals(i.clusterId)).toList();
  }

  private software.amazon.awssdk.services.rds.model.DBCluster toSdk(Cluster c) {
    List<Instance> members = membersOf(c.id);
    return software.amazon.awssdk.services.rds.model.DBCluster.builder()
        .dbClusterIdentifier(c.id)
        .dbClusterArn(c.arn())
        .status(c.status)
        .clusterCreateTime(c.createdAt)
        .engine("aurora-mysql")
        .endpoint("creating".equals(c.status) ? null : c.endpoint())
        .readerEndpoint("creating".equals(c.status) ? null : c.readerEndpoint())
        .customEndpoints(c.customEndpoints)
        .port(3306)
        .backupRetentionPeriod(c.backupRetention)
        .dbClusterParameterGroup(c.parameterGroup)
        .earliestRestorableTime(c.earliestRestorable)
        .latestRestorableTime(c.latestRestorable)
        .vpcSecurityGroups(
            c.vpcGroups.stream()
                .map(
                    g ->
                        VpcSecurityGroupMembership.builder()
                            .vpcSecurityGroupId(g)
                            .status("active")
                            .build())
                .toList())
        .dbClusterMembers(
            members.stream()
                .map(
                    i ->
                        software.amazon.awssdk.services.rds.model.DBClusterMember.builder()
                            .dbInstanceIdentifier(i.id)
                            .isClusterWriter(i == members.get(0))
                            .dbClusterParameterGroupStatus(c.parameterGroupStatus)
                            .build())
                .toList())
        .tagList(
            c.tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  private AwsServiceException clusterNotFound(String id) {
    return error(
        software.amazon.awssdk.services.rds.model.DbClusterNotFoundException.builder(),
        "DBClusterNotFoundFault",
        404,
        "DBCluster " + id + " not found.");
  }

  private Cluster availableCluster(String id) {
    Cluster c = clusters.get(id);
    if (c == null) {
      throw clusterNotFound(id);
    }
    if (!"available".equals(c.status)) {
      throw error(
          software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException.builder(),
          "InvalidDBClusterStateFault",
          400,
          "DBCluster " + id + " is not in available state.");
    }
    return c;
  }

  @Override
  public software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse describeDBClusters(
      software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest request) {
    Modelled.only("FakeRds", request, "dbClusterIdentifier", "marker", "maxRecords");
    onCall.run();
    calls.add(AwsCall.of("rds:DescribeDBClusters", "*"));
    describeCalls++;
    // only before a listing's first page, so that one listing sees one state of the world
    if (settleAfterDescribes >= 0
        && describeCalls % Math.max(1, settleAfterDescribes) == 0
        && request.marker() == null) {
      settle();
    }
    var builder = software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse.builder();
    if (request.dbClusterIdentifier() != null) {
      Cluster c = clusters.get(request.dbClusterIdentifier());
      if (c == null) {
        throw clusterNotFound(request.dbClusterIdentifier());
      }
      return builder.dbClusters(toSdk(c)).build();
    }
    List<Cluster> all = clusters.values().stream().sorted(Comparator.comparing(c -> c.id)).toList();
    // a listing that shrank between pages (RDS finished a deletion) ends early, as a real marker
    // would
    int start =
        request.marker() == null ? 0 : Math.min(Integer.parseInt(request.marker()), all.size());
    int end = Math.min(all.size(), start + page(request.maxRecords()));
    return builder
        .dbClusters(all.subList(start, end).stream().map(this::toSdk).toList())
        .marker(end < all.size() ? String.valueOf(end) : null)
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse
      describeDBClusterSnapshots(
          software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "dbClusterIdentifier",
        "dbClusterSnapshotIdentifier",
        "marker",
        "snapshotType",
        "maxRecords",
        "includeShared");
    onCall.run();
    calls.add(AwsCall.of("rds:DescribeDBClusterSnapshots", "*"));
    if (request.dbClusterSnapshotIdentifier() != null && settleAfterDescribes >= 0) {
      snapshotLooks++;
      if (snapshotLooks % Math.max(1, settleAfterDescribes) == 0) {
        settle();
      }
    }
    var builder =
        software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse.builder();
    if (request.dbClusterSnapshotIdentifier() != null) {
      Snapshot s = clusterSnapshots.get(request.dbClusterSnapshotIdentifier());
      if (s == null) {
        throw error(
            software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException.builder(),
            "DBClusterSnapshotNotFoundFault",
            404,
            "DBClusterSnapshot " + request.dbClusterSnapshotIdentifier() + " not found.");
      }
      return builder.dbClusterSnapshots(toClusterSdk(s)).build();
    }
    List<Snapshot> matching =
        clusterSnapshots.values().stream()
            .filter(
                s ->
                    request.dbClusterIdentifier() == null
                        || s.source().equals(request.dbClusterIdentifier()))
            .filter(s -> request.snapshotType() == null || s.type().equals(request.snapshotType()))
            .filter(s -> !"shared".equals(s.type()) || Boolean.TRUE.equals(request.includeShared()))
            .toList();
    // a listing that shrank between pages (RDS finished a deletion) ends early, as a real marker
    // would
    int start =
        request.marker() == null
            ? 0
            : Math.min(Integer.parseInt(request.marker()), matching.size());
    int end = Math.min(matching.size(), start + page(request.maxRecords()));
    return builder
        .dbClusterSnapshots(
            matching.subList(start, end).stream().map(FakeRds::toClusterSdk).toList())
        .marker(end < matching.size() ? String.valueOf(end) : null)
        .build();
  }

  private static software.amazon.awssdk.services.rds.model.DBClusterSnapshot toClusterSdk(
      Snapshot s) {
    return software.amazon.awssdk.services.rds.model.DBClusterSnapshot.builder()
        .dbClusterSnapshotIdentifier(s.id())
        .dbClusterIdentifier(s.source())
        .engine("aurora-mysql")
        .snapshotType(s.type())
        .status(s.status())
        .snapshotCreateTime(s.createdAt())
        .tagList(
            s.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  private Map<String, List<String>> requestTags(List<Tag> tags) {
    Map<String, List<String>> requestTags = new LinkedHashMap<>();
    tags.forEach(t -> requestTags.put("aws:RequestTag/" + t.key(), List.of(t.value())));
    return requestTags;
  }

  private Cluster newCluster(
      String id,
      List<Tag> tags,
      Boolean copyTags,
      String parameterGroup,
      List<String> vpc,
      String from) {
    if (clusters.containsKey(id)) {
      throw error(
          software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException.builder(),
          "DBClusterAlreadyExistsFault",
          400,
          "DB Cluster already exists");
    }
    Cluster c = addCluster(id, "creating", null);
    c.restoredFrom = from;
    c.copyTagsToSnapshot = Boolean.TRUE.equals(copyTags);
    tags.forEach(t -> c.tags.put(t.key(), t.value()));
    if (parameterGroup != null) {
      c.parameterGroup = parameterGroup;
    }
    if (vpc != null && !vpc.isEmpty()) {
      c.vpcGroups = new ArrayList<>(vpc);
    }
    return c;
  }

  @Override
  public software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotResponse
      restoreDBClusterFromSnapshot(
          software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "copyTagsToSnapshot",
        "dbClusterIdentifier",
        "dbClusterParameterGroupName",
        "engine",
        "snapshotIdentifier",
        "tags",
        "vpcSecurityGroupIds");
    String id = request.dbClusterIdentifier();
    Map<String, List<String>> tags = requestTags(request.tags());
    calls.add(
        new AwsCall(
            "rds:RestoreDBClusterFromSnapshot",
            List.of(
                AwsCall.Resource.of(arn("cluster", id)),
                AwsCall.Resource.of(
                    request.snapshotIdentifier().startsWith("arn:")
                        ? request.snapshotIdentifier()
                        : arn("cluster-snapshot", request.snapshotIdentifier()))),
            tags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource", List.of(AwsCall.Resource.of(arn("cluster", id))), tags));
    Snapshot s = clusterSnapshots.get(request.snapshotIdentifier());
    if (s == null) {
      throw error(
          software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException.builder(),
          "DBClusterSnapshotNotFoundFault",
          404,
          "snapshot not found");
    }
    if (request.engine() == null) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InvalidParameterValue",
          400,
          "Engine is required");
    }
    Cluster c =
        newCluster(
            id,
            request.tags(),
            request.copyTagsToSnapshot(),
            request.dbClusterParameterGroupName(),
            request.vpcSecurityGroupIds(),
            s.id());
    if (request.tags().isEmpty()) {
      c.tags.putAll(s.tags()); // a restore without tags gets the snapshot's
    }
    wrote("RestoreDBClusterFromSnapshot " + id);
    return software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotResponse.builder()
        .dbCluster(toSdk(c))
        .build();
  }

  /** Every RestoreDBClusterToPointInTime request, to check the restore type and time. */
  public final List<software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest>
      clusterRestores = new ArrayList<>();

  @Override
  public software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeResponse
      restoreDBClusterToPointInTime(
          software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "copyTagsToSnapshot",
        "dbClusterIdentifier",
        "dbClusterParameterGroupName",
        "restoreToTime",
        "restoreType",
        "sourceDBClusterIdentifier",
        "tags",
        "vpcSecurityGroupIds");
    String id = request.dbClusterIdentifier();
    Map<String, List<String>> tags = requestTags(request.tags());
    calls.add(
        new AwsCall(
            "rds:RestoreDBClusterToPointInTime",
            List.of(
                AwsCall.Resource.of(arn("cluster", id)),
                AwsCall.Resource.of(arn("cluster", request.sourceDBClusterIdentifier()))),
            tags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource", List.of(AwsCall.Resource.of(arn("cluster", id))), tags));
    Cluster source = clusters.get(request.sourceDBClusterIdentifier());
    if (source == null) {
      throw clusterNotFound(request.sourceDBClusterIdentifier());
    }
    Cluster c =
        newCluster(
            id,
            request.tags(),
            request.copyTagsToSnapshot(),
            request.dbClusterParameterGroupName(),
            request.vpcSecurityGroupIds(),
            ("copy-on-write".equals(request.restoreType()) ? "cow:" : "pit:")
                + request.restoreToTime());
    if (request.tags().isEmpty()) {
      c.tags.putAll(source.tags);
    }
    clusterRestores.add(request);
    wrote("RestoreDBClusterToPointInTime " + id);
    return software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeResponse.builder()
        .dbCluster(toSdk(c))
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse createDBInstance(
      software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "dbClusterIdentifier",
        "dbInstanceIdentifier",
        "dbParameterGroupName",
        "tags",
        "engine",
        "licenseModel",
        "dbInstanceClass",
        "multiAZ",
        "storageType",
        "iops",
        "port",
        "optionGroupName",
        "autoMinorVersionUpgrade",
        "availabilityZone",
        "publiclyAccessible",
        "dbSubnetGroupName");
    String id = request.dbInstanceIdentifier();
    Map<String, List<String>> tags = requestTags(request.tags());
    List<AwsCall.Resource> touched = new ArrayList<>(List.of(AwsCall.Resource.of(arn("db", id))));
    if (request.dbClusterIdentifier() != null) {
      touched.add(AwsCall.Resource.of(arn("cluster", request.dbClusterIdentifier())));
    }
    if (request.dbParameterGroupName() != null) {
      touched.add(AwsCall.Resource.of(arn("pg", request.dbParameterGroupName())));
    }
    calls.add(new AwsCall("rds:CreateDBInstance", touched, tags));
    calls.add(
        new AwsCall("rds:AddTagsToResource", List.of(AwsCall.Resource.of(arn("db", id))), tags));
    if (instances.containsKey(id)) {
      throw error(
          DbInstanceAlreadyExistsException.builder(), "DBInstanceAlreadyExists", 400, "exists");
    }
    if (request.dbClusterIdentifier() == null
        || !clusters.containsKey(request.dbClusterIdentifier())) {
      throw clusterNotFound(String.valueOf(request.dbClusterIdentifier()));
    }
    if (request.dbInstanceClass() == null || request.engine() == null) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InvalidParameterValue",
          400,
          "DBInstanceClass and Engine are required");
    }
    Instance i = addClusterInstance(request.dbClusterIdentifier(), id, "creating", null);
    i.restoreRequest = Map.of("class", request.dbInstanceClass(), "engine", request.engine());
    keepSettings(i, request);
    request.tags().forEach(t -> i.tags.put(t.key(), t.value()));
    if (request.dbParameterGroupName() != null) {
      i.parameterGroups.clear();
      i.parameterGroups.put(request.dbParameterGroupName(), "in-sync");
    }
    wrote("CreateDBInstance " + id);
    return software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse.builder()
        .dbInstance(toSdk(i))
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.ModifyDbClusterResponse modifyDBCluster(
      software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest request) {
    // ApplyImmediately changes nothing here: every setting rds-echo changes on a cluster (backup
    // retention, master password, security groups, the parameter group's name) takes effect at once
    // whatever it says, as the Aurora settings table has it; a parameter group still waits for a
    // reboot
    Modelled.only(
        "FakeRds",
        request,
        "backupRetentionPeriod",
        "dbClusterIdentifier",
        "dbClusterParameterGroupName",
        "masterUserPassword",
        "vpcSecurityGroupIds",
        "applyImmediately");
    Cluster c = availableCluster(request.dbClusterIdentifier());
    List<AwsCall.Resource> touched =
        new ArrayList<>(List.of(new AwsCall.Resource(c.arn(), Map.copyOf(c.tags))));
    if (request.dbClusterParameterGroupName() != null) {
      touched.add(AwsCall.Resource.of(arn("cluster-pg", request.dbClusterParameterGroupName())));
    }
    calls.add(new AwsCall("rds:ModifyDBCluster", touched, Map.of()));
    if (request.masterUserPassword() != null) {
      c.masterPassword = request.masterUserPassword();
    }
    if (request.dbClusterParameterGroupName() != null) {
      c.parameterGroup = request.dbClusterParameterGroupName();
      c.parameterGroupStatus = "pending-reboot";
    }
    if (request.hasVpcSecurityGroupIds()) {
      c.vpcGroups = new ArrayList<>(request.vpcSecurityGroupIds());
    }
    if (request.backupRetentionPeriod() != null) {
      c.backupRetention = request.backupRetentionPeriod();
    }
    c.status = "modifying";
    wrote("ModifyDBCluster " + c.id);
    return software.amazon.awssdk.services.rds.model.ModifyDbClusterResponse.builder()
        .dbCluster(toSdk(c))
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.DeleteDbClusterResponse deleteDBCluster(
      software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest request) {
    Modelled.only(
        "FakeRds",
        request,
        "dbClusterIdentifier",
        "finalDBSnapshotIdentifier",
        "skipFinalSnapshot");
    Cluster c = clusters.get(request.dbClusterIdentifier());
    if (c == null) {
      throw clusterNotFound(request.dbClusterIdentifier());
    }
    List<AwsCall.Resource> touched =
        new ArrayList<>(List.of(new AwsCall.Resource(c.arn(), Map.copyOf(c.tags))));
    String finalId = request.finalDBSnapshotIdentifier();
    if (!Boolean.TRUE.equals(request.skipFinalSnapshot()) && finalId != null) {
      touched.add(AwsCall.Resource.of(arn("cluster-snapshot", finalId)));
      calls.add(
          new AwsCall(
              "rds:CreateDBClusterSnapshot",
              List.of(
                  new AwsCall.Resource(c.arn(), Map.copyOf(c.tags)),
                  AwsCall.Resource.of(arn("cluster-snapshot", finalId))),
              Map.of()));
    }
    calls.add(new AwsCall("rds:DeleteDBCluster", touched, Map.of()));
    if ("deleting".equals(c.status)
        || membersOf(c.id).stream().anyMatch(i -> !"deleting".equals(i.status))) {
      throw error(
          software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException.builder(),
          "InvalidDBClusterStateFault",
          400,
          "deleting".equals(c.status)
              ? "Cluster is already being deleted."
              : "Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
    }
    if (!Boolean.TRUE.equals(request.skipFinalSnapshot())) {
      if (finalId == null) {
        throw error(
            software.amazon.awssdk.services.rds.model.RdsException.builder(),
            "InvalidParameterCombination",
            400,
            "FinalDBSnapshotIdentifier is required");
      }
      if (clusterSnapshots.containsKey(finalId)) {
        throw error(
            software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException
                .builder(),
            "DBClusterSnapshotAlreadyExistsFault",
            400,
            "exists");
      }
      clusterSnapshots.put(
          finalId,
          new Snapshot(
              finalId,
              c.id,
              "manual",
              "available",
              clock.get(),
              c.copyTagsToSnapshot ? Map.copyOf(c.tags) : Map.of()));
    }
    c.status = "deleting";
    wrote("DeleteDBCluster " + c.id);
    return software.amazon.awssdk.services.rds.model.DeleteDbClusterResponse.builder()
        .dbCluster(toSdk(c))
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.CreateDbClusterSnapshotResponse
      createDBClusterSnapshot(
          software.amazon.awssdk.services.rds.model.CreateDbClusterSnapshotRequest request) {
    Modelled.only("FakeRds", request, "dbClusterIdentifier", "dbClusterSnapshotIdentifier", "tags");
    Cluster source = clusters.get(request.dbClusterIdentifier());
    if (source == null) {
      throw clusterNotFound(request.dbClusterIdentifier());
    }
    Map<String, List<String>> tags = requestTags(request.tags());
    calls.add(
        new AwsCall(
            "rds:CreateDBClusterSnapshot",
            List.of(
                new AwsCall.Resource(source.arn(), Map.copyOf(source.tags)),
                AwsCall.Resource.of(
                    arn("cluster-snapshot", request.dbClusterSnapshotIdentifier()))),
            tags));
    calls.add(
        new AwsCall(
            "rds:AddTagsToResource",
            List.of(
                AwsCall.Resource.of(
                    arn("cluster-snapshot", request.dbClusterSnapshotIdentifier()))),
            tags));
    if (clusterSnapshots.containsKey(request.dbClusterSnapshotIdentifier())) {
      throw error(
          software.amazon.awssdk.services.rds.model.DbClusterSnapshotAlreadyExistsException
              .builder(),
          "DBClusterSnapshotAlreadyExistsFault",
          400,
          "exists");
    }
    Map<String, String> own = new LinkedHashMap<>();
    request.tags().forEach(t -> own.put(t.key(), t.value()));
    clusterSnapshots.put(
        request.dbClusterSnapshotIdentifier(),
        new Snapshot(
            request.dbClusterSnapshotIdentifier(),
            source.id,
            "manual",
            "creating",
            clock.get(),
            own));
    wrote("CreateDBClusterSnapshot " + request.dbClusterSnapshotIdentifier());
    return software.amazon.awssdk.services.rds.model.CreateDbClusterSnapshotResponse.builder()
        .build();
  }

  @Override
  public software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotResponse
      deleteDBClusterSnapshot(
          software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotRequest request) {
    Modelled.only("FakeRds", request, "dbClusterSnapshotIdentifier");
    Snapshot doomed = clusterSnapshots.get(request.dbClusterSnapshotIdentifier());
    calls.add(
        new AwsCall(
            "rds:DeleteDBClusterSnapshot",
            List.of(
                new AwsCall.Resource(
                    arn("cluster-snapshot", request.dbClusterSnapshotIdentifier()),
                    doomed == null ? Map.of() : doomed.tags())),
            Map.of()));
    if (clusterSnapshots.remove(request.dbClusterSnapshotIdentifier()) == null) {
      throw error(
          software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException.builder(),
          "DBClusterSnapshotNotFoundFault",
          404,
          "snapshot not found");
    }
    wrote("DeleteDBClusterSnapshot " + request.dbClusterSnapshotIdentifier());
    return software.amazon.awssdk.services.rds.model.DeleteDbClusterSnapshotResponse.builder()
        .build();
  }

  // ---- helpers ----

  /**
   * A page: at most MaxRecords (which RDS takes only from 20 to 100) and at most the fake's own
   * page size, which tests keep small so that every listing paginates.
   */
  private int page(Integer maxRecords) {
    if (maxRecords == null) {
      return pageSize;
    }
    if (maxRecords < 20 || maxRecords > 100) {
      throw error(
          software.amazon.awssdk.services.rds.model.RdsException.builder(),
          "InvalidParameterValue",
          400,
          "Invalid value " + maxRecords + " for MaxRecords. Must be between 20 and 100");
    }
    return Math.min(pageSize, maxRecords);
  }

  /** The instance settings a restore or create names, kept as RDS keeps them, shown by describe. */
  private static final List<String> SETTINGS =
      List.of(
          "Engine",
          "LicenseModel",
          "DBInstanceClass",
          "MultiAZ",
          "StorageType",
          "Iops",
          "Port",
          "OptionGroupName",
          "AutoMinorVersionUpgrade",
          "AvailabilityZone",
          "PubliclyAccessible",
          "DBSubnetGroupName");

  private static void keepSettings(Instance i, software.amazon.awssdk.core.SdkRequest request) {
    for (String name : SETTINGS) {
      request.getValueForField(name, Object.class).ifPresent(v -> i.settings.put(name, v));
    }
  }

  private void wrote(String what) {
    writeLog.add(what);
    budget.wrote();
    onCall.run();
  }

  private Instance available(String id) {
    Instance i = instances.get(id);
    if (i == null) {
      throw error(DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404, "not found");
    }
    if (!"available".equals(i.status)) {
      throw error(
          InvalidDbInstanceStateException.builder(),
          "InvalidDBInstanceState",
          400,
          "Database instance is not in available state.");
    }
    return i;
  }

  /** The instance or cluster of an ARN, as the holder of its id and tags. */
  private Tagged byArn(String arn) {
    Optional<Tagged> instance =
        instances.values().stream()
            .filter(i -> i.arn().equals(arn))
            .findFirst()
            .map(i -> new Tagged(i.id, i.tags));
    return instance
        .or(
            () ->
                clusters.values().stream()
                    .filter(c -> c.arn().equals(arn))
                    .findFirst()
                    .map(c -> new Tagged(c.id, c.tags)))
        .orElseThrow(
            () ->
                error(
                    DbInstanceNotFoundException.builder(),
                    "DBInstanceNotFound",
                    404,
                    arn + " not found"));
  }

  private record Tagged(String id, Map<String, String> tags) {}

  static <B extends AwsServiceException.Builder> AwsServiceException error(
      B builder, String code, int status, String message) {
    return builder
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("Rds")
                .build())
        .statusCode(status)
        .message(message)
        .build();
  }

  private DBInstance toSdk(Instance i) {
    DBInstance.Builder b =
        DBInstance.builder()
            .dbInstanceIdentifier(i.id)
            .dbInstanceArn(i.arn())
            .dbInstanceStatus(i.status)
            .instanceCreateTime(i.createdAt)
            .engine("mysql")
            .backupRetentionPeriod(i.backupRetention)
            .tagList(
                i.tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList())
            .dbParameterGroups(
                i.parameterGroups.entrySet().stream()
                    .map(
                        e ->
                            DBParameterGroupStatus.builder()
                                .dbParameterGroupName(e.getKey())
                                .parameterApplyStatus(e.getValue())
                                .build())
                    .toList())
            .vpcSecurityGroups(
                i.vpcGroups.stream()
                    .map(
                        g ->
                            VpcSecurityGroupMembership.builder()
                                .vpcSecurityGroupId(g)
                                .status("active")
                                .build())
                    .toList())
            .pendingModifiedValues(
                PendingModifiedValues.builder()
                    .backupRetentionPeriod(i.pendingBackupRetention)
                    .build());
    if (i.hasEndpoint) {
      b.endpoint(
          Endpoint.builder()
              .address(i.endpoint())
              .port(i.settings.containsKey("Port") ? (Integer) i.settings.get("Port") : 3306)
              .build());
    }
    if (i.clusterId != null) {
      b.dbClusterIdentifier(i.clusterId).engine("aurora-mysql");
    }
    showSettings(b, i);
    return b.build();
  }

  private static void showSettings(DBInstance.Builder b, Instance i) {
    Map<String, Object> s = i.settings;
    b.dbInstanceClass((String) s.get("DBInstanceClass"));
    if (s.containsKey("Engine")) {
      b.engine((String) s.get("Engine"));
    }
    b.licenseModel((String) s.get("LicenseModel"))
        .multiAZ((Boolean) s.get("MultiAZ"))
        .storageType((String) s.get("StorageType"))
        .iops((Integer) s.get("Iops"))
        .dbInstancePort((Integer) s.get("Port"))
        .autoMinorVersionUpgrade((Boolean) s.get("AutoMinorVersionUpgrade"))
        .availabilityZone((String) s.get("AvailabilityZone"))
        .publiclyAccessible((Boolean) s.get("PubliclyAccessible"));
    if (s.containsKey("OptionGroupName")) {
      b.optionGroupMemberships(
          software.amazon.awssdk.services.rds.model.OptionGroupMembership.builder()
              .optionGroupName((String) s.get("OptionGroupName"))
              .status("in-sync")
              .build());
    }
    if (s.containsKey("DBSubnetGroupName")) {
      b.dbSubnetGroup(
          software.amazon.awssdk.services.rds.model.DBSubnetGroup.builder()
              .dbSubnetGroupName((String) s.get("DBSubnetGroupName"))
              .build());
    }
  }

  private static DBSnapshot toSdk(Snapshot s) {
    return DBSnapshot.builder()
        .dbSnapshotIdentifier(s.id())
        .dbInstanceIdentifier(s.source())
        .snapshotType(s.type())
        .status(s.status())
        .snapshotCreateTime(s.createdAt())
        .tagList(
            s.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }
}

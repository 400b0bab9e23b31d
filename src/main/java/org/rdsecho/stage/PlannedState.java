package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The cloud as planned writes would leave it: a pure model that applies actions to what was
 * observed, so {@code advance --dry-run} plans each step on the state the earlier steps' writes
 * would leave (§17) and lists every write of the real run, in order. It models what the planners
 * read: tags, the status a write leaves an instance in (a restore "creating", a modify
 * "modifying", a reboot "rebooting", a delete "deleting"), the CNAME's target, and the snapshots
 * rds-echo takes, copies, makes on deletion (final snapshots, tagged as their clone) and deletes.
 * Immutable: {@link #after} returns a new state; {@link #NONE} sees every observation as it is.
 */
public final class PlannedState {
  /** Nothing planned: every observation as it is. */
  public static final PlannedState NONE = new PlannedState();

  private final Map<String, Map<String, String>> added = new HashMap<>();
  private final Map<String, Set<String>> removed = new HashMap<>();
  private final Map<String, String> status = new HashMap<>();
  private final Map<String, EchoInstance> created = new LinkedHashMap<>();
  private final Map<String, SnapshotInfo> snapshotsMade = new LinkedHashMap<>();
  /** A final snapshot's id to the clone it is taken of: it carries that clone's tags (§15). */
  private final Map<String, String> finalSnapshots = new LinkedHashMap<>();
  private final Set<String> snapshotsDeleted = new HashSet<>();
  /** What modify and reboot do to an instance's settings, in order (a reboot puts pending ones into effect). */
  private final Map<String, List<java.util.function.UnaryOperator<InstanceSettings>>> settings = new HashMap<>();
  /** Instances deleted and waited for: gone from every listing. */
  private final Set<String> gone = new HashSet<>();
  /** The writes were waited for (--wait): work in progress is done, snapshots being made are available. */
  private boolean settled;
  private final List<Action> planned = new ArrayList<>();
  private String cnameTarget;
  private boolean cnameMoved;

  private PlannedState() {}

  /** The writes planned so far, in order. */
  public List<Action> planned() {
    return List.copyOf(planned);
  }

  /** This state with {@code actions} applied after the ones planned so far. */
  public PlannedState after(List<? extends Action> actions) {
    PlannedState next = copy();
    for (Action action : actions) {
      next.planned.add(action);
      if (action instanceof CloudAction cloud) {
        cloud.accept(next.new Apply());
      }
      // a data-plane write (dumps, scripts, files) leaves nothing the lifecycle planners read; the
      // marks it earns are tags, which come as CloudAction.Tag
    }
    return next;
  }

  private PlannedState copy() {
    PlannedState c = new PlannedState();
    added.forEach((k, v) -> c.added.put(k, new HashMap<>(v)));
    removed.forEach((k, v) -> c.removed.put(k, new HashSet<>(v)));
    c.status.putAll(status);
    c.created.putAll(created);
    c.snapshotsMade.putAll(snapshotsMade);
    c.finalSnapshots.putAll(finalSnapshots);
    c.snapshotsDeleted.addAll(snapshotsDeleted);
    settings.forEach((k, v) -> c.settings.put(k, new ArrayList<>(v)));
    c.gone.addAll(gone);
    c.planned.addAll(planned);
    c.cnameTarget = cnameTarget;
    c.cnameMoved = cnameMoved;
    return c;
  }

  /**
   * This state once the work its writes started is done, as a run with {@code --wait} waits for
   * it before its next step: instances available (deleted ones gone), snapshots available. A clone
   * created in the plan has no endpoint yet; it is named {@code <endpoint of ID>} in what follows.
   */
  public PlannedState settled() {
    PlannedState next = copy();
    next.status.forEach((id, s) -> {
      if ("deleting".equals(s)) {
        next.gone.add(id);
      }
    });
    next.status.replaceAll((id, s) -> "available");
    next.created.replaceAll((id, i) -> new EchoInstance(id, i.arn(), "available", "<endpoint of " + id + ">",
        i.port(), i.createdAt(), i.tags(), i.settings(), i.kind(), i.members(), i.otherEndpoints()));
    next.snapshotsMade.replaceAll((id, x) -> new SnapshotInfo(x.id(), x.sourceInstanceId(), x.type(), "available",
        x.createdAt(), x.tags(), x.arn()));
    next.settled = true;
    return next;
  }

  /** One change per kind of write; the compiler names a new kind of action here. */
  private final class Apply implements CloudAction.Visitor<Void> {
    @Override
    public Void restore(CloudAction.Restore a) {
      return create(a.instanceId(), a.tags(), EchoInstance.Kind.INSTANCE);
    }

    @Override
    public Void restoreToPointInTime(CloudAction.RestoreToPointInTime a) {
      return create(a.instanceId(), a.tags(), EchoInstance.Kind.INSTANCE);
    }

    @Override
    public Void restoreCluster(ClusterAction.RestoreCluster a) {
      return create(a.clusterId(), a.tags(), EchoInstance.Kind.CLUSTER);
    }

    @Override
    public Void createWriter(ClusterAction.CreateWriter a) {
      return null; // the cluster (the state) is "creating" already; its writer is no clone of its own
    }

    @Override
    public Void modify(CloudAction.Modify a) {
      status.put(a.instanceId(), "modifying");
      settings.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(s -> modified(s, a.changes()));
      return null;
    }

    @Override
    public Void modifyCluster(ClusterAction.ModifyCluster a) {
      status.put(a.clusterId(), "modifying");
      settings.computeIfAbsent(a.clusterId(), k -> new ArrayList<>()).add(s -> modified(s, a.changes()));
      return null;
    }

    @Override
    public Void reboot(CloudAction.Reboot a) {
      status.put(a.instanceId(), "rebooting");
      settings.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(PlannedState::rebooted);
      return null;
    }

    @Override
    public Void tag(CloudAction.Tag t) {
      Map<String, String> add = added.computeIfAbsent(t.instanceId(), k -> new HashMap<>());
      Set<String> gone = removed.computeIfAbsent(t.instanceId(), k -> new HashSet<>());
      gone.removeAll(t.add().keySet());
      add.putAll(t.add());
      gone.addAll(t.remove());
      t.remove().forEach(add::remove);
      return null;
    }

    @Override
    public Void delete(CloudAction.Delete d) {
      return deleting(d.instanceId(), d.finalSnapshotId());
    }

    @Override
    public Void deleteCluster(ClusterAction.DeleteCluster d) {
      return deleting(d.clusterId(), d.finalSnapshotId());
    }

    @Override
    public Void pointCname(CloudAction.PointCname p) {
      cnameTarget = p.target();
      cnameMoved = true;
      return null;
    }

    @Override
    public Void createSnapshot(CloudAction.CreateSnapshot c) {
      snapshotsMade.put(c.snapshotId(),
          new SnapshotInfo(c.snapshotId(), c.sourceInstanceId(), "manual", "creating", null, c.tags()));
      snapshotsDeleted.remove(c.snapshotId());
      return null;
    }

    @Override
    public Void copySnapshot(CloudAction.CopySnapshot c) {
      snapshotsMade.put(c.copyId(), new SnapshotInfo(c.copyId(), null, "manual", "creating", null, c.tags()));
      snapshotsDeleted.remove(c.copyId());
      return null;
    }

    @Override
    public Void deleteSnapshot(CloudAction.DeleteSnapshot d) {
      snapshotsDeleted.add(d.snapshotId());
      return null;
    }

    private Void create(String id, Map<String, String> tags, EchoInstance.Kind kind) {
      created.put(id, new EchoInstance(id, null, "creating", null, null, null, tags, null, kind, List.of()));
      return null;
    }

    private Void deleting(String id, String finalSnapshotId) {
      status.put(id, "deleting");
      if (finalSnapshotId != null) {
        finalSnapshots.put(finalSnapshotId, id);
        snapshotsDeleted.remove(finalSnapshotId);
      }
      return null;
    }
  }

  /** RDS's answer to a modify: a new parameter group waits for a reboot; the rest applies now or waits. */
  private static InstanceSettings modified(InstanceSettings s, ModifyChanges c) {
    Map<String, String> groups = c.dbParameterGroupName() == null ? s.parameterGroups()
        : Map.of(c.dbParameterGroupName(), "pending-reboot");
    Map<String, String> clusterGroups = c.dbClusterParameterGroupName() == null ? s.clusterParameterGroups()
        : Map.of(c.dbClusterParameterGroupName(), "pending-reboot");
    Map<String, String> pending = new LinkedHashMap<>(s.pendingChanges());
    Integer retention = s.backupRetentionPeriod();
    List<String> vpc = s.vpcSecurityGroupIds();
    List<String> db = s.dbSecurityGroups();
    if (c.applyImmediately()) {
      retention = c.backupRetentionPeriod() == null ? retention : c.backupRetentionPeriod();
      vpc = c.vpcSecurityGroupIds() == null ? vpc : c.vpcSecurityGroupIds();
      db = c.dbSecurityGroups() == null ? db : c.dbSecurityGroups();
    } else if (c.backupRetentionPeriod() != null) {
      pending.put("backupRetentionPeriod", String.valueOf(c.backupRetentionPeriod()));
    }
    return new InstanceSettings(groups, db, vpc, retention, pending, clusterGroups);
  }

  private static InstanceSettings rebooted(InstanceSettings s) {
    Map<String, String> groups = new LinkedHashMap<>();
    s.parameterGroups().keySet().forEach(g -> groups.put(g, "in-sync"));
    Map<String, String> clusterGroups = new LinkedHashMap<>();
    s.clusterParameterGroups().keySet().forEach(g -> clusterGroups.put(g, "in-sync"));
    return new InstanceSettings(groups, s.dbSecurityGroups(), s.vpcSecurityGroupIds(), s.backupRetentionPeriod(),
        Map.of(), clusterGroups);
  }

  /** A listing as it would be: the clones created added, with the tags and statuses the writes leave. */
  public List<EchoInstance> instances(List<EchoInstance> observed) {
    List<EchoInstance> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EchoInstance i : observed) {
      seen.add(i.id());
      if (!gone.contains(i.id())) {
        all.add(applied(i));
      }
    }
    created.values().stream().filter(i -> !seen.contains(i.id()) && !gone.contains(i.id())).map(this::applied)
        .forEach(all::add);
    return all;
  }

  /** One instance (or cluster) as it would be, looked up by id. */
  public Optional<EchoInstance> instance(String id, Optional<EchoInstance> observed) {
    if (gone.contains(id)) {
      return Optional.empty();
    }
    return observed.map(this::applied).or(() -> Optional.ofNullable(created.get(id)).map(this::applied));
  }

  private EchoInstance applied(EchoInstance i) {
    Map<String, String> tags = new LinkedHashMap<>(i.tags());
    tags.keySet().removeAll(removed.getOrDefault(i.id(), Set.of()));
    tags.putAll(added.getOrDefault(i.id(), Map.of()));
    InstanceSettings after = i.settings();
    for (java.util.function.UnaryOperator<InstanceSettings> op : settings.getOrDefault(i.id(), List.of())) {
      after = op.apply(after);
    }
    return new EchoInstance(i.id(), i.arn(), status.getOrDefault(i.id(), i.status()), i.endpoint(), i.port(),
        i.createdAt(), tags, after, i.kind(), i.members(), i.otherEndpoints());
  }

  /** The CNAME's target as it would be. */
  public String cnameTarget(String observed) {
    return cnameMoved ? cnameTarget : observed;
  }

  /**
   * A snapshot listing as it would be: deleted ones gone; the snapshots rds-echo would take, copy
   * or make on deletion added when {@code belongs} to the listing.
   *
   * @param clones looks a clone up as observed, for the tags its final snapshot inherits
   */
  public List<SnapshotInfo> snapshots(List<SnapshotInfo> observed, Predicate<SnapshotInfo> belongs,
      Function<String, Optional<EchoInstance>> clones) {
    List<SnapshotInfo> all = new ArrayList<>(observed.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList());
    Set<String> ids = new HashSet<>(all.stream().map(SnapshotInfo::id).toList());
    made(clones).stream().filter(s -> !ids.contains(s.id())).filter(belongs).forEach(all::add);
    return all;
  }

  /** One snapshot as it would be, looked up by id. */
  public Optional<SnapshotInfo> snapshot(String id, Optional<SnapshotInfo> observed,
      Function<String, Optional<EchoInstance>> clones) {
    if (snapshotsDeleted.contains(id)) {
      return Optional.empty();
    }
    return observed.or(() -> made(clones).stream().filter(s -> s.id().equals(id)).findFirst());
  }

  private Map<String, String> tagsOf(String clone, Optional<EchoInstance> observed) {
    return observed.or(() -> Optional.ofNullable(created.get(clone))).map(this::applied).map(EchoInstance::tags)
        .orElse(Map.of());
  }

  private List<SnapshotInfo> made(Function<String, Optional<EchoInstance>> clones) {
    List<SnapshotInfo> made = new ArrayList<>(snapshotsMade.values());
    // tagged as its clone was when it was deleted (the clone may be gone from the listing since)
    finalSnapshots.forEach((id, clone) -> made.add(new SnapshotInfo(id, clone, "manual",
        settled ? "available" : "creating", null, tagsOf(clone, clones.apply(clone)))));
    return made.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList();
  }
}

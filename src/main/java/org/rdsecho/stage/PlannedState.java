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
    c.planned.addAll(planned);
    c.cnameTarget = cnameTarget;
    c.cnameMoved = cnameMoved;
    return c;
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
      return null;
    }

    @Override
    public Void modifyCluster(ClusterAction.ModifyCluster a) {
      status.put(a.clusterId(), "modifying");
      return null;
    }

    @Override
    public Void reboot(CloudAction.Reboot a) {
      status.put(a.instanceId(), "rebooting");
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

  /** A listing as it would be: the clones created added, with the tags and statuses the writes leave. */
  public List<EchoInstance> instances(List<EchoInstance> observed) {
    List<EchoInstance> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EchoInstance i : observed) {
      all.add(applied(i));
      seen.add(i.id());
    }
    created.values().stream().filter(i -> !seen.contains(i.id())).map(this::applied).forEach(all::add);
    return all;
  }

  /** One instance (or cluster) as it would be, looked up by id. */
  public Optional<EchoInstance> instance(String id, Optional<EchoInstance> observed) {
    return observed.map(this::applied).or(() -> Optional.ofNullable(created.get(id)).map(this::applied));
  }

  private EchoInstance applied(EchoInstance i) {
    Map<String, String> tags = new LinkedHashMap<>(i.tags());
    tags.keySet().removeAll(removed.getOrDefault(i.id(), Set.of()));
    tags.putAll(added.getOrDefault(i.id(), Map.of()));
    return new EchoInstance(i.id(), i.arn(), status.getOrDefault(i.id(), i.status()), i.endpoint(), i.port(),
        i.createdAt(), tags, i.settings(), i.kind(), i.members(), i.otherEndpoints());
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

  private List<SnapshotInfo> made(Function<String, Optional<EchoInstance>> clones) {
    List<SnapshotInfo> made = new ArrayList<>(snapshotsMade.values());
    finalSnapshots.forEach((id, clone) -> made.add(new SnapshotInfo(id, clone, "manual", "creating", null,
        instance(clone, clones.apply(clone)).map(EchoInstance::tags).orElse(Map.of()))));
    return made.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList();
  }
}

package org.rdsecho.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdsecho.aws.SnapshotStore;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.SnapshotInfo;

/**
 * What the cloud would look like after the writes a dry run planned, so that {@code advance
 * --dry-run} plans each step on the state the earlier steps' writes would leave (§17) and lists
 * every write of the real run, in order. Only what the planners read is projected: tags, the status
 * a write leaves an instance in (a restore is "creating", a modify "modifying", a reboot
 * "rebooting", a delete "deleting"), the CNAME's target and the snapshots rds-echo takes, copies
 * and deletes. Data-plane writes leave nothing the planners read but their tags.
 */
final class Projection {
  private final Map<String, Map<String, String>> added = new HashMap<>();
  private final Map<String, Set<String>> removed = new HashMap<>();
  private final Map<String, String> status = new HashMap<>();
  private final Map<String, EchoInstance> created = new LinkedHashMap<>();
  private final Map<String, SnapshotInfo> snapshotsMade = new LinkedHashMap<>();
  private final Set<String> snapshotsDeleted = new HashSet<>();
  private String cnameTarget;
  private boolean cnameMoved;

  /** Takes the planned writes as if they had been made. */
  void record(List<Action> actions) {
    actions.forEach(this::record);
  }

  private void record(Action action) {
    if (action instanceof CloudAction.Restore r) {
      create(r.instanceId(), r.tags());
    } else if (action instanceof CloudAction.RestoreToPointInTime r) {
      create(r.instanceId(), r.tags());
    } else if (action instanceof ClusterAction.RestoreCluster r) {
      create(r.clusterId(), r.tags());
    } else if (action instanceof CloudAction.Tag t) {
      removed.getOrDefault(t.instanceId(), new HashSet<>()).removeAll(t.add().keySet());
      added.computeIfAbsent(t.instanceId(), k -> new HashMap<>()).putAll(t.add());
      removed.computeIfAbsent(t.instanceId(), k -> new HashSet<>()).addAll(t.remove());
      t.remove().forEach(added.getOrDefault(t.instanceId(), new HashMap<>())::remove);
    } else if (action instanceof CloudAction.Modify m) {
      status.put(m.instanceId(), "modifying");
    } else if (action instanceof ClusterAction.ModifyCluster m) {
      status.put(m.clusterId(), "modifying");
    } else if (action instanceof CloudAction.Reboot r) {
      status.put(r.instanceId(), "rebooting");
    } else if (action instanceof CloudAction.Delete d) {
      status.put(d.instanceId(), "deleting");
    } else if (action instanceof ClusterAction.DeleteCluster d) {
      status.put(d.clusterId(), "deleting");
    } else if (action instanceof CloudAction.PointCname p) {
      cnameTarget = p.target();
      cnameMoved = true;
    } else if (action instanceof CloudAction.CreateSnapshot c) {
      snapshotsMade.put(c.snapshotId(),
          new SnapshotInfo(c.snapshotId(), c.sourceInstanceId(), "manual", "creating", null, c.tags()));
    } else if (action instanceof CloudAction.CopySnapshot c) {
      snapshotsMade.put(c.copyId(), new SnapshotInfo(c.copyId(), null, "manual", "creating", null, c.tags()));
    } else if (action instanceof CloudAction.DeleteSnapshot d) {
      snapshotsDeleted.add(d.snapshotId());
    }
    // the writer of a cluster and the data plane's writes leave nothing else a planner reads
  }

  private void create(String id, Map<String, String> tags) {
    created.put(id, new EchoInstance(id, null, "creating", null, null, null, tags, null));
  }

  /** The listing as it would be: created clones added, tags and statuses the writes leave. */
  List<EchoInstance> apply(List<EchoInstance> observed) {
    List<EchoInstance> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EchoInstance i : observed) {
      all.add(apply(i));
      seen.add(i.id());
    }
    created.values().stream().filter(i -> !seen.contains(i.id())).map(this::apply).forEach(all::add);
    return all;
  }

  Optional<EchoInstance> apply(String id, Optional<EchoInstance> observed) {
    return observed.map(this::apply).or(() -> Optional.ofNullable(created.get(id)).map(this::apply));
  }

  private EchoInstance apply(EchoInstance i) {
    Map<String, String> tags = new LinkedHashMap<>(i.tags());
    tags.keySet().removeAll(removed.getOrDefault(i.id(), Set.of()));
    tags.putAll(added.getOrDefault(i.id(), Map.of()));
    return new EchoInstance(i.id(), i.arn(), status.getOrDefault(i.id(), i.status()), i.endpoint(), i.port(),
        i.createdAt(), tags, i.settings(), i.kind(), i.members());
  }

  /** The CNAME's target as it would be. */
  String target(String observed) {
    return cnameMoved ? cnameTarget : observed;
  }

  /** The snapshot store as it would be: rds-echo's new snapshots being made, deleted ones gone. */
  SnapshotStore apply(SnapshotStore store) {
    return new SnapshotStore() {
      @Override
      public List<SnapshotInfo> of(String source, SnapshotType type) {
        return projected(store.of(source, type), s -> source.equals(s.sourceInstanceId()));
      }

      @Override
      public List<SnapshotInfo> manual() {
        return projected(store.manual(), s -> true);
      }

      @Override
      public Optional<SnapshotInfo> find(String snapshotId) {
        if (snapshotsDeleted.contains(snapshotId)) {
          return Optional.empty();
        }
        return store.find(snapshotId).or(() -> Optional.ofNullable(snapshotsMade.get(snapshotId)));
      }

      @Override
      public void create(String source, String snapshotId, Map<String, String> tags) {
        throw new IllegalStateException("a dry run writes nothing");
      }

      @Override
      public void copy(String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags) {
        throw new IllegalStateException("a dry run writes nothing");
      }

      @Override
      public void delete(String snapshotId) {
        throw new IllegalStateException("a dry run writes nothing");
      }
    };
  }

  private List<SnapshotInfo> projected(List<SnapshotInfo> observed, java.util.function.Predicate<SnapshotInfo> made) {
    List<SnapshotInfo> all = new ArrayList<>(observed.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList());
    Set<String> ids = new HashSet<>(all.stream().map(SnapshotInfo::id).toList());
    snapshotsMade.values().stream().filter(s -> !ids.contains(s.id())).filter(made).forEach(all::add);
    return all;
  }
}

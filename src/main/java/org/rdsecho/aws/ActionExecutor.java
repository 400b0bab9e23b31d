package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.ClusterAction;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.ModifyChanges;
import org.rdsecho.stage.Ownership;
import org.rdsecho.stage.RunBudget;
import org.rdsecho.stage.Stage;

/** Applies a decision's actions through the adapters, one AWS write per action. */
public final class ActionExecutor {
  private final RdsInstances instances;
  private final RdsClusters clusters;
  private final SnapshotStore snapshots;
  private final Route53Records records;
  private final Ownership ownership;
  private final Map<String, String> env;
  private final Set<String> untouchable;
  private final Consumer<String> note;
  private final RunBudget budget;

  /**
   * @param untouchable the source instance(s): a last guard below the planners, so that no bug in a
   *     decision can ever write to production
   * @param note progress lines (an adopted restore says so)
   * @param budget the run's creations so far, shared by every executor of one command's run (§15)
   */
  public ActionExecutor(
      RdsInstances instances,
      RdsClusters clusters,
      SnapshotStore snapshots,
      Route53Records records,
      Ownership ownership,
      Map<String, String> env,
      Set<String> untouchable,
      Consumer<String> note,
      RunBudget budget) {
    this.instances = instances;
    this.clusters = clusters;
    this.snapshots = snapshots;
    this.records = records;
    this.ownership = ownership;
    this.env = Map.copyOf(env);
    this.untouchable = Set.copyOf(untouchable);
    this.note = note;
    this.budget = budget;
  }

  /**
   * @return the Route53 change id for a CNAME change, to wait on; empty otherwise
   */
  public Optional<String> apply(CloudAction action) {
    Optional<String> subject = ActionSubject.of(action).filter(untouchable::contains);
    if (subject.isPresent()) {
      throw new EchoException(
          Outcome.REFUSED,
          "refusing to "
              + action.describe()
              + ": "
              + subject.get()
              + " is the source instance, which rds-echo never writes to");
    }
    budget.spend(action); // a second clone, snapshot or copy in one run stops here, before the call
    return Optional.ofNullable(action.accept(writes));
  }

  /** One AWS write per kind of action; the compiler names any kind this does not apply. */
  private final CloudAction.Visitor<String> writes =
      new CloudAction.Visitor<>() {
        @Override
        public String restore(CloudAction.Restore r) {
          if (!instances.restore(r.instanceId(), r.snapshotId(), r.settings(), r.tags())) {
            adoptExisting(r.instanceId(), instances.find(r.instanceId()), "an instance", r.tags());
          }
          return null;
        }

        @Override
        public String restoreToPointInTime(CloudAction.RestoreToPointInTime p) {
          if (!instances.restoreToPointInTime(
              p.instanceId(), p.sourceInstanceId(), p.time(), p.settings(), p.tags())) {
            adoptExisting(p.instanceId(), instances.find(p.instanceId()), "an instance", p.tags());
          }
          return null;
        }

        @Override
        public String modify(CloudAction.Modify m) {
          instances.modify(m.instanceId(), m.changes(), passwordFor(m.changes()));
          return null;
        }

        @Override
        public String reboot(CloudAction.Reboot r) {
          instances.reboot(r.instanceId());
          return null;
        }

        @Override
        public String tag(CloudAction.Tag t) {
          // a cluster's instances first, the cluster (the state) last
          for (String arn : concat(t.memberArns(), t.arn())) {
            if (!t.add().isEmpty()) {
              instances.addTags(arn, t.add());
            }
            if (!t.remove().isEmpty()) {
              instances.removeTags(arn, t.remove());
            }
          }
          return null;
        }

        @Override
        public String delete(CloudAction.Delete d) {
          instances.delete(d.instanceId(), d.finalSnapshotId());
          return null;
        }

        @Override
        public String pointCname(CloudAction.PointCname p) {
          return records.pointCname(p.zoneId(), p.cname(), p.target(), p.ttl());
        }

        @Override
        public String createSnapshot(CloudAction.CreateSnapshot c) {
          snapshots.create(c.sourceInstanceId(), c.snapshotId(), c.tags());
          return null;
        }

        @Override
        public String copySnapshot(CloudAction.CopySnapshot c) {
          snapshots.copy(c.sourceSnapshot(), c.copyId(), c.kmsKeyId(), c.tags());
          return null;
        }

        @Override
        public String deleteSnapshot(CloudAction.DeleteSnapshot d) {
          snapshots.delete(d.snapshotId());
          return null;
        }

        @Override
        public String restoreCluster(ClusterAction.RestoreCluster r) {
          boolean created =
              r.source() instanceof ClusterAction.FromClusterSnapshot s
                  ? clusters.restoreFromSnapshot(
                      r.clusterId(), s.snapshotId(), r.settings(), r.tags())
                  : r.source() instanceof ClusterAction.FromClusterAt at
                      && clusters.restoreToPointInTime(
                          r.clusterId(),
                          at.sourceClusterId(),
                          at.time(),
                          at.copyOnWrite(),
                          r.settings(),
                          r.tags());
          if (!created) {
            adoptExisting(r.clusterId(), clusters.find(r.clusterId()), "a cluster", r.tags());
          }
          return null;
        }

        @Override
        public String createWriter(ClusterAction.CreateWriter w) {
          if (!clusters.createWriter(w.instanceId(), w.clusterId(), w.settings(), w.tags())) {
            adoptExisting(w.instanceId(), instances.find(w.instanceId()), "an instance", w.tags());
          }
          return null;
        }

        @Override
        public String modifyCluster(ClusterAction.ModifyCluster m) {
          clusters.modify(m.clusterId(), m.changes(), passwordFor(m.changes()));
          return null;
        }

        @Override
        public String deleteCluster(ClusterAction.DeleteCluster d) {
          clusters.delete(d.clusterId(), d.finalSnapshotId());
          return null;
        }
      };

  /**
   * The identifier was taken between our look and our restore: by a concurrent {@code new} for the
   * same snapshot (fine: it is our clone, of this very snapshot, and alive) or by anything else, a
   * clone of ours given up and being deleted included (refuse: §15, a new clone never takes the
   * identifier of one that still exists).
   */
  private void adoptExisting(
      String instanceId,
      Optional<EchoInstance> existing,
      String what,
      Map<String, String> restoreTags) {
    Optional<String> notOurs =
        existing
            .map(ownership::of)
            .filter(v -> v.role() != Ownership.Role.CLONE)
            .map(Ownership.Verdict::why);
    if (notOurs.isPresent()) {
      throw new EchoException(
          Outcome.REFUSED,
          what
              + " named "
              + instanceId
              + " already exists but "
              + notOurs.get()
              + ": rds-echo will not adopt it; rename or delete it by hand");
    }
    EchoTags tags = ownership.tags();
    String snapshot = restoreTags.get(tags.snapshot());
    Optional<EchoInstance> other =
        existing.filter(
            i ->
                i.isDeleting()
                    || (snapshot != null
                        && !i.tag(tags.snapshot()).map(snapshot::equals).orElse(true))
                    || tags.stageOf(i).map(st -> st.isAtOrAfter(Stage.FORGOTTEN)).orElse(false));
    if (other.isPresent()) {
      throw new EchoException(
          Outcome.NOT_READY,
          what
              + " named "
              + instanceId
              + " already exists ("
              + other.get().status()
              + ", stage "
              + other.get().tag(tags.stage()).orElse("?")
              + ", from "
              + other.get().tag(tags.snapshot()).orElse("an unrecorded snapshot")
              + "): a new clone never takes the"
              + " name of one that still exists; run 'rds-echo new' again, which chooses another name");
    }
    note.accept(instanceId + " already exists (an earlier run created it); adopting it");
  }

  private String passwordFor(ModifyChanges changes) {
    return changes.masterUserPasswordEnv() == null
        ? null
        : password(changes.masterUserPasswordEnv());
  }

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new ArrayList<>(first);
    all.add(last);
    return all;
  }

  /** Reads the master password at the last moment, so it lives nowhere else. */
  public String password(String variable) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new EchoException(
          Outcome.USAGE,
          "rdsecho.mod.masterUserPasswordEnv names an environment variable that is not set (its value is not"
              + " shown): export it before running 'rds-echo modify'");
    }
    return value;
  }
}

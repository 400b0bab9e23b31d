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
import org.rdsecho.stage.ModifyChanges;
import org.rdsecho.stage.Ownership;
import org.rdsecho.stage.RunBudget;

/** Applies a decision's actions through the adapters, one AWS write per action. */
public final class ActionExecutor {
  private final RdsInstances instances;
  private final RdsClusters clusters;
  private final SnapshotStore snapshots;
  private final Route53Records records;
  private final Adoption adoption;
  private final Map<String, String> env;
  private final Set<String> untouchable;
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
    this.adoption = new Adoption(ownership, note);
    this.env = Map.copyOf(env);
    this.untouchable = Set.copyOf(untouchable);
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
            adoption.adopt(r.instanceId(), instances.find(r.instanceId()), "an instance", r.tags());
          }
          return null;
        }

        @Override
        public String restoreToPointInTime(CloudAction.RestoreToPointInTime p) {
          if (!instances.restoreToPointInTime(
              p.instanceId(), p.sourceInstanceId(), p.time(), p.settings(), p.tags())) {
            adoption.adopt(p.instanceId(), instances.find(p.instanceId()), "an instance", p.tags());
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
            adoption.adopt(r.clusterId(), clusters.find(r.clusterId()), "a cluster", r.tags());
          }
          return null;
        }

        @Override
        public String createWriter(ClusterAction.CreateWriter w) {
          if (!clusters.createWriter(w.instanceId(), w.clusterId(), w.settings(), w.tags())) {
            adoption.adopt(w.instanceId(), instances.find(w.instanceId()), "an instance", w.tags());
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

package org.rdsecho.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rdsecho.testing.FakeRds;
import org.rdsecho.testing.FakeRoute53;
import org.rdsecho.testing.Harness;

/**
 * The state of one random history: the in-memory cloud (through {@link Harness}) and what the test
 * itself knows, independently of rds-echo's tags: which resources are foreign (the test made them:
 * the source, people's instances and snapshots, resources that copied our tags), which clones
 * rds-echo promoted, whether a new snapshot ever appeared. After every command line the promises of
 * contract §10 and §15 are checked against it ({@link #command}).
 */
final class EchoWorld {
  static final String KEY = "alias/rds-echo";
  static final String SHARED_PREFIX = "arn:aws:rds:us-east-1:999999999999:snapshot:";
  static final String CLUSTER = Harness.CLUSTER;
  static final String CLUSTER_MOD_GROUP = "dev-aurora-mysql80";

  /** A command making more RDS calls than this is running away (a loop that never ends). */
  static final int MAX_CALLS = 4000;

  /**
   * The commands whose immediate rerun must converge (rollback and forget go one further each time,
   * by design).
   */
  private static final Set<String> RERUNNABLE =
      Set.of("new", "modify", "reboot", "promote", "retire", "advance");

  private static final String MOD_GROUP = "dev-mysql80";
  private static final Set<String> PRE_PROMOTION =
      Set.of("new", "modified", "rebooted", "exported", "sanitized");

  final Harness h;
  final Setup setup;
  private final Set<String> foreignInstances = new TreeSet<>();
  private final Set<String> foreignSnapshots = new TreeSet<>();
  private final Set<String> foreignClusters = new TreeSet<>();
  private final Set<String> foreignClusterSnapshots = new TreeSet<>();

  /** Instances rds-echo itself pointed the CNAME at. */
  private final Set<String> promotedByTool = new HashSet<>();

  private final List<String> story = new ArrayList<>();

  /** A snapshot of the source appeared after the start (a new night's snapshot). */
  private boolean newSnapshotSeen;

  /**
   * A person edited a stage tag: the tags no longer tell rds-echo the truth, so fewer promises
   * hold.
   */
  private boolean stageEdited;

  private int clones;
  private int snapshotsTaken;
  private int copies;
  private int serial;
  private int callsThisRun;
  private int writesSeen;

  /** Set by the fake cloud's hook when a run deletes the instance the CNAME points at. */
  private String deletedBehindCname;

  /** Thrown from inside the fake cloud when one command makes too many calls. */
  static final class Runaway extends Error {
    private static final long serialVersionUID = 1L;

    Runaway() {
      super("more than " + MAX_CALLS + " RDS calls in one command");
    }
  }

  EchoWorld(Path dir, Setup setup) {
    this.h = new Harness(dir);
    this.setup = setup;
    setup.applyTo(h.config);
    if (setup.sanitize()) {
      h.variables.put("DB_PASSWORD", "not-a-secret");
      try {
        java.nio.file.Files.writeString(
            dir.resolve("scrub.sql"), "UPDATE users SET email = 'x';\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    Instant start = Harness.START;
    h.rds.usableKeys.add("alias/aws/rds"); // the account's default RDS key, for storageEncrypted
    foreignInstances.add(
        h.rds.addInstance("production", "available", start.minus(Duration.ofDays(400))).id);
    h.rds.earliestRestorable = start.minus(Duration.ofDays(7));
    h.rds.latestRestorable = start.minus(Duration.ofMinutes(5));
    foreignSnapshot(
        Harness.OLD_SNAPSHOT, "production", "automated", start.minus(Duration.ofDays(2)), Map.of());
    foreignSnapshot(
        Harness.NEW_SNAPSHOT, "production", "automated", start.minus(Duration.ofDays(1)), Map.of());
    foreignSnapshot(
        "production-by-hand-1", "production", "manual", start.minus(Duration.ofDays(3)), Map.of());
    foreignSnapshot(
        SHARED_PREFIX + "rds:production-2026-11-20-03-00",
        "production",
        "shared",
        start.minus(Duration.ofHours(5)),
        Map.of());
    // a person's snapshot of an old clone of ours, from long ago
    foreignSnapshot(
        "manual-by-hand",
        "development-20200101-0000-aaaaaa",
        "manual",
        start.minus(Duration.ofDays(90)),
        Map.of());
    FakeRds.Instance theirs =
        h.rds.addInstance("someone-elses-db", "available", start.minus(Duration.ofDays(30)));
    theirs.tags.put("team", "payments");
    foreignInstances.add(theirs.id);
    FakeRds.Instance staging =
        h.rds.addInstance(
            "staging-20261101-0300-abcdef", "available", start.minus(Duration.ofDays(20)));
    staging.tags.put("rdsecho:staging:managed", "true");
    staging.tags.put("rdsecho:staging:stage", "forgotten");
    foreignInstances.add(staging.id);
    if (setup.aurora()) {
      auroraWorld(start);
    }
    h.route53.addZone("ZCOUK", "co.uk.", false);
    h.route53.addZone(Harness.ZONE, "example.co.uk.", false);
    h.rds.onCall =
        () -> {
          if (++callsThisRun > MAX_CALLS) {
            throw new Runaway();
          }
          // after each write: was it the deletion of what the CNAME points at, at that moment?
          List<String> log = h.rds.writeLog();
          if (log.size() > writesSeen) {
            writesSeen = log.size();
            String last = log.get(log.size() - 1);
            if (last.startsWith("DeleteDBInstance ") && deletedBehindCname == null) {
              String id = last.substring("DeleteDBInstance ".length());
              if (same(FakeRds.endpointOf(id), cnameTarget())) {
                deletedBehindCname = id;
              }
            }
            if (last.startsWith("DeleteDBCluster ") && deletedBehindCname == null) {
              String id = last.substring("DeleteDBCluster ".length());
              if (same(FakeRds.clusterEndpointOf(id), cnameTarget())) {
                deletedBehindCname = id;
              }
            }
          }
        };
  }

  /**
   * The Aurora source cluster with its writer and snapshots, a cluster of someone else's, another
   * echo's.
   */
  private void auroraWorld(Instant start) {
    FakeRds.Cluster production =
        h.rds.addCluster(CLUSTER, "available", start.minus(Duration.ofDays(400)));
    production.earliestRestorable = start.minus(Duration.ofDays(7));
    production.latestRestorable = start.minus(Duration.ofMinutes(5));
    foreignClusters.add(CLUSTER);
    foreignInstances.add(
        h.rds.addClusterInstance(
                CLUSTER, CLUSTER + "-instance-1", "available", start.minus(Duration.ofDays(400)))
            .id);
    foreignClusterSnapshot(
        Harness.OLD_CLUSTER_SNAPSHOT, "automated", start.minus(Duration.ofDays(2)), Map.of());
    foreignClusterSnapshot(
        Harness.NEW_CLUSTER_SNAPSHOT, "automated", start.minus(Duration.ofDays(1)), Map.of());
    foreignClusterSnapshot(
        "production-cluster-by-hand-1", "manual", start.minus(Duration.ofDays(3)), Map.of());
    foreignClusterSnapshot(
        "arn:aws:rds:us-east-1:999999999999:cluster-snapshot:rds:production-cluster-2026-11-20",
        "shared",
        start.minus(Duration.ofHours(5)),
        Map.of());
    FakeRds.Cluster theirs =
        h.rds.addCluster("payments-analytics", "available", start.minus(Duration.ofDays(30)));
    theirs.tags.put("team", "payments");
    foreignClusters.add(theirs.id);
    foreignInstances.add(
        h.rds.addClusterInstance(
                theirs.id, "payments-analytics-1", "available", start.minus(Duration.ofDays(30)))
            .id);
    FakeRds.Cluster staging =
        h.rds.addCluster(
            "staging-20261101-0300-abcdef", "available", start.minus(Duration.ofDays(20)));
    staging.tags.put("rdsecho:staging:managed", "true");
    staging.tags.put("rdsecho:staging:stage", "forgotten");
    foreignClusters.add(staging.id);
  }

  private void foreignClusterSnapshot(
      String id, String type, Instant at, Map<String, String> tags) {
    h.rds.addClusterSnapshot(id, CLUSTER, type, "available", at, tags);
    foreignClusterSnapshots.add(id);
  }

  private void foreignSnapshot(
      String id, String source, String type, Instant at, Map<String, String> tags) {
    h.rds.addSnapshot(id, source, type, "available", at, tags);
    foreignSnapshots.add(id);
  }

  // ---- steps that are not rds-echo ----

  void newSnapshot(String kind) {
    serial++;
    Instant now = h.clock.instant();
    String id =
        switch (kind) {
          case "automated" ->
              "rds:production-"
                  + now.toString().substring(0, 16).replace(':', '-').replace('T', '-')
                  + "-"
                  + serial;
          case "manual" -> "production-by-hand-" + (serial + 1);
          default -> SHARED_PREFIX + "rds:production-" + serial;
        };
    if (setup.aurora()) {
      foreignClusterSnapshot(
          id.replace("rds:production-", "rds:production-cluster-")
              .replace(":snapshot:", ":cluster-snapshot:")
              .replace("production-by-hand-", "production-cluster-by-hand-"),
          kind,
          now,
          Map.of());
    } else {
      foreignSnapshot(id, "production", kind, now, Map.of());
    }
    newSnapshotSeen = true;
    story.add("  " + id + " appears");
  }

  void advance(Duration by) {
    h.clock.advance(by);
    h.rds.latestRestorable = h.clock.instant().minus(Duration.ofMinutes(5));
    if (setup.aurora()) {
      h.rds.clusters().get(CLUSTER).latestRestorable = h.rds.latestRestorable;
    }
  }

  /** {@code --instance #k}: the k-th of every instance there is, ours or not (by identifier). */
  private List<String> resolve(List<String> args) {
    List<String> all = h.rds.instances().keySet().stream().sorted().toList();
    return args.stream()
        .map(
            a ->
                a.startsWith("#") && !all.isEmpty()
                    ? all.get(Integer.parseInt(a.substring(1)) % all.size())
                    : a)
        .toList();
  }

  /**
   * Ours: every instance the test did not make, the oldest first (stable indexes for shrinking).
   */
  private List<FakeRds.Instance> ourInstances() {
    return h.rds.instances().values().stream()
        .filter(i -> !foreignInstances.contains(i.id))
        .sorted(
            Comparator.comparing(
                    (FakeRds.Instance i) -> i.createdAt == null ? Instant.MAX : i.createdAt)
                .thenComparing(i -> i.id))
        .toList();
  }

  private List<FakeRds.Snapshot> ourSnapshots() {
    return h.rds.snapshots().values().stream()
        .filter(s -> !foreignSnapshots.contains(s.id()))
        .sorted(
            Comparator.comparing(FakeRds.Snapshot::createdAt).thenComparing(FakeRds.Snapshot::id))
        .toList();
  }

  private List<FakeRds.Cluster> ourClusters() {
    return h.rds.clusters().values().stream()
        .filter(c -> !foreignClusters.contains(c.id))
        .sorted(
            Comparator.comparing(
                    (FakeRds.Cluster c) -> c.createdAt == null ? Instant.MAX : c.createdAt)
                .thenComparing(c -> c.id))
        .toList();
  }

  private List<FakeRds.Snapshot> ourClusterSnapshots() {
    return h.rds.clusterSnapshots().values().stream()
        .filter(s -> !foreignClusterSnapshots.contains(s.id()))
        .sorted(
            Comparator.comparing(FakeRds.Snapshot::createdAt).thenComparing(FakeRds.Snapshot::id))
        .toList();
  }

  /** The state of an Aurora clone is on its cluster: a person edits that. */
  private void editClusterStage(int which, String value) {
    List<FakeRds.Cluster> ours = ourClusters();
    if (ours.isEmpty()) {
      story.add("  (no cluster of ours to edit)");
      return;
    }
    FakeRds.Cluster target = ours.get(which % ours.size());
    String key = "rdsecho:" + Harness.NAME + ":stage";
    if (value == null) {
      target.tags.remove(key);
    } else {
      target.tags.put(key, value);
    }
    stageEdited = true;
    story.add("  cluster " + target.id + " stage := " + value);
  }

  /** A person's cluster (and its writer) with tags copied from one of ours. */
  private void personsCluster(String id, Map<String, String> tags, String from) {
    FakeRds.Cluster c = h.rds.addCluster(id, "available", h.clock.instant());
    c.tags.putAll(tags);
    c.restoredFrom = from;
    foreignClusters.add(id);
    FakeRds.Instance writer =
        h.rds.addClusterInstance(id, id + "-1", "available", h.clock.instant());
    writer.tags.putAll(tags);
    foreignInstances.add(writer.id);
    story.add("  cluster " + id + " made from " + from + " with tags " + new TreeMap<>(tags));
  }

  void editStage(int which, String value) {
    if (setup.aurora() && which % 2 == 0) {
      editClusterStage(which / 2, value);
      return;
    }
    List<FakeRds.Instance> ours = ourInstances();
    if (ours.isEmpty()) {
      story.add("  (no clone of ours to edit)");
      return;
    }
    FakeRds.Instance target = ours.get(which % ours.size());
    String key = "rdsecho:" + Harness.NAME + ":stage";
    if (value == null) {
      target.tags.remove(key);
    } else {
      target.tags.put(key, value);
    }
    stageEdited = true;
    story.add("  " + target.id + " stage := " + value);
  }

  void cloneFails(int which) {
    List<FakeRds.Instance> ours =
        ourInstances().stream().filter(i -> !"deleting".equals(i.status)).toList();
    if (ours.isEmpty()) {
      story.add("  (no clone of ours to fail)");
      return;
    }
    FakeRds.Instance target = ours.get(which % ours.size());
    target.status = "incompatible-restore";
    story.add("  " + target.id + " is incompatible-restore");
  }

  void editCname(int which) {
    List<String> candidates = new ArrayList<>();
    h.rds.instances().values().stream()
        .sorted(Comparator.comparing(i -> i.id))
        .forEach(i -> candidates.add(i.endpoint()));
    h.rds.clusters().values().stream()
        .sorted(Comparator.comparing(c -> c.id))
        .forEach(c -> candidates.add(c.endpoint()));
    candidates.add("elsewhere.example.net");
    String target = candidates.get(which % candidates.size());
    h.route53.putCname(Harness.ZONE, Harness.CNAME, target);
    story.add("  CNAME := " + target);
  }

  void personRestoresSnapshot(int which) {
    if (setup.aurora()) {
      List<FakeRds.Snapshot> ours = ourClusterSnapshots();
      if (ours.isEmpty()) {
        story.add("  (no cluster snapshot of ours to restore)");
        return;
      }
      FakeRds.Snapshot s = ours.get(which % ours.size());
      personsCluster("forensics-alice-" + ++serial, s.tags(), s.id());
      return;
    }
    List<FakeRds.Snapshot> ours = ourSnapshots();
    if (ours.isEmpty()) {
      story.add("  (no snapshot of ours to restore)");
      return;
    }
    FakeRds.Snapshot s = ours.get(which % ours.size());
    FakeRds.Instance i =
        h.rds.addInstance("forensics-alice-" + ++serial, "available", h.clock.instant());
    i.tags.putAll(s.tags());
    i.restoredFrom = s.id();
    foreignInstances.add(i.id);
    story.add("  " + i.id + " restored from " + s.id() + " with tags " + new TreeMap<>(s.tags()));
  }

  void personCopiesClone(int which) {
    if (setup.aurora()) {
      List<FakeRds.Cluster> ours = new ArrayList<>(ourClusters());
      String target = cnameTarget();
      ours.sort(Comparator.comparing(c -> !c.endpoint().equals(target))); // the promoted one first
      if (ours.isEmpty()) {
        story.add("  (no cluster of ours to copy)");
        return;
      }
      FakeRds.Cluster from = ours.get(which % ours.size());
      personsCluster("dev-recovered-bob-" + ++serial, from.tags, "pit:" + from.id);
      return;
    }
    List<FakeRds.Instance> ours = new ArrayList<>(ourInstances());
    String target = cnameTarget();
    ours.sort(Comparator.comparing(i -> !i.endpoint().equals(target))); // the promoted one first
    if (ours.isEmpty()) {
      story.add("  (no clone of ours to copy)");
      return;
    }
    FakeRds.Instance from = ours.get(which % ours.size());
    FakeRds.Instance i =
        h.rds.addInstance("dev-recovered-bob-" + ++serial, "available", h.clock.instant());
    i.tags.putAll(from.tags);
    i.restoredFrom = "pit:" + h.clock.instant();
    foreignInstances.add(i.id);
    story.add("  " + i.id + " copied from " + from.id + " with tags " + new TreeMap<>(from.tags));
  }

  void personCopiesSnapshot(int which) {
    if (setup.aurora()) {
      List<FakeRds.Snapshot> ours = ourClusterSnapshots();
      if (ours.isEmpty()) {
        story.add("  (no cluster snapshot of ours to copy)");
        return;
      }
      FakeRds.Snapshot s = ours.get(which % ours.size());
      String id = "copy-by-carol-" + ++serial;
      h.rds.addClusterSnapshot(
          id, s.source(), "manual", "available", h.clock.instant(), Map.copyOf(s.tags()));
      foreignClusterSnapshots.add(id);
      newSnapshotSeen |= s.source().equals(CLUSTER);
      story.add("  " + id + " copied from " + s.id() + " with tags " + new TreeMap<>(s.tags()));
      return;
    }
    List<FakeRds.Snapshot> ours = ourSnapshots();
    if (ours.isEmpty()) {
      story.add("  (no snapshot of ours to copy)");
      return;
    }
    FakeRds.Snapshot s = ours.get(which % ours.size());
    String id = "copy-by-carol-" + ++serial;
    foreignSnapshot(id, s.source(), "manual", h.clock.instant(), Map.copyOf(s.tags()));
    if (s.source().equals("production")) {
      newSnapshotSeen = true; // a person's snapshot of production: a new one rds-echo may restore
    }
    story.add("  " + id + " copied from " + s.id() + " with tags " + new TreeMap<>(s.tags()));
  }

  // ---- rds-echo ----

  /** One run's outcome as the invariants see it. */
  record Outcome(Harness.Run run, List<String> writes, boolean faulted) {}

  void command(Step.Command c) {
    List<String> args = resolve(c.args()); // once: a rerun is the same command line
    Outcome first = runAndCheck(c, args, "");
    if (!c.rerun() || !RERUNNABLE.contains(c.name())) {
      return;
    }
    if (c.waits() && first.run().exitCode() == 75) {
      return; // it gave up waiting: a rerun rightly carries on with what RDS finished meanwhile
    }
    Outcome second = runAndCheck(c, args, " (again)");
    if (!first.faulted()) {
      check(
          second.writes().isEmpty(),
          "rerunning a command converges",
          "the same command run again at once wrote "
              + second.writes()
              + " after "
              + first.writes(),
          second);
      return;
    }
    // the first run was cut short: the second finishes it, a third has nothing left to do
    Outcome third = runAndCheck(c, args, " (a third time)");
    if (!(c.waits() && second.run().exitCode() == 75)) {
      check(
          third.writes().isEmpty(),
          "rerunning an interrupted command converges",
          "a third run wrote "
              + third.writes()
              + " after "
              + first.writes()
              + " then "
              + second.writes(),
          third);
    }
  }

  private Outcome runAndCheck(Step.Command c, List<String> args, String which) {
    String cnameBefore = cnameTarget();
    Map<String, String> foreignBefore = foreignPrints();
    Set<String> promotedBefore = Set.copyOf(promotedByTool);
    int rdsFrom = h.rds.writeLog().size();
    int dnsFrom = h.route53.writeLog().size();
    Instant start = h.clock.instant();
    boolean throttleArmed = h.rds.throttleArmed();
    boolean failedClone =
        h.rds.instances().values().stream().anyMatch(i -> "incompatible-restore".equals(i.status));
    if (c.waits()) {
      h.rds.settleAfterDescribes(3); // RDS makes progress while the command polls
    }
    callsThisRun = 0;
    deletedBehindCname = null;
    Harness.Run run;
    try {
      run = h.run(args.toArray(String[]::new));
    } catch (Runaway e) {
      story.add(
          c
              + which
              + " -> runaway after writes "
              + h.rds.writeLog().subList(rdsFrom, h.rds.writeLog().size()));
      throw new AssertionError(
          report(
              "one run is bounded",
              "it made more than "
                  + MAX_CALLS
                  + " RDS calls; its writes: "
                  + summarize(h.rds.writeLog().subList(rdsFrom, h.rds.writeLog().size())),
              null));
    } finally {
      h.rds.settleAfterDescribes(-1);
      h.budget.disarm();
      h.rds.throttleCall(0);
    }
    List<String> writes =
        new ArrayList<>(h.rds.writeLog().subList(rdsFrom, h.rds.writeLog().size()));
    h.route53.writeLog().subList(dnsFrom, h.route53.writeLog().size()).forEach(writes::add);
    String said = run.out() + run.err();
    boolean crashed = said.contains("simulated crash");
    boolean throttled = throttleArmed && !h.rds.throttleArmed() && said.contains("throttled");
    // the unreachable database of a sanitize setup is a fault the setup injects, as is a clone RDS
    // failed
    boolean faulted =
        crashed || throttled || (setup.sanitize() && said.contains("Can't connect")) || failedClone;
    Outcome outcome = new Outcome(run, writes, faulted);
    story.add(
        "rds-echo "
            + String.join(" ", args)
            + (c.rerun() ? " (twice)" : "")
            + which
            + " -> exit "
            + run.exitCode()
            + (faulted ? " (fault)" : "")
            + ", writes "
            + summarize(writes)
            + firstLine(said));

    if (c.quiet()
        && !c.dryRun()
        && !c.name().equals("status")
        && Set.of(0, 3, 75).contains(run.exitCode())) {
      check(said.isBlank(), "-q prints nothing when all is well", said.strip(), outcome);
    }
    if (c.dryRun() || c.name().equals("status")) {
      check(
          writes.isEmpty(),
          "--dry-run and status write nothing",
          "it wrote " + summarize(writes),
          outcome);
    }
    if (!stageEdited) {
      String stageKey = "rdsecho:" + Harness.NAME + ":stage";
      List<String> inFlight =
          new ArrayList<>(
              ourInstances().stream()
                  .filter(i -> i.clusterId == null)
                  .filter(i -> !"deleting".equals(i.status))
                  .filter(i -> PRE_PROMOTION.contains(i.tags.get(stageKey)))
                  .map(i -> i.id)
                  .toList());
      ourClusters().stream()
          .filter(k -> !"deleting".equals(k.status))
          .filter(k -> PRE_PROMOTION.contains(k.tags.get(stageKey)))
          .forEach(k -> inFlight.add(k.id));
      check(
          inFlight.size() <= 1,
          "at most one clone in flight",
          "before promotion: " + inFlight,
          outcome);
    }
    check(
        Set.of(0, 1, 2, 3, 4, 75).contains(run.exitCode()),
        "exit codes are the documented ones",
        "exit " + run.exitCode(),
        outcome);
    check(crashed || !said.contains("unexpected error"), "no unexpected errors", said, outcome);
    // the fake cloud fails only where a step told it to: any other failure (1) is rds-echo's own
    // dead end (a write it cannot make, a name it collides with, a bound it hit)
    check(faulted || run.exitCode() != 1, "no failure without a fault", firstLine(said), outcome);

    // nothing foreign was written to, modified or deleted
    for (String write : writes) {
      String[] words = write.split(" ");
      String id = words.length > 1 ? words[1] : "";
      check(
          !foreignInstances.contains(id)
              && !foreignSnapshots.contains(id)
              && !foreignClusters.contains(id)
              && !foreignClusterSnapshots.contains(id),
          "nothing foreign is touched",
          "the write '" + write + "' is to a resource rds-echo did not create",
          outcome);
    }
    Map<String, String> foreignAfter = foreignPrints();
    foreignBefore.forEach(
        (id, print) ->
            check(
                print.equals(foreignAfter.get(id)),
                "nothing foreign is touched",
                id + " was " + print + ", is now " + foreignAfter.get(id),
                outcome));

    // at most one clone, one snapshot and one copy per run
    // a clone is an instance, or a cluster and its writer
    int clonesNow = count(writes, "RestoreDBInstance", "RestoreDBCluster");
    int writersNow = count(writes, "CreateDBInstance");
    int snapshotsNow = count(writes, "CreateDBSnapshot", "CreateDBClusterSnapshot");
    int copiesNow = count(writes, "CopyDB");
    check(
        clonesNow <= 1 && writersNow <= 1 && snapshotsNow <= 1 && copiesNow <= 1,
        "one clone, one snapshot, one copy per run",
        clonesNow
            + " clones, "
            + writersNow
            + " writers, "
            + snapshotsNow
            + " snapshots, "
            + copiesNow
            + " copies: "
            + summarize(writes),
        outcome);
    clones += clonesNow;
    snapshotsTaken += snapshotsNow;
    copies += copiesNow;
    if (!newSnapshotSeen && !stageEdited) {
      check(
          clones <= 1 && snapshotsTaken <= 1 && copies <= 1,
          "with no new snapshot, nothing is created after the first night",
          "so far " + clones + " clones, " + snapshotsTaken + " snapshots, " + copies + " copies",
          outcome);
    }

    // one deadline per command
    Duration timeout = c.timeout() == null ? Duration.ofHours(2) : parse(c.timeout());
    Duration took = Duration.between(start, h.clock.instant());
    check(
        took.compareTo(timeout.plusMinutes(1)) <= 0,
        "--timeout bounds the whole command",
        "it ran for " + took + " with --timeout " + timeout,
        outcome);

    // the CNAME moves only to a clone of ours that passed the gates; rollback only backwards
    String cnameAfter = cnameTarget();
    if (!java.util.Objects.equals(cnameBefore, cnameAfter)) {
      check(
          setup.cname(),
          "no CNAME configured, no DNS change",
          "the CNAME became " + cnameAfter,
          outcome);
      check(
          cnameAfter != null,
          "the CNAME is never removed",
          "it pointed at " + cnameBefore,
          outcome);
      Target target = targetOf(cnameAfter);
      check(
          target != null && !target.foreign(),
          "the CNAME targets only our clones",
          "it now points at "
              + cnameAfter
              + (target == null
                  ? ", no instance or cluster"
                  : ", " + target.id() + " which rds-echo did not create"),
          outcome);
      check(
          "available".equals(target.status()),
          "the CNAME targets only an available clone",
          target.id() + " is " + target.status(),
          outcome);
      if (!stageEdited) {
        check(
            target.modified(),
            "the CNAME targets only a clone that passed the gates (modified and rebooted)",
            target.id() + " has parameter groups " + target.parameterGroups(),
            outcome);
      }
      if (setup.sanitize() && !stageEdited) {
        check(
            false,
            "the CNAME targets only a sanitized clone",
            "no clone ever passed sanitize (its database never"
                + " answered), yet the CNAME moved to "
                + target.id(),
            outcome);
      }
      if (c.name().equals("rollback")) {
        check(
            promotedBefore.contains(target.id()),
            "rollback goes back, never sideways",
            target.id()
                + " was never promoted by rds-echo (promoted before: "
                + promotedBefore
                + ")",
            outcome);
      }
      promotedByTool.add(target.id());
    }
    // (the configured CNAME's: without one, rds-echo knows no DNS name to protect)
    check(
        deletedBehindCname == null || !setup.cname(),
        "what the CNAME points at is never deleted",
        deletedBehindCname + " was behind the CNAME when it was deleted",
        outcome);
    return outcome;
  }

  /** What a CNAME target is: an instance or a cluster, with what the gates look at. */
  private record Target(
      String id, boolean foreign, String status, boolean modified, String parameterGroups) {}

  private Target targetOf(String dnsName) {
    for (FakeRds.Instance i : h.rds.instances().values()) {
      if (same(i.endpoint(), dnsName)) {
        return new Target(
            i.id,
            foreignInstances.contains(i.id),
            i.status,
            "in-sync".equals(i.parameterGroups.get(MOD_GROUP)),
            i.parameterGroups.toString());
      }
    }
    for (FakeRds.Cluster c : h.rds.clusters().values()) {
      if (same(c.endpoint(), dnsName)) {
        return new Target(
            c.id,
            foreignClusters.contains(c.id),
            c.status,
            CLUSTER_MOD_GROUP.equals(c.parameterGroup) && "in-sync".equals(c.parameterGroupStatus),
            c.parameterGroup + "/" + c.parameterGroupStatus);
      }
    }
    return null;
  }

  private static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    return x.replaceAll("\\.$", "").equals(y.replaceAll("\\.$", ""));
  }

  private static Duration parse(String timeout) {
    return Duration.parse("PT" + timeout.toUpperCase(Locale.ROOT));
  }

  private static int count(List<String> writes, String... prefixes) {
    int n = 0;
    for (String w : writes) {
      for (String p : prefixes) {
        if (w.startsWith(p)) {
          n++;
        }
      }
    }
    return n;
  }

  /** The line that says most: an error, which comes last, else the first. */
  private static String firstLine(String said) {
    List<String> lines = said.strip().lines().filter(l -> !l.isBlank()).toList();
    String line =
        lines.isEmpty()
            ? ""
            : lines.stream()
                .filter(
                    l ->
                        l.contains("failed")
                            || l.contains("refus")
                            || l.contains("error")
                            || l.contains("cannot"))
                .reduce((a, b) -> b)
                .orElse(lines.get(0));
    return line.isEmpty() ? "" : ": " + (line.length() > 160 ? line.substring(0, 160) + "…" : line);
  }

  private static String summarize(List<String> writes) {
    return writes.stream()
        .map(w -> w.length() > 90 ? w.substring(0, 90) + "…" : w)
        .toList()
        .toString();
  }

  String cnameTarget() {
    FakeRoute53.Cname c = h.route53.cname(Harness.ZONE, Harness.CNAME);
    return c == null ? null : c.target();
  }

  private Map<String, String> foreignPrints() {
    Map<String, String> prints = new LinkedHashMap<>();
    for (String id : foreignInstances) {
      FakeRds.Instance i = h.rds.instance(id);
      prints.put(
          id,
          i == null
              ? "gone"
              : i.status
                  + " "
                  + new TreeMap<>(i.tags)
                  + " "
                  + i.parameterGroups
                  + " backup="
                  + i.backupRetention
                  + "/"
                  + i.pendingBackupRetention
                  + " vpc="
                  + i.vpcGroups);
    }
    for (String id : foreignClusters) {
      FakeRds.Cluster c = h.rds.clusters().get(id);
      prints.put(
          "cluster " + id,
          c == null
              ? "gone"
              : c.status
                  + " "
                  + new TreeMap<>(c.tags)
                  + " "
                  + c.parameterGroup
                  + " backup="
                  + c.backupRetention
                  + " vpc="
                  + c.vpcGroups);
    }
    for (String id : foreignClusterSnapshots) {
      FakeRds.Snapshot s = h.rds.clusterSnapshots().get(id);
      prints.put(
          "cluster snapshot " + id,
          s == null ? "gone" : s.status() + " " + s.type() + " " + new TreeMap<>(s.tags()));
    }
    for (String id : foreignSnapshots) {
      FakeRds.Snapshot s = h.rds.snapshots().get(id);
      prints.put(
          id, s == null ? "gone" : s.status() + " " + s.type() + " " + new TreeMap<>(s.tags()));
    }
    return prints;
  }

  private void check(boolean ok, String promise, String detail, Outcome outcome) {
    if (!ok) {
      throw new AssertionError(report(promise, detail, outcome));
    }
  }

  private String report(String promise, String detail, Outcome outcome) {
    StringBuilder text =
        new StringBuilder(
            "broken promise: "
                + promise
                + "\n  "
                + detail
                + "\n  setup: "
                + setup
                + "\n  history:\n");
    story.forEach(line -> text.append("    ").append(line).append('\n'));
    if (outcome != null) {
      text.append("  the last command said:\n")
          .append(outcome.run().out())
          .append(outcome.run().err());
    }
    return text.toString();
  }

  void note(String step) {
    story.add(step);
  }

  @Override
  public String toString() {
    return "EchoWorld[" + setup + "]";
  }
}

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
 * read: tags, the status a write leaves an instance in (a restore "creating", a modify "modifying",
 * a reboot "rebooting", a delete "deleting"), the CNAME's target, and the snapshots rds-echo takes,
 * copies, makes on deletion (final snapshots, tagged as their clone) and deletes. Immutable: {@link
 * #after} returns a new state; {@link #NONE} sees every observation as it is.
 */
public final class PlannedState {
  /** Nothing planned: every observation as it is. */
  public static final PlannedState NONE = new PlannedState();

  final Map<String, Map<String, String>> added = new HashMap<>();
  final Map<String, Set<String>> removed = new HashMap<>();
  final Map<String, String> status = new HashMap<>();
  final Map<String, EchoInstance> created = new LinkedHashMap<>();
  final Map<String, SnapshotInfo> snapshotsMade = new LinkedHashMap<>();

  /** A final snapshot's id to the clone it is taken of: it carries that clone's tags (§15). */
  final Map<String, String> finalSnapshots = new LinkedHashMap<>();

  final Set<String> snapshotsDeleted = new HashSet<>();

  /**
   * What modify and reboot do to an instance's settings, in order (a reboot puts pending ones into
   * effect).
   */
  final Map<String, List<java.util.function.UnaryOperator<InstanceSettings>>> settings =
      new HashMap<>();

  /** Instances deleted and waited for: gone from every listing. */
  final Set<String> gone = new HashSet<>();

  /**
   * The writes were waited for (--wait): work in progress is done, snapshots being made are
   * available.
   */
  boolean settled;

  final List<Action> planned = new ArrayList<>();
  String cnameTarget;
  boolean cnameMoved;

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
        cloud.accept(new PlannedWrite(next));
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
   * This state once the work its writes started is done, as a run with {@code --wait} waits for it
   * before its next step: instances available (deleted ones gone), snapshots available. A clone
   * created in the plan has no endpoint yet; it is named {@code <endpoint of ID>} in what follows.
   */
  public PlannedState settled() {
    PlannedState next = copy();
    next.status.forEach(
        (id, s) -> {
          if ("deleting".equals(s)) {
            next.gone.add(id);
          }
        });
    next.status.replaceAll((id, s) -> "available");
    next.created.replaceAll(
        (id, i) ->
            new EchoInstance(
                id,
                i.arn(),
                "available",
                "<endpoint of " + id + ">",
                i.port(),
                i.createdAt(),
                i.tags(),
                i.settings(),
                i.kind(),
                i.members(),
                i.otherEndpoints()));
    next.snapshotsMade.replaceAll(
        (id, x) ->
            new SnapshotInfo(
                x.id(),
                x.sourceInstanceId(),
                x.type(),
                "available",
                x.createdAt(),
                x.tags(),
                x.arn()));
    next.settled = true;
    return next;
  }

  /**
   * A listing as it would be: the clones created added, with the tags and statuses the writes
   * leave.
   */
  public List<EchoInstance> instances(List<EchoInstance> observed) {
    List<EchoInstance> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EchoInstance i : observed) {
      seen.add(i.id());
      if (!gone.contains(i.id())) {
        all.add(applied(i));
      }
    }
    created.values().stream()
        .filter(i -> !seen.contains(i.id()) && !gone.contains(i.id()))
        .map(this::applied)
        .forEach(all::add);
    return all;
  }

  /** One instance (or cluster) as it would be, looked up by id. */
  public Optional<EchoInstance> instance(String id, Optional<EchoInstance> observed) {
    if (gone.contains(id)) {
      return Optional.empty();
    }
    return observed
        .map(this::applied)
        .or(() -> Optional.ofNullable(created.get(id)).map(this::applied));
  }

  private EchoInstance applied(EchoInstance i) {
    Map<String, String> tags = new LinkedHashMap<>(i.tags());
    tags.keySet().removeAll(removed.getOrDefault(i.id(), Set.of()));
    tags.putAll(added.getOrDefault(i.id(), Map.of()));
    InstanceSettings after = i.settings();
    for (java.util.function.UnaryOperator<InstanceSettings> op :
        settings.getOrDefault(i.id(), List.of())) {
      after = op.apply(after);
    }
    return new EchoInstance(
        i.id(),
        i.arn(),
        status.getOrDefault(i.id(), i.status()),
        i.endpoint(),
        i.port(),
        i.createdAt(),
        tags,
        after,
        i.kind(),
        i.members(),
        i.otherEndpoints());
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
  public List<SnapshotInfo> snapshots(
      List<SnapshotInfo> observed,
      Predicate<SnapshotInfo> belongs,
      Function<String, Optional<EchoInstance>> clones) {
    List<SnapshotInfo> all =
        new ArrayList<>(observed.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList());
    Set<String> ids = new HashSet<>(all.stream().map(SnapshotInfo::id).toList());
    made(clones).stream().filter(s -> !ids.contains(s.id())).filter(belongs).forEach(all::add);
    return all;
  }

  /** One snapshot as it would be, looked up by id. */
  public Optional<SnapshotInfo> snapshot(
      String id, Optional<SnapshotInfo> observed, Function<String, Optional<EchoInstance>> clones) {
    if (snapshotsDeleted.contains(id)) {
      return Optional.empty();
    }
    return observed.or(() -> made(clones).stream().filter(s -> s.id().equals(id)).findFirst());
  }

  private Map<String, String> tagsOf(String clone, Optional<EchoInstance> observed) {
    return observed
        .or(() -> Optional.ofNullable(created.get(clone)))
        .map(this::applied)
        .map(EchoInstance::tags)
        .orElse(Map.of());
  }

  private List<SnapshotInfo> made(Function<String, Optional<EchoInstance>> clones) {
    List<SnapshotInfo> made = new ArrayList<>(snapshotsMade.values());
    // tagged as its clone was when it was deleted (the clone may be gone from the listing since)
    finalSnapshots.forEach(
        (id, clone) ->
            made.add(
                new SnapshotInfo(
                    id,
                    clone,
                    "manual",
                    settled ? "available" : "creating",
                    null,
                    tagsOf(clone, clones.apply(clone)))));
    return made.stream().filter(s -> !snapshotsDeleted.contains(s.id())).toList();
  }
}

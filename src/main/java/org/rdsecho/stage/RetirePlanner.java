package org.rdsecho.stage;

import org.rdsecho.core.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.config.DnsNames;
import org.rdsecho.config.RetireSettings;

/**
 * Decides what {@code retire} deletes. The stage tag is written before the delete call, and an
 * instance tagged retired but not being deleted is deleted on the next run, so an interruption
 * between the two writes converges.
 */
public final class RetirePlanner {
  private RetirePlanner() {}

  /** What retire observed and was told. */
  public record Inputs(
      EchoFleet fleet,
      RetireSettings settings,
      String explicitId,
      Supplier<String> cnameTarget,
      boolean yes,
      boolean interactive,
      Stage finishedAt,
      Supplier<List<SnapshotInfo>> manualSnapshots,
      Set<String> sourceIds,
      String name,
      Integer keepFreshSnapshots,
      Instant now,
      PromotionGates gates,
      RollbackWindow window) {

    /**
     * @param finishedAt with no CNAME configured, the stage at which a clone has passed its last
     *     configured step and is deleted like a forgotten one; null when there is a CNAME
     * @param gates a clone without DNS has finished only once it passed these too (verified,
     *     carried)
     */
    public Inputs {
      gates = gates == null ? PromotionGates.NONE : gates;
      window = window == null ? RollbackWindow.NONE : window;
    }

    public Inputs(EchoFleet fleet, RetireSettings settings, String explicitId, Supplier<String> cnameTarget,
        boolean yes, boolean interactive, Stage finishedAt, Supplier<List<SnapshotInfo>> manualSnapshots,
        Set<String> sourceIds, String name, Integer keepFreshSnapshots, Instant now, PromotionGates gates) {
      this(fleet, settings, explicitId, cnameTarget, yes, interactive, finishedAt, manualSnapshots, sourceIds, name,
          keepFreshSnapshots, now, gates, RollbackWindow.NONE);
    }

    public Inputs(EchoFleet fleet, RetireSettings settings, String explicitId, Supplier<String> cnameTarget,
        boolean yes, boolean interactive, Stage finishedAt, Supplier<List<SnapshotInfo>> manualSnapshots,
        Set<String> sourceIds, String name, Integer keepFreshSnapshots, Instant now) {
      this(fleet, settings, explicitId, cnameTarget, yes, interactive, finishedAt, manualSnapshots, sourceIds, name,
          keepFreshSnapshots, now, PromotionGates.NONE, RollbackWindow.NONE);
    }
  }

  public static Decision decide(Inputs in) {
    return in.explicitId() != null ? explicit(in) : forgotten(in);
  }

  private static Decision explicit(Inputs in) {
    EchoFleet fleet = in.fleet();
    String id = in.explicitId();
    Optional<EchoInstance> found = fleet.find(id);
    if (found.isEmpty()) {
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "no instance " + id + " in this account and region: nothing to retire",
          null,
          null);
    }
    EchoInstance instance = found.get();
    if (fleet.isSource(instance)) {
      return Decision.stop(Outcome.REFUSED, Targets.refuseSource("retire", id), instance, null);
    }
    Optional<String> notOurs = fleet.notOurs(instance);
    if (notOurs.isPresent()) {
      return Decision.stop(Outcome.REFUSED, "refusing to retire " + id + ": " + notOurs.get()
          + "; rds-echo will not delete it", instance, null);
    }
    Optional<String> unknown = fleet.unknownStage(instance);
    if (unknown.isPresent()) {
      return Decision.stop(Outcome.REFUSED, Targets.refuseUnknown("retire", instance, unknown.get(), fleet), instance,
          null);
    }
    Stage stage = fleet.stageOf(instance);
    if (instance.isDeleting()) {
      return Decision.stop(Outcome.DONE, id + " is already being deleted", instance, stage);
    }
    if (stage == Stage.PROMOTED) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to retire " + id + ": it is the promoted instance; promote a newer clone first",
          instance,
          stage);
    }
    if (isCnameTarget(instance, in.cnameTarget().get())) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to retire " + id + ": the CNAME still points at it (" + in.cnameTarget().get()
              + ")" + Targets.servedNote(stage),
          instance,
          stage);
    }
    if (instance.isBusy()) {
      return Targets.notReady(instance, stage, "retire");
    }
    Optional<String> kept = stage == Stage.FORGOTTEN ? in.window().holds(fleet.tags(), instance, in.now())
        : Optional.empty();
    if (kept.isPresent()) {
      return Decision.stop(in.window().whileKept(), "not retiring yet: " + kept.get(), instance, stage);
    }
    List<Action> writes = new ArrayList<>(remember(fleet, List.of(instance)));
    writes.addAll(writes(fleet, instance, in.settings(), in.now()));
    Decision decision =
        Decision.act(
            "retiring " + id + deleteNote(in.settings(), instance),
            instance,
            stage,
            Stage.RETIRED,
            writes);
    if (stage.isPrePromotion() && !in.yes()) {
      if (!in.interactive()) {
        return decision; // rdsecho.interactive=false bypasses prompts, as in 0.1.x
      }
      return decision.askingOperator();
    }
    return decision;
  }

  private static Decision forgotten(Inputs in) {
    EchoFleet fleet = in.fleet();
    Optional<Decision> unreadable = Targets.unknownStages(fleet, "retire");
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    List<EchoInstance> actionable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    EchoInstance busy = null;
    for (EchoInstance instance : fleet.inStages(EnumSet.allOf(Stage.class))) {
      Stage stage = fleet.stageOf(instance);
      boolean finished = in.finishedAt() != null && stage.isPrePromotion() && stage.isAtOrAfter(in.finishedAt())
          && in.gates().refusal(fleet.tags(), instance, stage).isEmpty();
      boolean candidate =
          stage == Stage.FORGOTTEN || finished || (stage == Stage.RETIRED && !instance.isDeleting());
      if (!candidate) {
        continue;
      }
      if (isCnameTarget(instance, in.cnameTarget().get())) {
        skipped.add(instance.id() + " (the CNAME still points at it)");
      } else if (instance.isBusy()) {
        busy = busy == null ? instance : busy;
      } else if (stage == Stage.FORGOTTEN && in.window().holds(fleet.tags(), instance, in.now()).isPresent()) {
        kept.add(in.window().holds(fleet.tags(), instance, in.now()).get());
      } else {
        actionable.add(instance);
      }
    }
    // the final snapshots this run makes count among keepFinalSnapshots (§15): only the newest N of
    // the clones deleted now get one (actionable is newest first); more would exceed N at once
    Integer keepFinal = in.settings().keepFinalSnapshots();
    Set<String> withFinal = new java.util.HashSet<>();
    for (EchoInstance instance : actionable) {
      if (keepFinal == null || withFinal.size() < keepFinal) {
        withFinal.add(instance.id());
      }
    }
    int madeNow = (int) actionable.stream().filter(i -> withFinal.contains(i.id()))
        .filter(i -> finalSnapshotId(in.settings(), i.id(), i.createdAt()) != null).count();
    List<Action> pruning = pruneSnapshots(in, madeNow);
    if (actionable.isEmpty() && !pruning.isEmpty()) {
      return Decision.act("deleting " + pruning.size() + " old snapshot(s) of this name beyond the ones kept"
          + " (rdsecho.retire.keepFinalSnapshots, rdsecho.snapshot.keep)"
          + (kept.isEmpty() ? "" : "; " + String.join("; ", kept)), null, null, null, pruning);
    }
    if (actionable.isEmpty()) {
      if (!skipped.isEmpty()) {
        return Decision.stop(
            Outcome.REFUSED,
            "refusing to retire " + String.join(", ", skipped)
                + ": point the CNAME at the promoted instance with 'rds-echo promote' first",
            null,
            Stage.FORGOTTEN);
      }
      if (busy != null) {
        return Targets.notReady(busy, fleet.stageOf(busy), "retire");
      }
      if (!kept.isEmpty()) {
        return Decision.stop(in.window().whileKept(), "not retiring yet: " + String.join("; ", kept)
            + "; 'rds-echo rollback' goes back to it until then", null, Stage.FORGOTTEN);
      }
      Optional<EchoInstance> deleting =
          fleet.inStages(EnumSet.of(Stage.RETIRED)).stream()
              .filter(i -> fleet.stageOf(i) == Stage.RETIRED && i.isDeleting())
              .findFirst();
      if (deleting.isPresent()) {
        return Decision.stop(
            Outcome.DONE,
            "nothing to retire: " + deleting.get().id() + " is already being deleted",
            deleting.get(),
            Stage.RETIRED);
      }
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "nothing to retire: no instance is forgotten (an instance becomes forgotten when a newer"
              + " clone is promoted" + (in.finishedAt() == null ? "" : ", and without a CNAME a clone is retired"
              + " once it is " + in.finishedAt()) + ")",
          null,
          null);
    }
    List<Action> actions = new ArrayList<>(remember(fleet, actionable));
    for (EchoInstance instance : actionable) {
      actions.addAll(writes(fleet, instance, withFinal.contains(instance.id()) ? in.settings()
          : new RetireSettings(true, in.settings().finalSnapshotIdentifier(), keepFinal), in.now()));
    }
    actions.addAll(pruning);
    String ids = String.join(", ", actionable.stream().map(EchoInstance::id).toList());
    List<String> without = actionable.stream().map(EchoInstance::id).filter(id -> !withFinal.contains(id)).toList();
    String message = "retiring " + ids + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped))
        + (kept.isEmpty() ? "" : "; " + String.join("; ", kept))
        + (without.isEmpty() || in.settings().skipFinalSnapshot() ? "" : "; no final snapshot of " + String.join(", ",
            without) + " (rdsecho.retire.keepFinalSnapshots=" + keepFinal + " counts the newer ones made now)")
        + (pruning.isEmpty() ? "" : "; deleting " + pruning.size() + " old final snapshot(s)");
    EchoInstance first = actionable.get(0);
    return Decision.act(message, first, fleet.stageOf(first), Stage.RETIRED, actions);
  }

  /** The pruning a run makes when it deletes no clone (and so makes no final snapshot). */
  static List<Action> pruneFinalSnapshots(Inputs in) {
    return pruneSnapshots(in, 0);
  }

  /**
   * This echo's own snapshots beyond the ones kept, one rule per role, each counted over the set
   * of that role as {@link Ownership} sees it (the same set {@code new} chooses from):
   * <ul>
   *   <li>final snapshots beyond the newest keepFinalSnapshots, where the final snapshots this run
   *       is about to make count among the kept (else keep=1 leaves two);
   *   <li>fresh snapshots beyond the newest snapshot.keep, and copies beyond the newest
   *       snapshot.keep, never the one {@code new} restores tonight (the newest fresh snapshot, the
   *       newest copy, and the copy of that fresh snapshot).
   * </ul>
   * Snapshots still being made are counted but never deleted (RDS refuses); anything people, RDS
   * or another echo made, or that someone copied from ours, has another role and is never touched.
   *
   * @param madeNow final snapshots the deletes of this run make
   */
  static List<Action> pruneSnapshots(Inputs in, int madeNow) {
    Ownership ownership = in.fleet().ownership();
    List<SnapshotInfo> manual = in.manualSnapshots().get();
    List<Action> actions = new ArrayList<>();
    Integer keepFinal = in.settings().keepFinalSnapshots();
    if (keepFinal != null) {
      actions.addAll(beyond(ownership.snapshots(manual, Ownership.Role.FINAL), keepFinal - madeNow, Set.of()));
    }
    Integer keep = in.keepFreshSnapshots();
    if (keep != null) {
      List<SnapshotInfo> fresh = ownership.snapshots(manual, Ownership.Role.FRESH);
      List<SnapshotInfo> copies = ownership.snapshots(manual, Ownership.Role.COPY);
      Set<String> needed = new java.util.HashSet<>();
      fresh.stream().findFirst().ifPresent(f -> {
        needed.add(f.id());
        copies.stream().filter(c -> EchoTags.value(f.id()).equals(c.tags().get(in.fleet().tags().key("copiedFrom"))))
            .forEach(c -> needed.add(c.id()));
      });
      copies.stream().findFirst().ifPresent(c -> needed.add(c.id()));
      actions.addAll(beyond(fresh, keep, needed));
      actions.addAll(beyond(copies, keep, needed));
    }
    return actions;
  }

  private static List<Action> beyond(List<SnapshotInfo> newestFirst, int keep, Set<String> needed) {
    return newestFirst.stream()
        .skip(Math.max(0, keep))
        .filter(SnapshotInfo::isAvailable)
        .filter(s -> !needed.contains(s.id()))
        .map(s -> (Action) new CloudAction.DeleteSnapshot(s.id()))
        .toList();
  }

  /** This name's final snapshots among {@code manual}, newest first (the ones keepFinalSnapshots counts). */
  public static List<SnapshotInfo> finalSnapshots(Ownership ownership, List<SnapshotInfo> manual) {
    return ownership.snapshots(manual, Ownership.Role.FINAL);
  }

  /**
   * Before clones never promoted are deleted, their snapshots are recorded on the promoted clone (§15), so
   * {@code new} never restores them again once they are gone; first, so a crash between the
   * record and the delete leaves the record. Without a promoted clone (no CNAME) the dump set's
   * manifest and the final snapshots are the record.
   */
  private static List<Action> remember(EchoFleet fleet, List<EchoInstance> retiring) {
    EchoTags tags = fleet.tags();
    // a clone that was promoted was superseded by a newer one (or rollback recorded it): only the
    // ones given up before promotion need the record
    List<String> ids = retiring.stream().filter(i -> i.tag(tags.promotedBy()).isEmpty())
        .map(tags::snapshotOf).flatMap(Optional::stream).toList();
    List<Action> actions = new ArrayList<>();
    for (EchoInstance promoted : fleet.promoted()) {
      List<String> kept = tags.givenUpOf(promoted);
      List<String> fresh = ids.stream().filter(id -> !kept.contains(EchoTags.value(id)))
          .filter(id -> !tags.snapshotOf(promoted).filter(id::equals).isPresent()).toList();
      if (!fresh.isEmpty() && !promoted.isDeleting()) {
        actions.add(CloudAction.Tag.add(promoted, java.util.Map.of(tags.givenUp(), EchoTags.givenUpValue(fresh, kept))));
      }
    }
    return actions;
  }

  private static List<Action> writes(
      EchoFleet fleet, EchoInstance instance, RetireSettings settings, Instant now) {
    List<Action> actions = new ArrayList<>();
    if (fleet.stageOf(instance) != Stage.RETIRED) {
      actions.add(CloudAction.Tag.add(instance, fleet.tags().transition(Stage.RETIRED, now)));
    }
    String finalSnapshot = finalSnapshotId(settings, instance.id(), instance.createdAt());
    if (instance.isCluster()) {
      // RDS deletes a cluster only once its instances are deleted or being deleted; the final
      // snapshot is the cluster's (instances of a cluster have none of their own)
      instance.members().stream().filter(m -> !"deleting".equals(m.status()))
          .forEach(m -> actions.add(new CloudAction.Delete(m.id(), null)));
      actions.add(new ClusterAction.DeleteCluster(instance.id(), finalSnapshot));
    } else {
      actions.add(new CloudAction.Delete(instance.id(), finalSnapshot));
    }
    return actions;
  }

  private static String deleteNote(RetireSettings settings, EchoInstance instance) {
    String snapshot = finalSnapshotId(settings, instance.id(), instance.createdAt());
    return snapshot == null ? " (no final snapshot)" : " (final snapshot " + snapshot + ")";
  }

  /**
   * Whether the CNAME names this clone: one of its endpoints, or a host whose first label is its
   * identifier or one of its instances' (every RDS endpoint's is), for a server RDS reports no
   * endpoint for (an Aurora writer in incompatible-restore, found by StatefulEchoTest). A clone
   * the CNAME may still name is never deleted.
   */
  static boolean isCnameTarget(EchoInstance instance, String cnameTarget) {
    if (cnameTarget == null) {
      return false;
    }
    if (instance.endpoints().stream().anyMatch(e -> DnsNames.same(e, cnameTarget))) {
      return true;
    }
    String host = DnsNames.absolute(cnameTarget);
    String label = host.substring(0, Math.max(0, host.indexOf('.')));
    return label.equalsIgnoreCase(instance.id())
        || instance.members().stream().anyMatch(m -> label.equalsIgnoreCase(m.id()));
  }

  private static final java.time.format.DateTimeFormatter STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

  /**
   * A final snapshot name unique to the instance: the configured identifier (0.1.x used it as
   * is, which failed from the second retirement on) suffixed with the instance id, or
   * {@code <instance>-final}, then the instance's creation time: a snapshot restored again into
   * the same identifier (after a forget) is a new instance and must not collide with the first
   * one's final snapshot. Null when final snapshots are skipped.
   */
  public static String finalSnapshotId(RetireSettings settings, String instanceId, Instant createdAt) {
    if (settings.skipFinalSnapshot()) {
      return null;
    }
    String base =
        (settings.finalSnapshotIdentifier() == null
            ? instanceId + "-final"
            : settings.finalSnapshotIdentifier() + "-" + instanceId)
        + (createdAt == null ? "" : "-" + STAMP.format(createdAt));
    String clean =
        base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
    if (clean.length() > 255) {
      clean = clean.substring(0, 255);
    }
    clean = clean.replaceAll("-+$", "");
    return Character.isLetter(clean.charAt(0)) ? clean : "s" + clean;
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.SnapshotSettings;
import org.rdsecho.config.SnapshotType;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.CloudAction;
import org.rdsecho.stage.Decision;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.FreshSnapshots;
import org.rdsecho.stage.NewPlanner;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Ownership;
import org.rdsecho.stage.SnapshotChoice;
import org.rdsecho.stage.SnapshotInfo;

/** {@code new}: restores the newest snapshot of the source into a fresh, tagged instance. */
@Parameters(commandNames = "new") // its help line is in the command table, stage/Step
final class NewCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  NewCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "new";
  }

  @Override
  public Result run(Context ctx) {
    EchoConfig config = ctx.config();
    String name = ctx.name();
    config.requireSnapshotSource();
    config.requirePurpose();
    Preflight.check(ctx); // before the first AWS write: a typo must not cost a restore
    StageRunner runner = new StageRunner(ctx, name());
    Result result = runner.run(
        () -> ctx.aurora() ? AuroraRestores.of(decideBySource(ctx), ctx) : decideBySource(ctx),
        (decision, changes) -> {
          Optional<String> taken = decision.actions().stream()
              .map(a -> a instanceof CloudAction.CreateSnapshot c ? c.snapshotId()
                  : a instanceof CloudAction.CopySnapshot c ? c.copyId() : null)
              .filter(java.util.Objects::nonNull).findFirst();
          if (taken.isPresent()) {
            Waits.untilSnapshotAvailable(ctx, runner, taken.get());
          } else {
            Waits.untilAvailable(ctx, runner, StageRunner.instanceId(decision));
          }
        });
    boolean tookSnapshot = result.changed() && result.actions().stream()
        .anyMatch(a -> a.startsWith("take snapshot") || a.startsWith("copy snapshot"));
    if (tookSnapshot && ctx.options().waitForIt() && !ctx.options().dryRun()) {
      return run(ctx); // the snapshot is there now: restore it (and wait for the clone)
    }
    if (result.changed() && ctx.options().waitForIt() && result.outcome() == Outcome.DONE && result.instance() != null
        && result.actions().stream().anyMatch(a -> a.startsWith("restore"))) {
      // waited: the restore is done, not in progress ("… is available" was said before this line)
      String said = result.message();
      String done = said.startsWith("restoring ") ? "restored " + said.substring("restoring ".length()) : said;
      return result.withMessage(done + "; " + result.instance() + " is available");
    }
    return result;
  }

  private static Decision decideBySource(Context ctx) {
    EchoConfig config = ctx.config();
    if (config.snapshot().copyOnWrite()) {
      return decidePointInTime(ctx);
    }
    return switch (config.snapshot().identifier() != null ? SnapshotType.ANY : config.snapshot().type()) {
      case FRESH -> decideFresh(ctx);
      case POINT_IN_TIME -> decidePointInTime(ctx);
      default -> config.snapshot().copyKmsKeyId() != null ? decideCopy(ctx) : decide(ctx, chooseSnapshot(ctx));
    };
  }

  private static Decision decide(Context ctx, SnapshotInfo snapshot) {
    EchoConfig config = ctx.config();
    org.rdsecho.stage.EchoFleet fleet = ctx.fleet();
    return NewPlanner.decide(fleet, ctx.name(), snapshot, config.restore(), config.replaceUnpromoted(),
        Dns.currentTarget(ctx), () -> finishedDumps(ctx, snapshot.id()), () -> givenUp(ctx, fleet, snapshot.id()),
        ctx.now());
  }

  /**
   * Where this echo recorded the snapshot as restored into a clone it gave up (§15): on a clone
   * (the promoted one carries the record), or on a final snapshot of a retired clone (its tags
   * are the clone's). A snapshot the configuration names (snapshot.identifier, or a fixed
   * snapshot.restoreTime) is the operator's explicit choice and restored again.
   */
  private static Optional<String> givenUp(Context ctx, org.rdsecho.stage.EchoFleet fleet, String snapshotId) {
    SnapshotSettings s = ctx.config().snapshot();
    if (s.identifier() != null || s.restoreTime() != null) {
      return Optional.empty();
    }
    String wanted = EchoTags.value(snapshotId);
    return NewPlanner.givenUpOn(fleet, snapshotId).or(() ->
        org.rdsecho.stage.RetirePlanner.finalSnapshots(ctx.ownership(), ctx.snapshots().manual()).stream()
            .filter(f -> wanted.equals(f.tags().get(ctx.tags().snapshot())))
            .findFirst()
            .map(f -> "the final snapshot " + f.id() + " of its clone (tag " + ctx.tags().snapshot() + ")"));
  }

  /**
   * snapshot.copyKmsKeyId: the chosen snapshot (typically shared from the production account and
   * encrypted with its key) is copied into this account with a key of its own, then the copy is
   * restored. The copy's name is derived from the original's, so an interrupted run finds it and
   * never copies twice; while it is being made, new is "not ready".
   */
  private static Decision decideCopy(Context ctx) {
    return decideCopy(ctx, chooseSnapshot(ctx));
  }

  private static Decision decideCopy(Context ctx, SnapshotInfo chosen) {
    SnapshotSettings s = ctx.config().snapshot();
    String copyId = FreshSnapshots.copyIdFor(ctx.name(), chosen.id());
    Optional<SnapshotInfo> copy = ctx.snapshots().find(copyId);
    Ownership.Verdict verdict = copy.map(ctx.ownership()::of).orElse(null);
    if (verdict != null && verdict.role() != Ownership.Role.COPY) {
      throw new EchoException(Outcome.FAILED, "a snapshot named " + copyId + " exists but " + verdict.why()
          + ": rds-echo will not restore or replace it; rename or delete it by hand");
    }
    if (copy.isPresent() && copy.get().isBeingCreated()) {
      return Decision.stop(Outcome.NOT_READY, "the copy " + copyId + " of " + chosen.id() + " is still being made:"
          + " run 'rds-echo new' again later, or with --wait", null, null);
    }
    if (copy.isPresent() && copy.get().isAvailable()) {
      return decide(ctx, copy.get());
    }
    if (copy.isPresent()) {
      throw new EchoException(Outcome.FAILED, "the copy " + copyId + " of " + chosen.id() + " is " + copy.get().status()
          + ": check rdsecho.snapshot.copyKmsKeyId (the key must be usable by this account) and delete the copy,"
          + " then run 'rds-echo new' again");
    }
    SnapshotInfo planned = new SnapshotInfo(copyId, chosen.sourceInstanceId(), "manual", "available", chosen.createdAt());
    Decision restore = decide(ctx, planned);
    return replacingRestore(restore, r -> FreshSnapshots.copy(ctx.tags(), ctx.name(), chosen, s.copyKmsKeyId(),
        ctx.now()), "copying " + chosen.id() + " into this account as " + copyId + "; 'rds-echo new' restores"
        + " the copy once it is available (or use --wait)", null);
  }

  /**
   * snapshot.type=pointInTime: the clone's identity is the restore time ({@code pit:<time>} in the
   * snapshot tag), so reruns and "one clone in flight" work as for snapshots. With {@code latest},
   * a clone of ours restored to a time younger than maxAge is current; else the latest restorable
   * time is used. A time outside the source's window is a configuration error naming the window.
   * An Aurora copy-on-write clone (§12) is the same with {@code latest} and {@code cow:<time>}.
   */
  private static Decision decidePointInTime(Context ctx) {
    SnapshotSettings s = ctx.config().snapshot();
    String prefix = s.copyOnWrite() ? "cow:" : "pit:";
    org.rdsecho.stage.RestoreWindow window = ctx.restoreWindow().orElseThrow(() ->
        new EchoException(Outcome.FAILED, s.source() + " has no automated backups, so it cannot be restored"
            + " to a point in time: give it a backup retention period, or use another rdsecho.snapshot.type"));
    java.time.Instant time;
    if (s.restoreTime() == null) {
      org.rdsecho.stage.EchoFleet fleet = ctx.fleet();
      java.util.function.Predicate<String> young = t -> {
        java.time.Instant at = t.startsWith(prefix) ? pitTime(t) : null;
        return at != null && !at.plus(s.maxAge()).isBefore(ctx.now());
      };
      // any clone of ours restored to a time younger than maxAge, in whatever stage (a finished one
      // that retire is deleting counts too), or the dump set such a clone left: it is current
      Optional<org.rdsecho.stage.EchoInstance> current = fleet.managed().stream()
          .filter(i -> fleet.unknownStage(i).isEmpty())
          .filter(i -> ctx.tags().snapshotOf(i).filter(young).isPresent())
          .findFirst();
      if (current.isPresent() && org.rdsecho.stage.EchoInstance.WRITER_MISSING.equals(current.get().status())) {
        // an Aurora restore stopped between the cluster and its writer: the planner creates the writer
        String identity = ctx.tags().snapshotOf(current.get()).orElseThrow();
        return decide(ctx, new SnapshotInfo(identity, s.source(), "pointInTime", "available", pitTime(identity)));
      }
      if (current.isPresent()) {
        return Decision.stop(Outcome.DONE, "already current: " + current.get().id() + " was restored to "
            + ctx.tags().snapshotOf(current.get()).orElse("?").substring(4) + ", younger than rdsecho.snapshot.maxAge",
            current.get(), fleet.stageOf(current.get()));
      }
      Optional<String> dumped = finishedDumps(ctx, young);
      if (dumped.isPresent()) {
        return Decision.stop(Outcome.DONE, "already done: the dump set in " + dumped.get() + " is of a point in time"
            + " younger than rdsecho.snapshot.maxAge", null, null);
      }
      // a point in time restored into a clone that was then given up (and deleted) is remembered as a
      // snapshot is (§15): on the promoted clone's givenUp record, or on the final snapshot of its clone
      Optional<String> givenUp = fleet.managed().stream()
          .flatMap(i -> ctx.tags().givenUpOf(i).stream()).filter(young).findFirst()
          .or(() -> org.rdsecho.stage.RetirePlanner.finalSnapshots(ctx.ownership(), ctx.snapshots().manual()).stream()
              .map(f -> f.tags().get(ctx.tags().snapshot())).filter(java.util.Objects::nonNull).filter(young)
              .findFirst());
      if (givenUp.isPresent()) {
        return Decision.stop(Outcome.DONE, "not restoring " + s.source() + " again: it was restored to "
            + givenUp.get().substring(4) + " into a clone that was then given up, younger than"
            + " rdsecho.snapshot.maxAge; the next restore comes once that is older, or set rdsecho.snapshot.restoreTime"
            + " to restore a time on purpose", null, null);
      }
      time = window.latest().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    } else {
      time = s.restoreTime();
      if (!window.contains(time)) {
        throw new org.rdsecho.config.ConfigException(ConfigKeys.SNAPSHOT_RESTORE_TIME + "=" + EchoTags.time(time)
            + " is outside the restorable window of " + s.source() + " (" + window + "): choose a time"
            + " within it, or latest");
      }
    }
    SnapshotInfo identity = new SnapshotInfo(prefix + EchoTags.time(time), s.source(), "pointInTime",
        "available", time);
    Decision restore = decide(ctx, identity);
    String clone = restore.actions().stream().filter(a -> a instanceof CloudAction.Restore)
        .map(a -> ((CloudAction.Restore) a).instanceId()).findFirst().orElse("?");
    return replacingRestore(restore, r -> new CloudAction.RestoreToPointInTime(r.instanceId(), s.source(), time,
        r.settings(), r.tags()), (s.copyOnWrite() ? "cloning (copy-on-write) " : "restoring ") + s.source()
        + " as it was at " + EchoTags.time(time) + " into " + clone, org.rdsecho.stage.Stage.NEW);
  }

  private static java.time.Instant pitTime(String tag) {
    return tag.length() < 4 ? null : EchoTags.parseTime(tag.substring(4)).orElse(null);
  }

  /**
   * snapshot.type=fresh: restore our newest snapshot of the source if it is younger than maxAge,
   * else take one first (the same rules of "one clone in flight" decide whether to). A snapshot
   * still being taken is "not ready", so an interrupted run never takes a second one.
   */
  private static Decision decideFresh(Context ctx) {
    SnapshotSettings s = ctx.config().snapshot();
    // the snapshots we took of this source (not the copies we made of them with a key): the same
    // role retire prunes by, so what is chosen here is never pruned
    List<SnapshotInfo> ours = FreshSnapshots.ours(ctx.ownership(), ctx.snapshots().manual()).stream()
        .filter(snapshot -> s.source().equals(snapshot.sourceInstanceId())).toList();
    Optional<SnapshotInfo> current = FreshSnapshots.current(ours, ctx.now(), s.maxAge());
    if (current.isPresent() && current.get().isBeingCreated()) {
      return Decision.stop(Outcome.NOT_READY, "the fresh snapshot " + current.get().id() + " of " + s.source()
          + " is still being taken: run 'rds-echo new' again later, or with --wait", null, null);
    }
    if (current.isPresent()) {
      // with a key (new.kmsKeyId, storageEncrypted, copyKmsKeyId) the fresh snapshot is copied
      // with it first, as any other snapshot would be
      return s.copyKmsKeyId() != null ? decideCopy(ctx, current.get()) : decide(ctx, current.get());
    }
    // one instant for the name planned, the one said and the one taken (they differed by a second)
    java.time.Instant now = ctx.now();
    SnapshotInfo planned = new SnapshotInfo(FreshSnapshots.idFor(ctx.name(), now), s.source(),
        "manual", "available", now);
    Decision restore = decide(ctx, planned);
    return replacingRestore(restore, r -> FreshSnapshots.take(ctx.tags(), ctx.name(), s.source(), now),
        "taking the fresh snapshot " + planned.id() + " of " + s.source()
            + "; 'rds-echo new' restores it once it is available (or use --wait)", null);
  }

  /**
   * NewPlanner decided as if a snapshot existed; where it would restore one (its last write), put
   * the write that really comes first: a fresh snapshot, a copy, or a point-in-time restore. Its
   * stops (done, in flight, refused) stand as they are.
   */
  private static Decision replacingRestore(Decision restore, java.util.function.Function<CloudAction.Restore, Action> with,
      String message, org.rdsecho.stage.Stage toStage) {
    if (restore.actions().stream().noneMatch(a -> a instanceof CloudAction.Restore)) {
      return restore;
    }
    List<Action> actions = restore.actions().stream()
        .map(a -> a instanceof CloudAction.Restore r ? with.apply(r) : a)
        .toList();
    return Decision.act(message, null, null, toStage, actions);
  }

  /** Without DNS, the complete dump set of the snapshot that the last configured step writes. */
  private static Optional<String> finishedDumps(Context ctx, String snapshotId) {
    return finishedDumps(ctx, snapshotId::equals);
  }

  private static Optional<String> finishedDumps(Context ctx, java.util.function.Predicate<String> snapshot) {
    EchoConfig config = ctx.config();
    if (config.promote().cname() != null) {
      return Optional.empty();
    }
    boolean sanitized = config.sanitize().configured() && config.sanitize().dir() != null;
    String template = sanitized ? config.sanitize().dir() : config.export().effectiveDir();
    if (template == null) {
      return Optional.empty();
    }
    return DumpSets.complete(ctx.env().workDir(), template, ctx.name(), sanitized ? "sanitized" : "raw", snapshot)
        .map(Path::toString);
  }

  private static String describe(Ownership.Role role) {
    return switch (role) {
      case COPY -> "a copy made with rdsecho.snapshot.copyKmsKeyId, new.kmsKeyId or new.storageEncrypted";
      case FRESH -> "a fresh snapshot of snapshot.type=fresh";
      case FINAL -> "the final snapshot of a retired clone";
      default -> role.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static SnapshotInfo chooseSnapshot(Context ctx) {
    SnapshotSettings s = ctx.config().snapshot();
    if (s.identifier() != null) {
      SnapshotInfo snapshot =
          ctx.snapshots()
              .find(s.identifier())
              .orElseThrow(
                  () ->
                      new EchoException(
                          Outcome.FAILED,
                          "snapshot " + s.identifier() + " (" + ConfigKeys.SNAPSHOT_IDENTIFIER
                              + ") not found in this account and region: check the id and --region"));
      Ownership.Role role = ctx.ownership().of(snapshot).role();
      if (role.ours()) {
        // never a source of our own making (§15), even when pinned: restoring it again would copy
        // or re-restore what rds-echo already made from the snapshot it came from
        throw new EchoException(Outcome.FAILED, "snapshot " + s.identifier() + " (" + ConfigKeys.SNAPSHOT_IDENTIFIER
            + ") was made by rds-echo (" + describe(role) + "); it never restores a snapshot of its own making: name"
            + " the snapshot it was made from, or another one");
      }
      return SnapshotChoice.newestAvailable(List.of(snapshot), s.identifier());
    }
    // the source's snapshots that rds-echo did not make: never its copies (which keep the source's
    // instance id and a newer time), fresh snapshots or anything copied from ours by someone
    List<SnapshotInfo> listed = ctx.snapshots().of(s.source(), s.type());
    List<SnapshotInfo> candidates = ctx.ownership().candidates(listed);
    if (listed.isEmpty() && ctx.findClone(s.source()).isEmpty()) {
      throw new EchoException(
          Outcome.FAILED,
          "source " + (s.aurora() ? "cluster " : "instance ") + s.source() + " (" + s.sourceKey()
              + ") not found and has no snapshots in this account and region: check the id and"
              + " --region / rdsecho.region");
    }
    String source = s.source() + (s.type() == SnapshotType.ANY ? "" : " (" + s.type().apiValue() + ")");
    return SnapshotChoice.newestAvailable(candidates, source);
  }
}

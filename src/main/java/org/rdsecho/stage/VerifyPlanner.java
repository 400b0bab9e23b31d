package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * Decides what {@code verify} does (§13): the newest exported or sanitized clone whose newest dump
 * set was not yet verified gets one load-and-compare per dump file, after dropping what an
 * interrupted verify left, then the {@code verifiedAt} mark. The stage does not change. Every
 * refusal is decided here, before anything connects or loads (§16): the verification server's
 * roles, the set the clone's manifest digest names, table exports, file names, the client.
 */
public final class VerifyPlanner {
  private VerifyPlanner() {}

  /**
   * What verify reads, each answer immutable. Asked in this order, each only once the rules over
   * the earlier answers let the run go on: nothing connects to a server verify may not use, and no
   * dump is read with a client that would run its commands.
   */
  public interface Observe {
    /** The servers of the source, the clones and the configuration (no connection made). */
    ConnectionEnds ends(EchoInstance clone);

    /**
     * The complete sets of this kind under {@code template} that claim to be the clone's, newest
     * first.
     */
    List<DumpSetSeen> dumpSets(String template, DumpKind kind, EchoInstance clone);

    ClientSeen client();

    /** This echo's scratch databases on the verification server (what a killed verify left). */
    List<String> leftovers();
  }

  public static Decision decide(
      EchoFleet fleet, String explicitId, Instant now, EchoConfig config, Observe observe) {
    Targets.Selection selection = Targets.select(fleet, Step.VERIFY, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance clone = selection.instance();
    Stage stage = fleet.stageOf(clone);
    if (isVerified(fleet.tags(), clone)) {
      return Decision.stop(
          Outcome.DONE,
          "already verified: the newest dump set of "
              + clone.id()
              + " was verified at "
              + clone.tag(fleet.tags().verifiedAt()).orElse("?"),
          clone,
          stage);
    }
    if (!clone.isAvailable() || clone.endpoint() == null) {
      return Targets.notReady(clone, stage, "verify");
    }
    String server = ServerChecks.verifyServer(observe.ends(clone), clone.id(), config.carry());
    boolean sanitized = stage == Stage.SANITIZED && config.sanitize().dir() != null;
    DumpKind kind = sanitized ? DumpKind.SANITIZED : DumpKind.RAW;
    String template = sanitized ? config.sanitize().dir() : config.export().effectiveDir();
    if (template == null) {
      throw config.missing(ConfigKeys.EXPORT_DIR, "the directory of the dumps verify restores");
    }
    DumpSetSeen set =
        VerifiedSet.choose(
            fleet.tags(), clone, kind, template, observe.dumpSets(template, kind, clone));
    if (set.manifest().partial() || (!sanitized && !config.export().tables().isEmpty())) {
      throw new EchoException(
          Outcome.REFUSED,
          "refusing to verify "
              + set.dir()
              + ": it is a table export"
              + " (rdsecho.export.tables, dataOnly or where), which restores into an existing database, not into an"
              + " empty one; verify applies to whole-database dumps");
    }
    // a dump is data: refused at once (also under --dry-run) when the client could run its commands
    observe.client().requireSandbox("the dumps of " + set.dir());
    List<Action> actions = new ArrayList<>();
    observe
        .leftovers()
        .forEach(scratch -> actions.add(new DataAction.DropScratchDatabase(server, scratch)));
    actions.addAll(VerifiedSet.loads(set, server));
    long loads = actions.stream().filter(a -> a instanceof DataAction.VerifyDump).count();
    actions.add(CloudAction.Tag.add(clone, Map.of(fleet.tags().verifiedAt(), TagValues.time(now))));
    return Decision.act(
        "verified "
            + clone.id()
            + ": "
            + loads
            + " dump(s) of "
            + set.dir()
            + " restored into"
            + " scratch databases match the clone",
        clone,
        stage,
        stage,
        actions);
  }

  /**
   * Verified since its last stage change (the export or sanitize that wrote its newest set): a
   * sanitize after a verify leaves a new set that is not verified yet.
   */
  public static boolean isVerified(EchoTags tags, EchoInstance clone) {
    Optional<Instant> verified = clone.tag(tags.verifiedAt()).flatMap(TagValues::parseTime);
    Optional<Instant> staged = clone.tag(tags.stagedAt()).flatMap(TagValues::parseTime);
    return verified.isPresent() && (staged.isEmpty() || !verified.get().isBefore(staged.get()));
  }
}

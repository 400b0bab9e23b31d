package org.rdsecho.stage;

import org.rdsecho.core.Outcome;

import org.rdsecho.core.EchoException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what {@code verify} does (§13): the newest exported or sanitized clone whose newest dump
 * set was not yet verified gets one load-and-compare per dump file, after dropping what an
 * interrupted verify left, then the {@code verifiedAt} mark. The stage does not change.
 */
public final class VerifyPlanner {
  private VerifyPlanner() {}

  /** What verifying a clone takes, observed on disk and on the verification server. */
  public record Work(String setDir, List<Action> actions) {
    public Work {
      actions = List.copyOf(actions);
    }
  }

  /** Observes the clone's newest dump set and the verification server. */
  @FunctionalInterface
  public interface Observe {
    /** @throws EchoException a refusal or failure found while observing (exit code as its outcome) */
    Work work(EchoInstance clone);
  }

  public static Decision decide(EchoFleet fleet, String explicitId, Instant now, Observe observe) {
    Targets.Selection selection = Targets.select(fleet, Step.VERIFY, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance clone = selection.instance();
    Stage stage = fleet.stageOf(clone);
    if (isVerified(fleet.tags(), clone)) {
      return Decision.stop(Outcome.DONE, "already verified: the newest dump set of " + clone.id() + " was verified at "
          + clone.tag(fleet.tags().verifiedAt()).orElse("?"), clone, stage);
    }
    if (!clone.isAvailable() || clone.endpoint() == null) {
      return Targets.notReady(clone, stage, "verify");
    }
    Work work = observe.work(clone);
    List<Action> actions = new ArrayList<>(work.actions());
    long loads = actions.stream().filter(a -> a instanceof DataAction.VerifyDump).count();
    actions.add(CloudAction.Tag.add(clone, Map.of(fleet.tags().verifiedAt(), EchoTags.time(now))));
    return Decision.act("verified " + clone.id() + ": " + loads + " dump(s) of " + work.setDir() + " restored into"
        + " scratch databases match the clone", clone, stage, stage, actions);
  }

  /**
   * Verified since its last stage change (the export or sanitize that wrote its newest set): a
   * sanitize after a verify leaves a new set that is not verified yet.
   */
  public static boolean isVerified(EchoTags tags, EchoInstance clone) {
    Optional<Instant> verified = clone.tag(tags.verifiedAt()).flatMap(EchoTags::parseTime);
    Optional<Instant> staged = clone.tag(tags.stagedAt()).flatMap(EchoTags::parseTime);
    return verified.isPresent() && (staged.isEmpty() || !verified.get().isBefore(staged.get()));
  }

}

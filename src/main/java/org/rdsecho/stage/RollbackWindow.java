package org.rdsecho.stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.rdsecho.core.Outcome;

/**
 * How long a forgotten clone is kept so that {@code rollback} can still go back to it (§17): {@code
 * rdsecho.retire.after} since it was forgotten (its {@code stagedAt}), and with {@code
 * rdsecho.retire.whenIdle} also until nothing has been connected to it for the last {@link
 * #IDLE_FOR} (stale connection pools of staging apps still on the old clone are not cut).
 *
 * @param idle asked only for a clone past {@code after}: whether it had no connections lately
 */
public record RollbackWindow(
    Duration after, boolean whenIdle, Function<EchoInstance, Activity> idle, Outcome whileKept) {
  public static final Duration IDLE_FOR = Duration.ofMinutes(15);
  public static final RollbackWindow NONE =
      new RollbackWindow(Duration.ZERO, false, i -> Activity.IDLE);

  /** What CloudWatch says of a clone's connections over the last {@link #IDLE_FOR}. */
  public enum Activity {
    IDLE,
    CONNECTED,
    /** No data points at all: no proof that nobody is connected. */
    UNKNOWN
  }

  /**
   * @param whileKept what retire says while every forgotten clone is kept: not ready (75) when run
   *     by itself, done within advance, where the window is expected and must neither turn a
   *     night's success into 75 nor make {@code --wait} wait twelve hours
   */
  public RollbackWindow {
    whileKept = whileKept == null ? Outcome.NOT_READY : whileKept;
  }

  public RollbackWindow(Duration after, boolean whenIdle, Function<EchoInstance, Activity> idle) {
    this(after, whenIdle, idle, Outcome.NOT_READY);
  }

  /** When the window of a clone forgotten at {@code forgottenAt} ends (without the idle rule). */
  public Instant endsAt(Instant forgottenAt) {
    return forgottenAt.plus(after);
  }

  /**
   * Why {@code forgotten} is kept for now, or empty when retire may delete it. Only a clone that
   * was promoted before ({@code promotedBy}) is one {@code rollback} can go back to, so only such a
   * clone is kept; a clone given up before promotion goes at once, as in 0.1.x. A promoted clone
   * forgotten without a readable time (a hand edit) is kept until an operator says otherwise: the
   * window fails safe.
   */
  public Optional<String> holds(EchoTags tags, EchoInstance forgotten, Instant now) {
    if (forgotten.tag(tags.promotedBy()).isEmpty() || (after.isZero() && !whenIdle)) {
      return Optional.empty();
    }
    String sooner =
        "; to delete it sooner: 'rds-echo retire --instance "
            + forgotten.id()
            + " -D rdsecho.retire.after=0"
            + (whenIdle ? " -D rdsecho.retire.whenIdle=false'" : "'");
    Optional<Instant> at = forgottenAt(tags, forgotten);
    if (!after.isZero() && at.isEmpty()) {
      return Optional.of(
          forgotten.id()
              + " is kept: its tag "
              + tags.stagedAt()
              + " does not say when it was"
              + " forgotten, so its rollback window (rdsecho.retire.after="
              + human(after)
              + ") has no end"
              + sooner);
    }
    if (at.isPresent() && endsAt(at.get()).isAfter(now)) {
      return Optional.of(
          forgotten.id()
              + " is kept for a rollback until "
              + TagValues.time(endsAt(at.get()))
              + " (rdsecho.retire.after="
              + human(after)
              + " since it was forgotten at "
              + TagValues.time(at.get())
              + ")"
              + sooner);
    }
    if (whenIdle) {
      Activity activity = idle.apply(forgotten);
      if (activity == Activity.CONNECTED) {
        return Optional.of(
            forgotten.id()
                + " still had database connections in the last "
                + human(IDLE_FOR)
                + " (rdsecho.retire.whenIdle=true)"
                + sooner);
      }
      if (activity == Activity.UNKNOWN) {
        return Optional.of(
            "CloudWatch has no DatabaseConnections data for "
                + forgotten.id()
                + " in the last "
                + human(IDLE_FOR)
                + ", so it is not known to be idle (rdsecho.retire.whenIdle=true)"
                + sooner);
      }
    }
    return Optional.empty();
  }

  public static Optional<Instant> forgottenAt(EchoTags tags, EchoInstance forgotten) {
    return forgotten.tag(tags.stagedAt()).flatMap(TagValues::parseTime);
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}

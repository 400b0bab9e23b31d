package org.rdsecho.stage;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How long a forgotten clone is kept so that {@code rollback} can still go back to it (§17):
 * {@code rdsecho.retire.after} since it was forgotten (its {@code stagedAt}), and with
 * {@code rdsecho.retire.whenIdle} also until nothing has been connected to it for the last
 * {@link #IDLE_FOR} (stale connection pools of staging apps still on the old clone are not cut).
 *
 * @param idle asked only for a clone past {@code after}: whether it had no connections lately
 */
public record RollbackWindow(Duration after, boolean whenIdle, Predicate<EchoInstance> idle, Outcome whileKept) {
  public static final Duration IDLE_FOR = Duration.ofMinutes(15);
  public static final RollbackWindow NONE = new RollbackWindow(Duration.ZERO, false, i -> true);

  /**
   * @param whileKept what retire says while every forgotten clone is kept: not ready (75) when run
   *     by itself, done within advance, where the window is expected and must neither turn a
   *     night's success into 75 nor make {@code --wait} wait twelve hours
   */
  public RollbackWindow {
    whileKept = whileKept == null ? Outcome.NOT_READY : whileKept;
  }

  public RollbackWindow(Duration after, boolean whenIdle, Predicate<EchoInstance> idle) {
    this(after, whenIdle, idle, Outcome.NOT_READY);
  }

  /** When the window of a clone forgotten at {@code forgottenAt} ends (without the idle rule). */
  public Instant endsAt(Instant forgottenAt) {
    return forgottenAt.plus(after);
  }

  /**
   * Why {@code forgotten} is kept for now, or empty when retire may delete it. A clone forgotten
   * without a readable time (0.1.x, a hand edit) was forgotten long ago.
   */
  public Optional<String> holds(EchoTags tags, EchoInstance forgotten, Instant now) {
    Optional<Instant> at = forgottenAt(tags, forgotten);
    if (at.isPresent() && endsAt(at.get()).isAfter(now)) {
      return Optional.of(forgotten.id() + " is kept for a rollback until " + EchoTags.time(endsAt(at.get()))
          + " (rdsecho.retire.after=" + human(after) + " since it was forgotten at " + EchoTags.time(at.get()) + ")");
    }
    if (whenIdle && !idle.test(forgotten)) {
      return Optional.of(forgotten.id() + " still had database connections in the last " + human(IDLE_FOR)
          + " (rdsecho.retire.whenIdle=true)");
    }
    return Optional.empty();
  }

  public static Optional<Instant> forgottenAt(EchoTags tags, EchoInstance forgotten) {
    try {
      return forgotten.tag(tags.stagedAt()).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}

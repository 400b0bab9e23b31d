package org.rdsecho.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; {@code --wait} polls advance it instead of sleeping. */
public final class MutableClock extends Clock {
  private Instant now;
  private Duration tick = Duration.ZERO;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void set(Instant instant) {
    now = instant;
  }

  /**
   * Moves the clock on by {@code d} after every reading, as a real one moves during a long step.
   */
  public void tickEachReading(Duration d) {
    tick = d;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    Instant read = now;
    now = now.plus(tick);
    return read;
  }
}

package org.rdsecho.stage;

import java.time.Instant;

/** The times the source can be restored to (its automated backups' window). */
public record RestoreWindow(Instant earliest, Instant latest) {
  public boolean contains(Instant t) {
    return !t.isBefore(earliest) && !t.isAfter(latest);
  }

  @Override
  public String toString() {
    return TagValues.time(earliest) + " to " + TagValues.time(latest);
  }
}

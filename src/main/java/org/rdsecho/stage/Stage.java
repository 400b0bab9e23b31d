package org.rdsecho.stage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lifecycle of an echo instance, in order; the tag value is what rds-echo 0.1.x wrote. */
public enum Stage {
  /** Restored from a snapshot; settings not yet applied. */
  NEW,
  /** The {@code rdsecho.mod.*} settings were requested. */
  MODIFIED,
  /** Rebooted (or nothing was pending), so every setting is in effect. */
  REBOOTED,
  /** The raw databases were exported. */
  EXPORTED,
  /** The sanitize scripts ran and passed their checks; the scrubbed copy was exported. */
  SANITIZED,
  /** The CNAME points at this instance. */
  PROMOTED,
  /** Replaced by a newer promoted instance; waiting to be deleted. */
  FORGOTTEN,
  /** Deletion was requested. */
  RETIRED;

  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Stage> fromTag(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.tagValue().equals(wanted)).findFirst();
  }

  /** Every stage's tag value, for messages. */
  public static String allNames() {
    return String.join(", ", Arrays.stream(values()).map(Stage::tagValue).toList());
  }

  /** Before promotion: a clone still being prepared, which blocks a newer {@code new}. */
  public boolean isPrePromotion() {
    return compareTo(PROMOTED) < 0;
  }

  public boolean isAtOrAfter(Stage other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return tagValue();
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.rdsecho.config.RetireSettings;

/**
 * The final snapshots retire makes of the clones it deletes: their names, and which clones get one.
 */
public final class FinalSnapshots {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final Pattern STAMP_SHAPE = Pattern.compile("-\\d{8}-\\d{6}");

  private FinalSnapshots() {}

  /**
   * A final snapshot name unique to the instance: the configured identifier (0.1.x used it as is,
   * which failed from the second retirement on) suffixed with the instance id, or {@code
   * <instance>-final}, then the instance's creation time: a snapshot restored again into the same
   * identifier (after a forget) is a new instance and must not collide with the first one's final
   * snapshot. Null when final snapshots are skipped.
   */
  public static String id(RetireSettings settings, String instanceId, Instant createdAt) {
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

  /**
   * Whether {@code snapshotId} is the name {@link #id} gives the final snapshot of {@code clone}
   * under {@code settings}, whatever the clone's creation time.
   */
  static boolean isNamed(String snapshotId, RetireSettings settings, String clone) {
    if (settings.skipFinalSnapshot()) {
      settings =
          new RetireSettings(
              false, settings.finalSnapshotIdentifier(), settings.keepFinalSnapshots());
    }
    String base = id(settings, clone, null);
    return snapshotId.equals(base)
        || (snapshotId.startsWith(base)
            && STAMP_SHAPE.matcher(snapshotId.substring(base.length())).matches());
  }

  /**
   * This name's final snapshots among {@code manual}, newest first (the ones keepFinalSnapshots
   * counts).
   */
  public static List<SnapshotInfo> of(Ownership ownership, List<SnapshotInfo> manual) {
    return ownership.snapshots(manual, Ownership.Role.FINAL);
  }

  /**
   * The clones among {@code retiring} (newest first) that get a final snapshot: the ones this run
   * makes count among keepFinalSnapshots (§15), so only the newest N do; more would exceed N at
   * once.
   */
  static Set<String> chosen(List<EchoInstance> retiring, Integer keepFinal) {
    Set<String> withFinal = new HashSet<>();
    for (EchoInstance instance : retiring) {
      if (keepFinal == null || withFinal.size() < keepFinal) {
        withFinal.add(instance.id());
      }
    }
    return withFinal;
  }

  /** How many final snapshots the deletes of {@code retiring} make. */
  static int madeNow(List<EchoInstance> retiring, Set<String> withFinal, RetireSettings settings) {
    return (int)
        retiring.stream()
            .filter(i -> withFinal.contains(i.id()))
            .filter(i -> id(settings, i.id(), i.createdAt()) != null)
            .count();
  }

  /** What a retirement's message says of the instance's final snapshot. */
  static String note(RetireSettings settings, EchoInstance instance) {
    String snapshot = id(settings, instance.id(), instance.createdAt());
    return snapshot == null ? " (no final snapshot)" : " (final snapshot " + snapshot + ")";
  }
}

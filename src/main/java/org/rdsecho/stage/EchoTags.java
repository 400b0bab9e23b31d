package org.rdsecho.stage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows how echo state is spelled in tags. The managed and stage keys are the
 * ones rds-echo 0.1.x wrote, so its instances are adopted as they are; the rest is bookkeeping.
 */
public final class EchoTags {
  public static final int MAX_KEY = 128;
  public static final int MAX_VALUE = 256;

  private final String name;
  private final String prefix;

  public EchoTags(String name) {
    this.name = name;
    this.prefix = "rdsecho:" + name + ":";
  }

  /** The echo name these tags are spelled for. */
  public String name() {
    return name;
  }

  /**
   * The identity tag (§15): written in the call that creates an instance, cluster or snapshot,
   * naming that resource itself. A copy someone makes of ours inherits it, so it names another
   * resource there; {@link Ownership} decides by it.
   */
  public String identity() {
    return prefix + "id";
  }

  public String managed() {
    return prefix + "managed";
  }

  public String stage() {
    return prefix + "stage";
  }

  /** The snapshot the instance was restored from. */
  public String snapshot() {
    return prefix + "snapshot";
  }

  /** When the stage tag last changed (ISO-8601 UTC). */
  public String stagedAt() {
    return prefix + "stagedAt";
  }

  /**
   * When {@code promote} first asked for a confirmation; once it has reminded (remindEvery), an
   * ISO-8601 interval {@code <first>/<last reminder>}, so one tag holds both.
   */
  public String promoteRequestedAt() {
    return prefix + "promoteRequestedAt";
  }

  public String confirmedBy() {
    return prefix + "confirmedBy";
  }

  public String confirmedAt() {
    return prefix + "confirmedAt";
  }

  /** Who let the promotion through: a confirmer's name, "--yes" or "prompt". */
  public String promotedBy() {
    return prefix + "promotedBy";
  }

  /** On a clone promoted by a rollback: the snapshot it was rolled back from, which new then skips. */
  public String rolledBackFrom() {
    return prefix + "rolledBackFrom";
  }

  /** When {@code verify} last proved the clone's newest dump set (§13). */
  public String verifiedAt() {
    return prefix + "verifiedAt";
  }

  /** When {@code carry} last copied what staging made into the clone (§13). */
  public String carriedAt() {
    return prefix + "carriedAt";
  }

  /**
   * The SHA-256 of the manifest.json that completed the clone's dump set of a kind ({@code raw}:
   * {@code exportManifest}, {@code sanitized}: {@code sanitizeManifest}), written with the stage
   * transition: {@code verify} trusts only the set whose manifest hashes to it (§16).
   */
  public String manifestDigest(String kind) {
    return prefix + ("sanitized".equals(kind) ? "sanitizeManifest" : "exportManifest");
  }

  /** A key of ours other than the ones above (the data-plane steps keep their marks here). */
  public String key(String suffix) {
    return prefix + suffix;
  }

  public Optional<Stage> stageOf(EchoInstance instance) {
    return instance.tag(stage()).flatMap(Stage::fromTag);
  }

  public Optional<String> snapshotOf(EchoInstance instance) {
    return instance.tag(snapshot());
  }

  /**
   * The tags a restored instance (or cluster) is born with, so it is never seen untagged, and is
   * ours by birth: its identity tag names {@code id}.
   */
  public Map<String, String> birth(String id, String snapshotId, Instant now, Map<String, String> userTags) {
    Map<String, String> tags = new LinkedHashMap<>(userTags);
    tags.put(managed(), "true");
    tags.put(identity(), id);
    tags.put(stage(), Stage.NEW.tagValue());
    tags.put(snapshot(), value(snapshotId));
    tags.put(stagedAt(), time(now));
    return tags;
  }

  /** {@code tags} for another resource born of the same write (an Aurora clone's writer): it names itself. */
  public Map<String, String> namingItself(Map<String, String> tags, String id) {
    Map<String, String> own = new LinkedHashMap<>(tags);
    own.put(identity(), id);
    return own;
  }

  /** The tags of a snapshot rds-echo creates (fresh or copy): ours by birth, as clones are. */
  public Map<String, String> snapshotBirth(String snapshotId, Instant now, Map<String, String> more) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(managed(), "true");
    tags.put(identity(), snapshotId);
    tags.putAll(more);
    tags.put(key("takenAt"), time(now));
    return tags;
  }

  /** The writes that move an instance to {@code stage}. */
  public Map<String, String> transition(Stage stage, Instant now) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(stage(), stage.tagValue());
    tags.put(stagedAt(), time(now));
    return tags;
  }

  public static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Makes free text (an operator's name, say) a legal tag value: RDS allows letters, digits,
   * white space and {@code _.:/=+-@}, at most 256 characters.
   */
  public static String value(String text) {
    StringBuilder clean = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              boolean ok =
                  Character.isLetterOrDigit(c)
                      || Character.isWhitespace(c)
                      || "_.:/=+-@".indexOf(c) >= 0;
              clean.appendCodePoint(ok ? c : '_');
            });
    String s = clean.toString().trim();
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
  }
}

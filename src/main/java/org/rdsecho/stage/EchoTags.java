package org.rdsecho.stage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows how echo state is spelled in tags: the keys of one echo name, and the
 * tags each write carries. The managed and stage keys are the ones rds-echo 0.1.x wrote, so its
 * instances are adopted as they are; the rest is bookkeeping. Values are spelled by {@link
 * TagValues}.
 */
public final class EchoTags {
  public static final int MAX_KEY = 128;

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

  /**
   * On a clone promoted by a rollback: the snapshot it was rolled back from, which new then skips.
   */
  public String rolledBackFrom() {
    return prefix + "rolledBackFrom";
  }

  /**
   * The snapshots this echo restored into clones it then gave up (forgotten, rolled back from,
   * retired), newest first, separated by spaces, within one tag value (§15 "Bounded"): new never
   * restores them again. Kept on the promoted clone, which outlives the clones given up, and handed
   * on to each newly promoted one; bounded to the newest that fit in 256 characters.
   */
  public String givenUp() {
    return prefix + "givenUp";
  }

  /**
   * The snapshots recorded as given up on {@code instance} (the 0.2 rolledBackFrom tag included).
   */
  public java.util.List<String> givenUpOf(EchoInstance instance) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    instance
        .tag(givenUp())
        .ifPresent(
            v ->
                ids.addAll(
                    java.util.Arrays.stream(v.trim().split("\\s+"))
                        .filter(id -> !id.isEmpty())
                        .toList()));
    instance.tag(rolledBackFrom()).ifPresent(ids::add);
    return ids;
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
  public String manifestDigest(DumpKind kind) {
    return prefix
        + switch (kind) {
          case RAW -> "exportManifest";
          case SANITIZED -> "sanitizeManifest";
        };
  }

  /**
   * When the sanitize scripts finished on the clone (its mark that it was scrubbed, §15 rollback
   * gates).
   */
  public String sanitizeRan() {
    return prefix + "sanitizeScriptsRanAt";
  }

  /**
   * When the sanitize scripts started on the clone; still there without {@link #sanitizeRan()}, a
   * run was interrupted or failed, and only {@code --rerun-scripts} runs them again.
   */
  public String sanitizeStarted() {
    return prefix + "sanitizeStartedAt";
  }

  /** On a copy rds-echo made of a shared snapshot (§19): the snapshot it was copied from. */
  public String copiedFrom() {
    return prefix + "copiedFrom";
  }

  /** On a snapshot rds-echo took or copied: when. */
  public String takenAt() {
    return prefix + "takenAt";
  }

  /** Every key of this name, as messages write it ({@code rdsecho:<name>:*}). */
  public String anyKey() {
    return prefix + "*";
  }

  /**
   * A key of ours by its suffix: for tests in this package; everything else names its key above.
   */
  String key(String suffix) {
    return prefix + suffix;
  }

  /** Whether {@code key} is one of this name's keys. */
  public boolean isOurs(String key) {
    return key.startsWith(prefix);
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
  public Map<String, String> birth(
      String id, String snapshotId, Instant now, Map<String, String> userTags) {
    Map<String, String> tags = new LinkedHashMap<>(userTags);
    tags.put(managed(), "true");
    tags.put(identity(), id);
    tags.put(stage(), Stage.NEW.tagValue());
    tags.put(snapshot(), TagValues.value(snapshotId));
    tags.put(stagedAt(), TagValues.time(now));
    return tags;
  }

  /**
   * {@code tags} for another resource born of the same write (an Aurora clone's writer): it names
   * itself.
   */
  public Map<String, String> namingItself(Map<String, String> tags, String id) {
    Map<String, String> own = new LinkedHashMap<>(tags);
    own.put(identity(), id);
    return own;
  }

  /** The tags of a snapshot rds-echo creates (fresh or copy): ours by birth, as clones are. */
  public Map<String, String> snapshotBirth(
      String snapshotId, Instant now, Map<String, String> more) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(managed(), "true");
    tags.put(identity(), snapshotId);
    tags.putAll(more);
    tags.put(takenAt(), TagValues.time(now));
    return tags;
  }

  /** The writes that move an instance to {@code stage}. */
  public Map<String, String> transition(Stage stage, Instant now) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(stage(), stage.tagValue());
    tags.put(stagedAt(), TagValues.time(now));
    return tags;
  }

  /**
   * The writes that forget a promoted clone. It keeps, or gains, {@code promotedBy}: the mark that
   * it was promoted once, which {@code rollback} requires of a clone it returns to (§15).
   */
  public Map<String, String> forgetPromoted(EchoInstance instance, Instant now) {
    Map<String, String> tags = transition(Stage.FORGOTTEN, now);
    if (instance.tag(promotedBy()).isEmpty()) {
      tags.put(promotedBy(), "unrecorded");
    }
    return tags;
  }
}

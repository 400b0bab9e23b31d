package org.rdsecho.stage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdsecho.config.RetireSettings;

/**
 * The one model of what is this echo's (§15 "ours by birth"). Every instance, cluster and snapshot
 * a command sees gets one {@link Role} here, and nothing else reads tags to decide ownership.
 *
 * <p>A resource is ours only when it carries the managed tag and the identity tag {@code
 * rdsecho:<name>:id} names the resource itself: rds-echo writes that tag in the call that creates
 * the resource, so anything a person restores or copies from ours (which inherits every tag,
 * identity included) names its origin, not itself, and is {@link Role#FOREIGN}. Resources made
 * before the identity tag existed (0.1.x, and earlier versions of this tool) are adopted by the
 * identifier shape their maker used: {@code <name>-…} for clones, {@code rdsecho-<name>-…} for
 * fresh snapshots and copies.
 *
 * <p>Final snapshots are made by RDS inside DeleteDBInstance/DeleteDBCluster, which take no tags:
 * they inherit the clone's tags (CopyTagsToSnapshot), so their identity tag names the deleted
 * clone. A final snapshot is ours when it was taken of that very clone (its instance or cluster
 * identifier is the one the identity tag names) and its own identifier is the final-snapshot name
 * rds-echo derives from that clone ({@link FinalSnapshots#id}). A person's copy of it keeps the
 * clone's identifier and tags but not that name; a snapshot a person takes of an instance restored
 * from it is of another identifier. Recognising it needs no later write, so a final snapshot is
 * never unowned in between (see docs/contract-notes.md).
 */
public final class Ownership {
  /** What a resource is to this echo. */
  public enum Role {
    /**
     * The configured source, or (for snapshots) one of its snapshots that rds-echo did not make.
     */
    SOURCE,
    /** One of this echo's clones (instance, or Aurora cluster). */
    CLONE,
    /** A snapshot of the source taken by rds-echo (snapshot.type=fresh). */
    FRESH,
    /** A copy rds-echo made of a snapshot (with a KMS key of this account). */
    COPY,
    /** The final snapshot of a clone rds-echo retired. */
    FINAL,
    /** Carries this echo's tags but is not its own: copied from one of ours by someone else. */
    FOREIGN,
    /** Nothing of this echo's: no managed tag of this name. */
    OTHER;

    /** Whether rds-echo made it, and so may change or delete it. */
    public boolean ours() {
      return this == CLONE || this == FRESH || this == COPY || this == FINAL;
    }
  }

  /** A role and, for resources that are not ours, the plain reason why. */
  public record Verdict(Role role, String why) {
    public boolean ours() {
      return role.ours();
    }
  }

  private static final RetireSettings DEFAULT_RETIRE = new RetireSettings(false, null, null);

  private final EchoTags tags;
  private final Set<String> sourceIds;
  private final RetireSettings retire;

  /**
   * @param sourceIds the configured source instance or cluster: never ours, whatever its tags say
   * @param retire how final snapshots are named (null: the default {@code <clone>-final-<time>})
   */
  public Ownership(EchoTags tags, Set<String> sourceIds, RetireSettings retire) {
    this.tags = tags;
    this.sourceIds = Set.copyOf(sourceIds);
    this.retire = retire == null ? DEFAULT_RETIRE : retire;
  }

  public EchoTags tags() {
    return tags;
  }

  public boolean isSource(String id) {
    return sourceIds.contains(id);
  }

  /** The role of an instance or cluster. */
  public Verdict of(EchoInstance instance) {
    if (isSource(instance.id())) {
      return new Verdict(
          Role.SOURCE,
          (instance.isCluster() ? "it is the source cluster" : "it is the source instance")
              + "; rds-echo never touches it, whatever its tags say");
    }
    if (!managed(instance.tags())) {
      return new Verdict(
          Role.OTHER,
          "it has no tag " + tags.managed() + "=true, so it is not managed by this echo" + " name");
    }
    Optional<String> identity = instance.tag(tags.identity());
    if (identity.isPresent()) {
      return identity.get().equals(instance.id())
          ? new Verdict(Role.CLONE, null)
          : copiedFrom(identity.get());
    }
    if (instance.id().startsWith(tags.name() + "-")) {
      return new Verdict(Role.CLONE, null); // made before the identity tag existed
    }
    return withoutIdentity(", and its identifier does not start with " + tags.name() + "-");
  }

  /** The role of a DB snapshot or DB cluster snapshot. */
  public Verdict of(SnapshotInfo snapshot) {
    if (!managed(snapshot.tags())) {
      return isSource(snapshot.sourceInstanceId()) && !hasAnyTagOfOurs(snapshot)
          ? new Verdict(Role.SOURCE, null)
          : new Verdict(
              hasAnyTagOfOurs(snapshot) ? Role.FOREIGN : Role.OTHER,
              "it has no tag "
                  + tags.managed()
                  + "=true"
                  + (isSource(snapshot.sourceInstanceId())
                      ? " but carries other "
                          + tags.anyKey()
                          + " tags;"
                          + " rds-echo does not restore or delete it"
                      : ""));
    }
    String identity = snapshot.tags().get(tags.identity());
    boolean copy = snapshot.tags().containsKey(tags.copiedFrom());
    boolean staged = snapshot.tags().containsKey(tags.stage());
    if (identity != null && identity.equals(snapshot.id())) {
      return new Verdict(staged ? Role.FINAL : copy ? Role.COPY : Role.FRESH, null);
    }
    if (staged && isFinalOf(snapshot, identity)) {
      return new Verdict(Role.FINAL, null);
    }
    if (identity == null
        && !staged
        && snapshot.id().startsWith(FreshSnapshots.prefix(tags.name()))) {
      // a fresh snapshot or copy made before the identity tag existed
      boolean copyShape = snapshot.id().startsWith(FreshSnapshots.prefix(tags.name()) + "copy-");
      if (copy == copyShape) {
        return new Verdict(copy ? Role.COPY : Role.FRESH, null);
      }
    }
    return identity != null
        ? copiedFrom(identity)
        : withoutIdentity(" and is not named as rds-echo names its snapshots");
  }

  /**
   * A final snapshot names, by its identity tag (or, made before that tag, by the clone's
   * identifier shape), the clone it was taken of, and carries the name rds-echo gives that clone's
   * final snapshot.
   */
  private boolean isFinalOf(SnapshotInfo snapshot, String identity) {
    String clone = snapshot.sourceInstanceId();
    if (clone == null
        || isSource(clone)
        || !Stage.RETIRED.tagValue().equals(snapshot.tags().get(tags.stage()))) {
      return false;
    }
    boolean cloneIsOurs =
        identity != null ? identity.equals(clone) : clone.startsWith(tags.name() + "-");
    return cloneIsOurs
        && (FinalSnapshots.isNamed(snapshot.id(), retire, clone)
            || FinalSnapshots.isNamed(snapshot.id(), DEFAULT_RETIRE, clone));
  }

  /** Tags of ours without the identity tag, on a resource not of the shape rds-echo names. */
  private Verdict withoutIdentity(String shape) {
    return new Verdict(
        Role.FOREIGN,
        "it carries "
            + tags.anyKey()
            + " tags but no "
            + tags.identity()
            + " tag"
            + shape
            + "; rds-echo does not manage it");
  }

  private Verdict copiedFrom(String origin) {
    return new Verdict(
        Role.FOREIGN,
        "it carries "
            + tags.anyKey()
            + " tags copied from "
            + TagValues.value(origin)
            + "; rds-echo does not manage it");
  }

  /**
   * Whether an instance carries this name's managed tag, whoever it belongs to (status shows a
   * tagged source).
   */
  public boolean carriesManagedTag(EchoInstance instance) {
    return managed(instance.tags());
  }

  private boolean managed(java.util.Map<String, String> resourceTags) {
    return "true".equalsIgnoreCase(resourceTags.getOrDefault(tags.managed(), "").trim());
  }

  private boolean hasAnyTagOfOurs(SnapshotInfo snapshot) {
    return snapshot.tags().keySet().stream().anyMatch(tags::isOurs);
  }

  public boolean is(SnapshotInfo snapshot, Role role) {
    return of(snapshot).role() == role;
  }

  /** The snapshots of one role, newest first (one still being made, without a time, first). */
  public List<SnapshotInfo> snapshots(List<SnapshotInfo> snapshots, Role role) {
    return snapshots.stream().filter(s -> is(s, role)).sorted(NEWEST_FIRST).toList();
  }

  /**
   * The snapshots {@code new} may choose from among the source's: never one rds-echo made (fresh
   * snapshots are chosen only by snapshot.type=fresh, from {@link Role#FRESH}), nor one carrying
   * this echo's tags that someone copied from ours.
   */
  public List<SnapshotInfo> candidates(List<SnapshotInfo> sourceSnapshots) {
    return sourceSnapshots.stream().filter(s -> is(s, Role.SOURCE)).toList();
  }

  public static final Comparator<SnapshotInfo> NEWEST_FIRST =
      Comparator.comparing(
              (SnapshotInfo s) -> Optional.ofNullable(s.createdAt()).orElse(Instant.MAX))
          .reversed()
          .thenComparing(SnapshotInfo::id, Comparator.reverseOrder());
}

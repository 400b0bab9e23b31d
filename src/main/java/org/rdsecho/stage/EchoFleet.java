package org.rdsecho.stage;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdsecho.core.Printable;

/**
 * Everything one DescribeDBInstances listing says about this echo name: its clones, newest first,
 * with their stages. Tags can be written (and copied) by anyone with the IAM right to, so the
 * listing is read defensively: which instances are ours is {@link Ownership}'s to say (the source
 * never is, nor anything restored from ours by someone else), and a clone whose stage tag is
 * missing or not a stage is a {@link #problem} nobody acts on.
 */
public final class EchoFleet {
  private final Ownership ownership;
  private final EchoTags tags;
  private final List<EchoInstance> all;
  private final List<EchoInstance> managed;
  private final List<EchoInstance> staged;

  public EchoFleet(EchoTags tags, List<EchoInstance> instances) {
    this(tags, instances, Set.of());
  }

  /**
   * @param sourceIds the source instance(s) named by the configuration: never managed, even when
   *     someone gave them this name's tags
   */
  public EchoFleet(EchoTags tags, List<EchoInstance> instances, Set<String> sourceIds) {
    this(new Ownership(tags, sourceIds, null), instances);
  }

  public EchoFleet(Ownership ownership, List<EchoInstance> instances) {
    this.ownership = ownership;
    this.tags = ownership.tags();
    this.all = instances.stream().sorted(EchoInstance.NEWEST_FIRST).toList();
    this.managed = all.stream().filter(this::isOurs).toList();
    this.staged = managed.stream().filter(i -> tags.stageOf(i).isPresent()).toList();
  }

  public EchoTags tags() {
    return tags;
  }

  /** Who owns what: the roles of this listing's instances, and of any snapshot. */
  public Ownership ownership() {
    return ownership;
  }

  /** Whether the instance is one of this echo's clones (the only ones any command changes). */
  public boolean isOurs(EchoInstance instance) {
    return ownership.of(instance).role() == Ownership.Role.CLONE;
  }

  /**
   * Why rds-echo refuses to act on this instance as one of its clones, or empty when it is one: "it
   * has no tag …" for an instance of nobody's echo, "it carries … tags copied from …" for one
   * restored from ours by someone else.
   */
  public Optional<String> notOurs(EchoInstance instance) {
    Ownership.Verdict verdict = ownership.of(instance);
    return verdict.role() == Ownership.Role.CLONE ? Optional.empty() : Optional.of(verdict.why());
  }

  /** This echo's clones, newest first, whatever their stage tag says (the source excluded). */
  public List<EchoInstance> managed() {
    return managed;
  }

  /**
   * Instances carrying this name's tags that are not ours (restored from ours by someone), newest
   * first.
   */
  public List<EchoInstance> foreign() {
    return all.stream().filter(i -> ownership.of(i).role() == Ownership.Role.FOREIGN).toList();
  }

  /** Any instance in the account and region, managed or not. */
  public Optional<EchoInstance> find(String id) {
    return all.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** Every instance in the listing, newest first (for recognising whose endpoint a name is). */
  public List<EchoInstance> all() {
    return all;
  }

  public boolean isSource(EchoInstance instance) {
    return ownership.isSource(instance.id());
  }

  /** The source instance, when it carries this name's managed tag (someone tagged production). */
  public List<EchoInstance> taggedSources() {
    return all.stream().filter(this::isSource).filter(ownership::carriesManagedTag).toList();
  }

  /**
   * The stage of a managed instance with a readable stage tag. Callers only ask this of instances
   * from {@link #inStages}, {@link #head} or after {@link #unknownStage} said no.
   */
  public Stage stageOf(EchoInstance instance) {
    return tags.stageOf(instance)
        .orElseThrow(() -> new IllegalStateException(instance.id() + " has no readable stage"));
  }

  /** Why no command will act on this instance by itself, or empty when one will. */
  public Optional<String> problem(EchoInstance instance) {
    Optional<String> notOurs = notOurs(instance);
    if (notOurs.isPresent()) {
      return notOurs;
    }
    Optional<String> unknown = unknownStage(instance);
    if (unknown.isPresent()) {
      return unknown;
    }
    if (instance.isFailed()) {
      return Optional.of(
          "RDS reports it as " + instance.status() + ", from which it does not recover by itself");
    }
    return Optional.empty();
  }

  /** Set when the stage tag is missing or holds a value that is not a stage. */
  public Optional<String> unknownStage(EchoInstance instance) {
    Optional<String> value = instance.tag(tags.stage());
    if (value.isEmpty()) {
      return Optional.of("it has no tag " + tags.stage());
    }
    if (tags.stageOf(instance).isEmpty()) {
      return Optional.of(
          "its tag "
              + tags.stage()
              + " holds "
              + Printable.quote(value.get())
              + ", which is not a stage ("
              + Stage.allNames()
              + ")");
    }
    return Optional.empty();
  }

  /**
   * Managed instances whose stage nobody can read: every automatic step refuses while any exists.
   */
  public List<EchoInstance> withUnknownStage() {
    return managed.stream().filter(i -> unknownStage(i).isPresent()).toList();
  }

  public List<EchoInstance> inStages(Set<Stage> stages) {
    return staged.stream().filter(i -> stages.contains(stageOf(i))).toList();
  }

  public Optional<EchoInstance> newestIn(Set<Stage> stages) {
    return inStages(stages).stream().findFirst();
  }

  public List<EchoInstance> promoted() {
    return inStages(EnumSet.of(Stage.PROMOTED));
  }

  /** The newest instance still in the pipeline (not forgotten or retired). */
  public Optional<EchoInstance> head() {
    return staged.stream().filter(i -> !stageOf(i).isAtOrAfter(Stage.FORGOTTEN)).findFirst();
  }

  /** The managed clone (of any stage) one of whose endpoints is this DNS name. */
  public Optional<EchoInstance> ownerOf(String dnsName) {
    return managed.stream().filter(i -> i.isNamedBy(dnsName)).findFirst();
  }

  /** Any instance in the listing, ours or not, one of whose endpoints is this DNS name. */
  public Optional<EchoInstance> anyWithEndpoint(String dnsName) {
    return all.stream().filter(i -> i.isNamedBy(dnsName)).findFirst();
  }

  /**
   * The managed clone this DNS name only looks like (its first label, none of its endpoints): not
   * one to move the CNAME from, but one retire keeps while the CNAME may name it.
   */
  public Optional<EchoInstance> resembledBy(String dnsName) {
    return managed.stream()
        .filter(i -> i.naming(dnsName) == EchoInstance.Naming.LOOKALIKE)
        .findFirst();
  }
}

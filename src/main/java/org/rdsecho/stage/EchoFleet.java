package org.rdsecho.stage;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdsecho.config.DnsNames;

/**
 * Everything one DescribeDBInstances listing says about this echo name: its managed instances,
 * newest first, with their stages. Tags can be written by anyone with the IAM right to, so the
 * listing is read defensively: the source instance is never ours whatever its tags say, and an
 * instance whose stage tag is missing or not a stage is a {@link #problem} nobody acts on.
 */
public final class EchoFleet {
  private final EchoTags tags;
  private final List<EchoInstance> all;
  private final Set<String> sourceIds;
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
    this.tags = tags;
    this.sourceIds = Set.copyOf(sourceIds);
    this.all = instances.stream().sorted(EchoInstance.NEWEST_FIRST).toList();
    this.managed = all.stream().filter(tags::isManaged).filter(i -> !isSource(i)).toList();
    this.staged = managed.stream().filter(i -> tags.stageOf(i).isPresent()).toList();
  }

  public EchoTags tags() {
    return tags;
  }

  /** Managed instances, newest first, whatever their stage tag says (the source excluded). */
  public List<EchoInstance> managed() {
    return managed;
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
    return sourceIds.contains(instance.id());
  }

  /** The source instance, when it carries this name's managed tag (someone tagged production). */
  public List<EchoInstance> taggedSources() {
    return all.stream().filter(this::isSource).filter(tags::isManaged).toList();
  }

  /**
   * The stage of a managed instance with a readable stage tag. Callers only ask this of
   * instances from {@link #inStages}, {@link #head} or after {@link #unknownStage} said no.
   */
  public Stage stageOf(EchoInstance instance) {
    return tags.stageOf(instance)
        .orElseThrow(() -> new IllegalStateException(instance.id() + " has no readable stage"));
  }

  /** Why no command will act on this instance by itself, or empty when one will. */
  public Optional<String> problem(EchoInstance instance) {
    if (isSource(instance)) {
      return Optional.of((instance.isCluster() ? "it is the source cluster" : "it is the source instance")
          + "; rds-echo never touches it, whatever its tags say");
    }
    Optional<String> unknown = unknownStage(instance);
    if (unknown.isPresent()) {
      return unknown;
    }
    if (instance.isFailed()) {
      return Optional.of("RDS reports it as " + instance.status() + ", from which it does not recover by itself");
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
      return Optional.of("its tag " + tags.stage() + " holds " + Printable.quote(value.get())
          + ", which is not a stage (" + Stage.allNames() + ")");
    }
    return Optional.empty();
  }

  /** Managed instances whose stage nobody can read: every automatic step refuses while any exists. */
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

  /** The managed instance (of any stage) whose endpoint is this DNS name. */
  public Optional<EchoInstance> ownerOf(String dnsName) {
    return managed.stream().filter(i -> i.endpoint() != null && DnsNames.same(i.endpoint(), dnsName)).findFirst();
  }

  /** Any instance in the listing, ours or not, whose endpoint is this DNS name. */
  public Optional<EchoInstance> anyWithEndpoint(String dnsName) {
    return all.stream().filter(i -> i.endpoint() != null && DnsNames.same(i.endpoint(), dnsName)).findFirst();
  }
}

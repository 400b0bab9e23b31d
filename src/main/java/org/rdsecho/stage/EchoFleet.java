package org.rdsecho.stage;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one DescribeDBInstances listing says about this echo name: its managed instances,
 * newest first, with their stages. Unmanaged instances are kept only to recognise a name clash.
 */
public final class EchoFleet {
  private final EchoTags tags;
  private final List<EchoInstance> all;
  private final List<EchoInstance> managed;

  public EchoFleet(EchoTags tags, List<EchoInstance> instances) {
    this.tags = tags;
    this.all = instances.stream().sorted(EchoInstance.NEWEST_FIRST).toList();
    this.managed = all.stream().filter(tags::isManaged).toList();
  }

  public EchoTags tags() {
    return tags;
  }

  /** Managed instances, newest first. */
  public List<EchoInstance> managed() {
    return managed;
  }

  /** Any instance in the account and region, managed or not. */
  public Optional<EchoInstance> find(String id) {
    return all.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The stage of a managed instance; one with a missing or unreadable stage tag counts as new. */
  public Stage stageOf(EchoInstance instance) {
    return tags.stageOf(instance).orElse(Stage.NEW);
  }

  public List<EchoInstance> inStages(Set<Stage> stages) {
    return managed.stream().filter(i -> stages.contains(stageOf(i))).toList();
  }

  public Optional<EchoInstance> newestIn(Set<Stage> stages) {
    return inStages(stages).stream().findFirst();
  }

  public List<EchoInstance> promoted() {
    return inStages(EnumSet.of(Stage.PROMOTED));
  }

  /** The newest instance still in the pipeline (not forgotten or retired). */
  public Optional<EchoInstance> head() {
    return managed.stream().filter(i -> !stageOf(i).isAtOrAfter(Stage.FORGOTTEN)).findFirst();
  }
}

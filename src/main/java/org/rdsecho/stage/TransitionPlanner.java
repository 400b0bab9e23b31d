package org.rdsecho.stage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the data-plane steps ({@code export}, {@code sanitize}): the newest available clone in an
 * accepted stage, the data-plane writes planned for it (scripts, checks, dumps, manifest, pruning,
 * bookkeeping tags), and the stage tag written last, once they have all succeeded.
 */
public final class TransitionPlanner {
  private TransitionPlanner() {}

  /**
   * The clone a data-plane step works on: the newest available one in an accepted stage (or the one
   * named), or the decision that stops the step before anything of the clone is observed.
   */
  public static Targets.Selection target(EchoFleet fleet, Step step, String explicitId) {
    Targets.Selection selection = Targets.select(fleet, step, explicitId);
    if (!selection.found()) {
      return selection;
    }
    EchoInstance instance = selection.instance();
    if (!instance.isAvailable() || instance.endpoint() == null) {
      return new Targets.Selection(
          null, Targets.notReady(instance, fleet.stageOf(instance), step.command()));
    }
    return selection;
  }

  /**
   * The decision for {@code instance} (a {@link #target}): the data-plane writes planned for it
   * from what was observed, then the stage tag with the set's digest, once they have all succeeded.
   */
  public static Decision decide(
      EchoFleet fleet, Step step, EchoInstance instance, Instant now, List<Action> work) {
    String command = step.command();
    Stage to = step.leaves();
    Stage from = fleet.stageOf(instance);
    List<Action> actions = new java.util.ArrayList<>(work);
    Map<String, String> tags = new LinkedHashMap<>(fleet.tags().transition(to, now));
    // the set's manifest is known by its digest from now on, in the same write as the stage (§16)
    actions.stream()
        .filter(a -> a instanceof DataAction.WriteManifest)
        .map(a -> (DataAction.WriteManifest) a)
        .forEach(
            m ->
                tags.put(
                    fleet.tags().manifestDigest(m.kind()),
                    PendingDigest.of(m.dir() + "/manifest.json")));
    // a complete scrubbed set's digest stands for "the scripts ran" from now on (one tag, not two,
    // §15)
    String ran = fleet.tags().sanitizeRan();
    boolean sanitized =
        actions.stream()
            .anyMatch(
                a -> a instanceof DataAction.WriteManifest m && m.kind() == DumpKind.SANITIZED);
    boolean ranTagged =
        instance.tag(ran).isPresent()
            || actions.stream()
                .anyMatch(a -> a instanceof CloudAction.Tag t && t.add().containsKey(ran));
    actions.add(
        CloudAction.Tag.of(instance, tags, sanitized && ranTagged ? List.of(ran) : List.of()));
    return Decision.act(
        command + " of " + instance.id() + ": " + describe(actions) + "; marked " + to,
        instance,
        from,
        to,
        actions);
  }

  private static String describe(List<Action> actions) {
    long dumps = actions.stream().filter(a -> a instanceof DataAction.Dump).count();
    long scripts = actions.stream().filter(a -> a instanceof DataAction.RunScript).count();
    long removed = actions.stream().filter(a -> a instanceof DataAction.RemoveDumpSet).count();
    String dir =
        actions.stream()
            .filter(a -> a instanceof DataAction.WriteManifest)
            .map(a -> ((DataAction.WriteManifest) a).dir())
            .findFirst()
            .orElse(null);
    return (scripts == 0 ? "" : scripts + " script run(s), ")
        + dumps
        + " database(s) dumped"
        + (dir == null ? "" : " to " + dir)
        + (removed == 0 ? "" : ", " + removed + " older set(s) removed");
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * Decides the writes of a sanitize: the scripts once per clone between two bookkeeping tags (again
 * only when the operator says they are safe to repeat), the checks, then the scrubbed dump set
 * ({@link DumpPlanner}). Pure: what it needs of the clone's databases and destinations is observed
 * before.
 */
public final class SanitizePlanner {
  private SanitizePlanner() {}

  /**
   * @param scripts the scrub scripts, run in this order on each database
   * @param checks the checks file, or null
   * @param rerun {@code --rerun-scripts}: the scripts are safe to run again after a failed or
   *     interrupted run
   */
  public static List<Action> plan(
      EchoInstance instance,
      EchoTags tags,
      List<String> scripts,
      String checks,
      boolean rerun,
      Instant now,
      DumpRequest request,
      DumpObservation seen) {
    List<String> databases =
        DumpPlanner.databases(seen.databases(), request.databases(), request.systemDatabases());
    List<Action> actions = new ArrayList<>();
    if (runsScripts(instance, tags, rerun)) {
      instance
          .tag(tags.sanitizeStarted())
          .filter(started -> !rerun)
          .ifPresent(
              started -> {
                throw new EchoException(
                    Outcome.REFUSED,
                    "the sanitize scripts on "
                        + instance.id()
                        + " failed or were interrupted (started "
                        + started
                        + ") and"
                        + " may have run in part, so rds-echo does not run them again by itself. If they are safe to run"
                        + " twice, run 'rds-echo sanitize --rerun-scripts'; if not, give this clone up with 'rds-echo forget"
                        + " --instance "
                        + instance.id()
                        + "' and restore a new one with 'rds-echo new'");
              });
      // once the scripts run, the clone no longer matches its raw dump: the raw set's digest and a
      // verify of
      // it mean nothing more, and go first, so our tags stay within their count (§15) at every
      // write
      List<String> stale =
          Stream.of(tags.manifestDigest(DumpKind.RAW), tags.verifiedAt())
              .filter(k -> instance.tag(k).isPresent())
              .toList();
      if (!stale.isEmpty()) {
        actions.add(CloudAction.Tag.of(instance, Map.of(), stale));
      }
      actions.add(
          CloudAction.Tag.add(instance, Map.of(tags.sanitizeStarted(), TagValues.time(now))));
      for (String database : databases) {
        for (String script : scripts) {
          actions.add(new DataAction.RunScript(database, script));
        }
      }
      // the start mark has done its work once the scripts finished: one tag fewer (§15 "Tags fit")
      actions.add(
          CloudAction.Tag.of(
              instance,
              Map.of(tags.sanitizeRan(), TagValues.time(now)),
              List.of(tags.sanitizeStarted())));
    }
    if (checks != null) {
      for (String database : databases) {
        actions.add(new DataAction.RunChecks(database, checks));
      }
    }
    actions.addAll(DumpPlanner.plan(request, seen));
    return actions;
  }

  /**
   * Whether this run runs the scripts: they never finished on this clone, or the operator says run
   * them again.
   */
  public static boolean runsScripts(EchoInstance instance, EchoTags tags, boolean rerun) {
    return instance.tag(tags.sanitizeRan()).isEmpty() || rerun;
  }
}

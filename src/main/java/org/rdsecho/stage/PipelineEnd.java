package org.rdsecho.stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.rdsecho.config.EchoConfig;

/**
 * Where a pipeline without DNS ends (§3), derived from the {@link Step} table: the stage at which
 * {@code retire} deletes a clone, and the dump set whose completion makes a snapshot "already done"
 * for {@code new}. With a CNAME a clone finishes by being promoted, then replaced, and neither
 * applies.
 */
public final class PipelineEnd {
  private PipelineEnd() {}

  /**
   * Where the complete dump set lies that makes a snapshot "already done": a directory and a kind.
   */
  public record FinishedDumps(String dirTemplate, DumpKind kind) {}

  /**
   * Without a CNAME, the stage at which a clone has passed its last configured step (the pipeline
   * without DNS, §3), which {@code retire} deletes; null when a CNAME is configured (a clone
   * finishes by being promoted, then replaced).
   */
  public static Stage finishedAt(EchoConfig config) {
    if (Step.PROMOTE.configuredIn(config)) {
      return null;
    }
    return Step.advance(config).stream()
        .filter(s -> s.effect() == Step.Effect.MOVES && s.leaves().isPrePromotion())
        .map(Step::leaves)
        .max(Stage::compareTo)
        .orElseThrow();
  }

  /**
   * Without a CNAME, the dump set whose completion makes a snapshot "already done" for {@code new}
   * (§3): the set of the last configured step that writes one (the scrubbed set when sanitize
   * writes one, else the export's); empty with a CNAME or when no step writes a set.
   */
  public static Optional<FinishedDumps> finishedDumps(EchoConfig config) {
    if (Step.PROMOTE.configuredIn(config)) {
      return Optional.empty();
    }
    List<Step> steps = Step.advance(config);
    for (int i = steps.size() - 1; i >= 0; i--) {
      Optional<FinishedDumps> set =
          DUMPS.getOrDefault(steps.get(i), c -> Optional.empty()).apply(config);
      if (set.isPresent()) {
        return set;
      }
    }
    return Optional.empty();
  }

  /** The steps that write a dump set, and where. */
  private static final Map<Step, Function<EchoConfig, Optional<FinishedDumps>>> DUMPS =
      Map.of(
          Step.EXPORT,
              c ->
                  Optional.ofNullable(c.export().effectiveDir())
                      .map(d -> new FinishedDumps(d, DumpKind.RAW)),
          Step.SANITIZE,
              c ->
                  Optional.ofNullable(c.sanitize().dir())
                      .map(d -> new FinishedDumps(d, DumpKind.SANITIZED)));
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What to run next, for messages: derived from the {@link Step} table's hints and order. */
public final class NextSteps {
  private NextSteps() {}

  /** The commands that take a clone in {@code stage} on to promotion, for messages. */
  public static String towardsPromotion(Stage stage) {
    // the steps every configuration has, from the one that accepts the stage on to promote
    List<String> chain = new ArrayList<>();
    Stage at = stage;
    for (Step s : Step.advanceOrder()) {
      if ((s.configured().always() || s == Step.PROMOTE)
          && s.effect() == Step.Effect.MOVES
          && s.accepts().contains(at)) {
        chain.add(s.command());
        at = s.leaves();
      }
    }
    if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(Step.PROMOTE.command())) {
      return "rds-echo advance";
    }
    String last = chain.remove(chain.size() - 1);
    return "rds-echo " + (chain.isEmpty() ? "" : String.join(", ", chain) + " … ") + last;
  }

  /** What to run next for an instance in {@code stage}, as a parenthesised hint (or nothing). */
  public static String hint(Stage stage) {
    return Arrays.stream(Step.values())
        .filter(s -> s.hint() != null && s.accepts().contains(stage))
        .findFirst()
        .map(s -> " (" + s.hint() + ")")
        .orElse("");
  }
}

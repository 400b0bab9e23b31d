package org.rdsecho.stage;

/**
 * One write a decision asks for. Decisions are lists of these, applied in order; the order is
 * chosen so that stopping after any one of them and running the command again converges. A write is
 * either to AWS ({@link CloudAction}) or of the data plane ({@link DataAction}), nothing else.
 */
public sealed interface Action permits CloudAction, DataAction {

  /** What the action does, in the words {@code --dry-run} prints. */
  String describe();
}

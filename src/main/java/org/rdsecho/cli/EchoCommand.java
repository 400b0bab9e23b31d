package org.rdsecho.cli;

/** One rds-echo command: parsed by JCommander, run with the run's context. */
interface EchoCommand {
  String name();

  Result run(Context ctx);

  /** Commands that only write templates run even when the configuration is broken. */
  default boolean needsConfig() {
    return true;
  }
}

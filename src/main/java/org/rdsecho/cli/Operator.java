package org.rdsecho.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks the person at the terminal to type an instance id before a risky write. */
final class Operator {
  private final Environment env;

  Operator(Environment env) {
    this.env = env;
  }

  boolean canBeAsked() {
    return env.terminal();
  }

  /** Shows the plan on stderr and returns whether the operator typed {@code expected}. */
  boolean confirms(String plan, String expected) {
    env.err().println(plan);
    env.err().print("Type the instance id (" + expected + ") to proceed, anything else to stop: ");
    env.err().flush();
    try {
      String line =
          new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
      return line != null && line.trim().equals(expected);
    } catch (IOException e) {
      return false;
    }
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.ParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code -D key=value} overrides of configuration keys, taken out of the command line before
 * JCommander parses the rest (its dynamic parameters accept only {@code -Dkey=value}).
 */
final class Defines {
  private Defines() {}

  /**
   * Puts each {@code -Dkey=value} and {@code -D key=value} in {@code overrides}; returns the other
   * arguments, in order.
   */
  static List<String> extract(String[] args, Map<String, String> overrides) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String pair = null;
      if (arg.equals("-D")) {
        if (i + 1 >= args.length) {
          throw new ParameterException("-D needs key=value after it");
        }
        pair = args[++i];
      } else if (arg.startsWith("-D") && arg.length() > 2) {
        pair = arg.substring(2);
      }
      if (pair == null) {
        rest.add(arg);
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        // not quoted: a mistyped -D may hold a password
        throw new ParameterException(
            "-D takes key=value, and argument " + (i + 1) + " has no '=' after a key");
      }
      overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return rest;
  }
}

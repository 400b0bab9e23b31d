package org.rdsecho.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdsecho.config.ConfigKeys;

/** A command line that JCommander refused, told in an operator's words with where to look. */
final class UsageErrors {
  private UsageErrors() {}

  /** Parsing stopped early; the caller may still have asked for JSON. */
  static boolean asksForJson(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if ((args[i].equals("-o") || args[i].equals("--output")) && args[i + 1].equals("json")) {
        return true;
      }
    }
    return Arrays.asList(args).contains("--output=json");
  }

  /** JCommander's parse errors in an operator's words, with where to look. */
  static String plainWords(String message, String command, Set<String> commands) {
    String where =
        command == null
            ? "run 'rds-echo --help' for the options and commands"
            : "run 'rds-echo help " + command + "' for its options";
    Matcher passed =
        Pattern.compile("Was passed main parameter '([^']*)'")
            .matcher(message == null ? "" : message);
    if (passed.find()) {
      String word = passed.group(1);
      return (word.startsWith("-") ? "unknown option " : "unexpected argument ")
          + word
          + (command == null ? "" : " for '" + command + "'")
          + ": "
          + where;
    }
    Matcher expected =
        Pattern.compile("Expected a command, got (\\S+)").matcher(message == null ? "" : message);
    if (expected.find()) {
      String word = expected.group(1);
      String meant =
          commands.stream()
              .filter(c -> !c.equals("help"))
              .min(Comparator.comparingInt((String c) -> ConfigKeys.distance(word, c)))
              .filter(c -> ConfigKeys.distance(word, c) <= Math.max(2, word.length() / 3))
              .map(c -> ", did you mean " + c + "?")
              .orElse("");
      return "unknown command " + word + meant + " (" + where + ")";
    }
    return message + " (" + where + ")";
  }
}

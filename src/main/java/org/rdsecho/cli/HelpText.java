package org.rdsecho.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rdsecho.stage.Step;

/**
 * The help an operator reads before acting: the global options once; per command what it does, its
 * own options, the configuration keys it reads, the exit codes it can return and an example ({@link
 * CommandHelp}).
 */
final class HelpText {
  private HelpText() {}

  /** {@code rds-echo --help}: global options once, then the commands. */
  static String overview(JCommander jc) {
    StringBuilder text =
        new StringBuilder("Usage: rds-echo [global options] <command> [command options]\n\n");
    text.append(
        "Keeps production-like MySQL clones on Amazon RDS fresh; one idempotent command per step.\n\n");
    text.append("Commands:\n");
    for (Map.Entry<String, JCommander> command : jc.getCommands().entrySet()) {
      text.append(String.format("  %-13s %s%n", command.getKey(), summary(jc, command.getKey())));
    }
    text.append("\nGlobal options (before or after the command):\n");
    text.append(
        String.format(
            "  %-22s %s%n", "[-D key=value]", "Override any configuration key (repeatable)"));
    text.append(options(jc.getParameters(), Set.of()));
    text.append(
        "\nExit codes: 0 done, 1 failed, 2 usage or configuration, 3 nothing to act on, 4 refused or"
            + " waiting for a person, 75 not ready (run again later, or --wait).\n");
    text.append(
        "Run 'rds-echo help <command>' for a command's options, keys, exit codes and an example.\n");
    return text.toString();
  }

  /** {@code rds-echo help <command>}: that command alone. */
  static String command(JCommander jc, String name) {
    JCommander command = jc.getCommands().get(name);
    Set<String> global =
        jc.getParameters().stream()
            .map(ParameterDescription::getLongestName)
            .collect(Collectors.toSet());
    StringBuilder text =
        new StringBuilder("Usage: rds-echo [global options] " + name + " [options]\n\n");
    text.append(summary(jc, name)).append("\n");
    Step.of(name).ifPresent(step -> text.append(lifecycle(step)));
    String own = options(command.getParameters(), global);
    if (!own.isEmpty()) {
      text.append("\nOptions:\n").append(own);
    }
    CommandHelp entry = CommandHelp.COMMANDS.get(name);
    if (entry != null) {
      text.append("\nConfiguration keys: ").append(entry.keys()).append("\n");
      text.append("Exit codes: ").append(entry.exits()).append("\n");
      text.append("Example: ").append(entry.example()).append("\n");
    }
    text.append("\nGlobal options: rds-echo --help\n");
    return text.toString();
  }

  /** A command's help line: the command table's for a lifecycle command, else its own. */
  static String summary(JCommander jc, String name) {
    if (name.equals("advance")) {
      return jc.getUsageFormatter().getCommandDescription(name)
          + "; its steps, in order: "
          + String.join(", ", Step.advanceOrder().stream().map(Step::command).toList());
    }
    return Step.of(name)
        .map(Step::summary)
        .orElseGet(() -> jc.getUsageFormatter().getCommandDescription(name));
  }

  /**
   * Where a lifecycle command sits in the table: what it acts on, what it leaves, whether advance
   * runs it.
   */
  private static String lifecycle(Step step) {
    // what the table says, no more: which clones a command picks (the newest, every forgotten one
    // past retire.after, one named by --instance) is in its help line above
    String acts =
        step.accepts().isEmpty()
            ? "Creates a clone"
            : "Accepts a clone in stage "
                + String.join(
                    " or ",
                    step.accepts().stream()
                        .sorted()
                        .map(org.rdsecho.stage.Stage::tagValue)
                        .toList());
    String leaves =
        step.effect() == Step.Effect.MARKS
            ? "; records a mark and leaves the stage as it is"
            : "; leaves it " + step.leaves();
    String advance =
        !Step.advanceOrder().contains(step)
            ? "advance does not run it"
            : step.configured().always()
                ? "advance runs it always"
                : "advance runs it when " + step.configured().keys() + " is set";
    return acts + leaves + "; " + advance + ".\n";
  }

  private static String options(List<ParameterDescription> parameters, Set<String> leaveOut) {
    StringBuilder text = new StringBuilder();
    parameters.stream()
        .filter(p -> !leaveOut.contains(p.getLongestName()))
        .filter(p -> !p.getNames().isEmpty())
        .sorted(Comparator.comparing(ParameterDescription::getLongestName))
        .forEach(p -> text.append(String.format("  %-22s %s%n", p.getNames(), p.getDescription())));
    return text.toString();
  }
}

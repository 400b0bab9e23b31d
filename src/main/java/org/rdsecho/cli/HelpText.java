package org.rdsecho.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rdsecho.stage.Step;

/**
 * The help an operator reads before acting: the global options once; per command what it does, its
 * own options, the configuration keys it reads, the exit codes it can return and an example. One
 * table here, so help, docs and behaviour are reviewed side by side.
 */
final class HelpText {
  /** What help says about one command beyond its JCommander description. */
  record Entry(String keys, String exits, String example) {}

  static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put(
        "status",
        new Entry(
            "rdsecho.name, rdsecho.region, rdsecho.promote.cname, rdsecho.promote.hostedZoneId",
            "0 listed; 1 AWS error; 2 configuration",
            "rds-echo status -o json"));
    COMMANDS.put(
        "advance",
        new Entry(
            "every key the steps read ("
                + String.join(", ", Step.advanceOrder().stream().map(Step::command).toList())
                + "); a step runs when configured: "
                + String.join(
                    ", ",
                    Step.advanceOrder().stream()
                        .filter(s -> !s.configured().always())
                        .map(s -> s.command() + " with " + s.configured().keys())
                        .toList()),
            "0 done or nothing to do; 4 a person is needed (a promotion to confirm, a refusal); 75 not ready; 1 failed;"
                + " 2 configuration",
            "*/15 * * * *  cd /etc/rds-echo/dev && rds-echo -q advance"));
    COMMANDS.put(
        "new",
        new Entry(
            "rdsecho.snapshot.dbInstanceIdentifier, rdsecho.snapshot.type,"
                + " rdsecho.snapshot.identifier, rdsecho.new.* (restore settings, tags, replaceUnpromoted)",
            "0 restored or already up to date; 4 an older clone is still before promotion, or a name clash; 75 the"
                + " snapshot is being created; 1 failed (or a clone is broken); 2 configuration",
            "rds-echo new --dry-run"));
    COMMANDS.put(
        "modify",
        new Entry(
            "rdsecho.mod.* (dbParameterGroupName, dbSecurityGroups, vpcSecurityGroupIds,"
                + " backupRetentionPeriod, applyImmediately, masterUserPasswordEnv)",
            "0 modified or already done; 3 no clone in stage new; 4 refused; 75 not available yet; 1 failed",
            "rds-echo modify --wait"));
    COMMANDS.put(
        "reboot",
        new Entry(
            "(none)",
            "0 rebooted or nothing pending; 3 no clone in stage modified; 4"
                + " refused; 75 not available yet; 1 failed",
            "rds-echo reboot --wait"));
    COMMANDS.put(
        "export",
        new Entry(
            "rdsecho.export.* (databases, dir, user, passwordEnv, passwordFile, host,"
                + " port, sslCa, compression, streams, keep)",
            "0 exported or already; 3 no rebooted clone; 4 refused; 75 not"
                + " available, or another run holds the lock; 1 dump failed; 2 configuration",
            "rds-echo export"));
    COMMANDS.put(
        "sanitize",
        new Entry(
            "rdsecho.sanitize.* (scripts, checks, databases, dir, keep) and the"
                + " rdsecho.export.* connection keys",
            "0 sanitized; 3 no rebooted or exported clone; 4 scripts failed or"
                + " were interrupted before (use --rerun-scripts); 75 not ready; 1 a script or check failed;"
                + " 2 configuration (a script that is not a readable file)",
            "rds-echo sanitize --rerun-scripts"));
    COMMANDS.put(
        "verify",
        new Entry(
            "rdsecho.verify.* (host, port, user, passwordEnv, passwordFile, sslCa,"
                + " required), the export and sanitize dirs (where the set is read), the rdsecho.export.* connection keys",
            "0 verified or already; 3 no exported or sanitized clone; 4 a table export (not verifiable); 75 not ready;"
                + " 1 a dump does not restore or does not match (named); 2 configuration (also: the verify server is the"
                + " clone, the source or the promoted clone)",
            "rds-echo verify -o json"));
    COMMANDS.put(
        "carry",
        new Entry(
            "rdsecho.carry.* (tables, fromHost, fromPort, autoIncrementFloor) and the"
                + " rdsecho.export.* connection keys (both clones)",
            "0 carried or already; 3 no clone before promotion;"
                + " 75 a clone not ready; 1 failed; 2 configuration (a table without an AUTO_INCREMENT key with a floor)",
            "rds-echo carry --dry-run"));
    COMMANDS.put(
        "promote",
        new Entry(
            "rdsecho.promote.* (cname, ttl, tags, hostedZoneId, requireConfirmation),"
                + " rdsecho.interactive, and the gates: rdsecho.sanitize.scripts, rdsecho.verify.required, rdsecho.carry.*",
            "0 promoted or already; 3 nothing promotable; 4 awaiting confirmation, unsanitized, or a CNAME that is not"
                + " ours (--take-over); 75 not ready; 1 failed",
            "rds-echo promote --yes --wait"));
    COMMANDS.put(
        "confirm",
        new Entry(
            "(none)",
            "0 recorded or already; 3 nothing promotable; 1 failed",
            "rds-echo confirm --by alice"));
    COMMANDS.put(
        "rollback",
        new Entry(
            "rdsecho.promote.cname, ttl, hostedZoneId, requireConfirmation,"
                + " rdsecho.interactive",
            "0 rolled back or already; 3 nothing to roll back to; 4 needs --yes, or a CNAME"
                + " that is not ours; 1 failed",
            "rds-echo rollback --yes"));
    COMMANDS.put(
        "forget",
        new Entry(
            "rdsecho.promote.cname (the CNAME target is refused)",
            "0 forgotten or"
                + " already; 3 nothing to forget; 4 the promoted clone, the CNAME target, or not ours; 1 failed",
            "rds-echo forget --instance dev-20261121-0300-abc123"));
    COMMANDS.put(
        "retire",
        new Entry(
            "rdsecho.retire.* (skipFinalSnapshot, finalDbSnapshotIdentifier,"
                + " keepFinalSnapshots), rdsecho.promote.cname",
            "0 retired, pruned or being deleted; 3 nothing"
                + " forgotten; 4 the promoted clone, the CNAME target, or not ours; 75 busy; 1 failed",
            "rds-echo retire --wait"));
    COMMANDS.put(
        "iam-policy",
        new Entry(
            "rdsecho.name, rdsecho.accountNumber, rdsecho.snapshot.*,"
                + " rdsecho.promote.cname, rdsecho.promote.hostedZoneId, rdsecho.retire.finalDbSnapshotIdentifier",
            "0 printed; 2 configuration",
            "rds-echo iam-policy > rds-echo-policy.json"));
    COMMANDS.put(
        "sample-props",
        new Entry("(none)", "0 written; 4 the file exists already", "rds-echo sample-props"));
    COMMANDS.put("sample-opts", new Entry("(none)", "0", "rds-echo sample-opts"));
  }

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
    Entry entry = COMMANDS.get(name);
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

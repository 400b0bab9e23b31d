package org.rdsecho.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rdsecho.stage.Step;

/**
 * What help says about a command beyond its JCommander description: the configuration keys it
 * reads, the exit codes it can return and an example. One table here, so help, docs and behaviour
 * are reviewed side by side.
 */
record CommandHelp(String keys, String exits, String example) {
  static final Map<String, CommandHelp> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put(
        "status",
        new CommandHelp(
            "rdsecho.name, rdsecho.region, rdsecho.promote.cname, rdsecho.promote.hostedZoneId",
            "0 listed; 1 AWS error; 2 configuration",
            "rds-echo status -o json"));
    COMMANDS.put(
        "advance",
        new CommandHelp(
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
        new CommandHelp(
            "rdsecho.snapshot.dbInstanceIdentifier, rdsecho.snapshot.type,"
                + " rdsecho.snapshot.identifier, rdsecho.new.* (restore settings, tags, replaceUnpromoted)",
            "0 restored or already up to date; 4 an older clone is still before promotion, or a name clash; 75 the"
                + " snapshot is being created; 1 failed (or a clone is broken); 2 configuration",
            "rds-echo new --dry-run"));
    COMMANDS.put(
        "modify",
        new CommandHelp(
            "rdsecho.mod.* (dbParameterGroupName, dbSecurityGroups, vpcSecurityGroupIds,"
                + " backupRetentionPeriod, applyImmediately, masterUserPasswordEnv)",
            "0 modified or already done; 3 no clone in stage new; 4 refused; 75 not available yet; 1 failed",
            "rds-echo modify --wait"));
    COMMANDS.put(
        "reboot",
        new CommandHelp(
            "(none)",
            "0 rebooted or nothing pending; 3 no clone in stage modified; 4"
                + " refused; 75 not available yet; 1 failed",
            "rds-echo reboot --wait"));
    COMMANDS.put(
        "export",
        new CommandHelp(
            "rdsecho.export.* (databases, dir, user, passwordEnv, passwordFile, host,"
                + " port, sslCa, compression, streams, keep)",
            "0 exported or already; 3 no rebooted clone; 4 refused; 75 not"
                + " available, or another run holds the lock; 1 dump failed; 2 configuration",
            "rds-echo export"));
    COMMANDS.put(
        "sanitize",
        new CommandHelp(
            "rdsecho.sanitize.* (scripts, checks, databases, dir, keep) and the"
                + " rdsecho.export.* connection keys",
            "0 sanitized; 3 no rebooted or exported clone; 4 scripts failed or"
                + " were interrupted before (use --rerun-scripts); 75 not ready; 1 a script or check failed;"
                + " 2 configuration (a script that is not a readable file)",
            "rds-echo sanitize --rerun-scripts"));
    COMMANDS.put(
        "verify",
        new CommandHelp(
            "rdsecho.verify.* (host, port, user, passwordEnv, passwordFile, sslCa,"
                + " required), the export and sanitize dirs (where the set is read), the rdsecho.export.* connection keys",
            "0 verified or already; 3 no exported or sanitized clone; 4 a table export (not verifiable); 75 not ready;"
                + " 1 a dump does not restore or does not match (named); 2 configuration (also: the verify server is the"
                + " clone, the source or the promoted clone)",
            "rds-echo verify -o json"));
    COMMANDS.put(
        "carry",
        new CommandHelp(
            "rdsecho.carry.* (tables, fromHost, fromPort, autoIncrementFloor) and the"
                + " rdsecho.export.* connection keys (both clones)",
            "0 carried or already; 3 no clone before promotion;"
                + " 75 a clone not ready; 1 failed; 2 configuration (a table without an AUTO_INCREMENT key with a floor)",
            "rds-echo carry --dry-run"));
    COMMANDS.put(
        "promote",
        new CommandHelp(
            "rdsecho.promote.* (cname, ttl, tags, hostedZoneId, requireConfirmation),"
                + " rdsecho.interactive, and the gates: rdsecho.sanitize.scripts, rdsecho.verify.required, rdsecho.carry.*",
            "0 promoted or already; 3 nothing promotable; 4 awaiting confirmation, unsanitized, or a CNAME that is not"
                + " ours (--take-over); 75 not ready; 1 failed",
            "rds-echo promote --yes --wait"));
    COMMANDS.put(
        "confirm",
        new CommandHelp(
            "(none)",
            "0 recorded or already; 3 nothing promotable; 1 failed",
            "rds-echo confirm --by alice"));
    COMMANDS.put(
        "rollback",
        new CommandHelp(
            "rdsecho.promote.cname, ttl, hostedZoneId, requireConfirmation,"
                + " rdsecho.interactive",
            "0 rolled back or already; 3 nothing to roll back to; 4 needs --yes, or a CNAME"
                + " that is not ours; 1 failed",
            "rds-echo rollback --yes"));
    COMMANDS.put(
        "forget",
        new CommandHelp(
            "rdsecho.promote.cname (the CNAME target is refused)",
            "0 forgotten or"
                + " already; 3 nothing to forget; 4 the promoted clone, the CNAME target, or not ours; 1 failed",
            "rds-echo forget --instance dev-20261121-0300-abc123"));
    COMMANDS.put(
        "retire",
        new CommandHelp(
            "rdsecho.retire.* (skipFinalSnapshot, finalDbSnapshotIdentifier,"
                + " keepFinalSnapshots), rdsecho.promote.cname",
            "0 retired, pruned or being deleted; 3 nothing"
                + " forgotten; 4 the promoted clone, the CNAME target, or not ours; 75 busy; 1 failed",
            "rds-echo retire --wait"));
    COMMANDS.put(
        "iam-policy",
        new CommandHelp(
            "rdsecho.name, rdsecho.accountNumber, rdsecho.snapshot.*,"
                + " rdsecho.promote.cname, rdsecho.promote.hostedZoneId, rdsecho.retire.finalDbSnapshotIdentifier",
            "0 printed; 2 configuration",
            "rds-echo iam-policy > rds-echo-policy.json"));
    COMMANDS.put(
        "sample-props",
        new CommandHelp("(none)", "0 written; 4 the file exists already", "rds-echo sample-props"));
    COMMANDS.put("sample-opts", new CommandHelp("(none)", "0", "rds-echo sample-opts"));
  }
}

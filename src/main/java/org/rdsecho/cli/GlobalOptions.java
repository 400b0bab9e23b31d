package org.rdsecho.cli;

import com.beust.jcommander.Parameter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options every command accepts, before or after the command name: the same instance is the main
 * object and a delegate of every command.
 */
public final class GlobalOptions {
  @Parameter(
      names = {"-c", "--config"},
      description = "Properties file (default ./rdsecho.properties when present)",
      converter = com.beust.jcommander.converters.PathConverter.class)
  Path config;

  @Parameter(names = "--region", description = "AWS region (else the SDK's default chain)")
  String region;

  @Parameter(names = "--profile", description = "AWS shared-config profile")
  String profile;

  @Parameter(
      names = "--endpoint-url",
      description = "Send every AWS call to this endpoint (LocalStack, moto, VPC endpoints)")
  String endpointUrl;

  @Parameter(
      names = {"-y", "--yes"},
      description =
          "Agree in advance: no prompts, and promote/rollback proceed (also with"
              + " rdsecho.promote.requireConfirmation=true, which rdsecho.interactive=false does not satisfy)")
  boolean yes;

  @Parameter(names = "--dry-run", description = "Print exactly what would be done; change nothing")
  boolean dryRun;

  @Parameter(
      names = {"-o", "--output"},
      description = "text or json",
      validateWith = OutputFormatValidator.class)
  String output = "text";

  @Parameter(
      names = "--wait",
      description = "Block until the step's AWS work has finished, showing progress on stderr")
  boolean waitForIt;

  @Parameter(
      names = "--timeout",
      description =
          "With --wait: how long the whole command may take, counted from its start (all its waits"
              + " together), e.g. 90s, 45m, 2h (default 2h)",
      converter = DurationConverter.class)
  Duration timeout = Duration.ofHours(2);

  @Parameter(
      names = "--instance",
      description = "Act on this echo-managed instance instead of the newest eligible one")
  String instance;

  @Parameter(
      names = "--take-over",
      description =
          "promote/rollback may re-point a CNAME that targets an RDS endpoint not managed under this name")
  boolean takeOver;

  @Parameter(names = "-v", description = "More logging, and stack traces on errors")
  boolean verbose;

  @Parameter(
      names = "-q",
      description =
          "Quiet, for cron: nothing printed when all is well (0, 3, 75, a"
              + " confirmation already requested); failures and refusals on stderr")
  boolean quiet;

  @Parameter(names = "--version", description = "Print the version", help = true)
  boolean version;

  @Parameter(
      names = {"-h", "--help"},
      description = "Show help",
      help = true)
  boolean help;

  public boolean json() {
    return "json".equals(output);
  }

  public boolean dryRun() {
    return dryRun;
  }

  public boolean yes() {
    return yes;
  }

  public boolean waitForIt() {
    return waitForIt;
  }

  public Duration timeout() {
    return timeout;
  }

  public String instance() {
    return instance;
  }

  public boolean takeOver() {
    return takeOver;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }
}

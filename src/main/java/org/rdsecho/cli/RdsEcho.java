package org.rdsecho.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * Parses the command line, loads the configuration, runs one command and renders its result. Every
 * failure is caught here, once, and becomes a message and an exit code.
 */
public final class RdsEcho {
  private final Environment env;

  public RdsEcho(Environment env) {
    this.env = env;
  }

  /** Runs one command line; returns the exit code. */
  public int run(String... args) {
    GlobalOptions global = new GlobalOptions();
    Map<String, String> overrides = new LinkedHashMap<>();
    List<EchoCommand> commands = commands(global);
    JCommander jc = JCommander.newBuilder().programName("rds-echo").addObject(global).build();
    commands.forEach(jc::addCommand);
    HelpCommand help = new HelpCommand();
    jc.addCommand(help);
    String commandName = null;
    try {
      jc.parse(Defines.extract(args, overrides).toArray(String[]::new));
      commandName = jc.getParsedCommand();
      if (global.version) {
        env.out().println("rds-echo " + version());
        return 0;
      }
      if (global.help || commandName == null) {
        return usage(jc, commandName, commandName == null && !global.help);
      }
      if (commandName.equals("help")) {
        if (help.command() != null && !jc.getCommands().containsKey(help.command())) {
          throw new ParameterException("Expected a command, got " + help.command());
        }
        return usage(jc, help.command(), false);
      }
      if (global.verbose && global.quiet) {
        throw new ParameterException("-v and -q contradict each other: give one of them");
      }
      String name = commandName;
      EchoCommand command =
          commands.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
      Result result = execute(command, global, overrides);
      if (global.json() || !(global.quiet() && result.routine())) {
        ResultPrinter.print(result, global.json(), stream(result.outcome(), global));
      }
      return result.exitCode();
    } catch (ParameterException e) {
      global.output = UsageErrors.asksForJson(args) ? "json" : global.output;
      String named =
          commandName != null
              ? commandName
              : java.util.Arrays.stream(args)
                  .filter(jc.getCommands()::containsKey)
                  .findFirst()
                  .orElse(null);
      named = "help".equals(named) ? null : named; // "help help" is no hint
      return fail(
          global,
          named,
          Outcome.USAGE,
          UsageErrors.plainWords(e.getMessage(), named, jc.getCommands().keySet()),
          e);
    }
  }

  private Result execute(EchoCommand command, GlobalOptions global, Map<String, String> overrides) {
    PrintStream err = env.err();
    EchoConfig config;
    try {
      if (command.needsConfig()) {
        config =
            EchoConfig.from(
                RawConfig.load(
                    global.config,
                    env.workDir(),
                    env.variables().get(RawConfig.OPTS_VARIABLE),
                    env.systemProperties(),
                    overrides));
      } else {
        config = EchoConfig.from(RawConfig.of(Map.of()));
      }
    } catch (ConfigException e) {
      return failure(command, null, Outcome.USAGE, e.getMessage(), global, e);
    }
    LogFile log;
    try {
      log = LogFile.open(config, env, command.name());
    } catch (IOException e) {
      return failure(
          command,
          config,
          Outcome.FAILED,
          "cannot write the log file: " + e.getMessage() + " — check rdsecho.log.dir",
          global,
          e);
    } catch (EchoException e) {
      // something not ours where the log goes (§16): the message names it and what to remove
      return failure(
          command, config, e.outcome(), "cannot write the log file: " + e.getMessage(), global, e);
    }
    try (log) {
      Result result = run(command, config, global, err, log);
      log.line("exit " + result.exitCode() + ": " + result.message());
      return result;
    } catch (IOException e) {
      return failure(
          command,
          config,
          Outcome.FAILED,
          "cannot write the log file: " + e.getMessage(),
          global,
          e);
    }
  }

  private Result run(
      EchoCommand command, EchoConfig config, GlobalOptions global, PrintStream err, LogFile log) {
    try {
      Console console = new Console(err, global.quiet(), log);
      if (config.export().password() != null) {
        console.warn(
            "rdsecho.export.password holds a secret in plain text: prefer rdsecho.export.passwordEnv"
                + " or rdsecho.export.passwordFile");
      }
      Context ctx = new Context(config, global, env, console);
      return command.run(ctx);
    } catch (ConfigException e) {
      return failure(command, config, Outcome.USAGE, e.getMessage(), global, e);
    } catch (EchoException e) {
      return failure(command, config, e.outcome(), e.getMessage(), global, e);
    } catch (RuntimeException e) {
      return failure(
          command,
          config,
          Outcome.FAILED,
          "unexpected error: " + e + " — run again with -v for the stack trace",
          global,
          e);
    }
  }

  private Result failure(
      EchoCommand command,
      EchoConfig config,
      Outcome outcome,
      String message,
      GlobalOptions global,
      Exception e) {
    if (global.verbose()) {
      e.printStackTrace(env.err());
    }
    return Result.of(
        command.name(), config == null ? null : config.name(), outcome, global.dryRun(), message);
  }

  private int fail(
      GlobalOptions global, String command, Outcome outcome, String message, Exception e) {
    Result result = Result.of(command, null, outcome, global.dryRun(), message);
    if (global.verbose()) {
      e.printStackTrace(env.err());
    }
    ResultPrinter.print(result, global.json(), stream(outcome, global));
    return result.exitCode();
  }

  /**
   * Results go to stdout; in text mode, failures of the tool or configuration go to stderr, and
   * under {@code -q} refusals too (cron mails whatever reaches either).
   */
  private PrintStream stream(Outcome outcome, GlobalOptions global) {
    boolean failure =
        outcome == Outcome.FAILED
            || outcome == Outcome.USAGE
            || (global.quiet() && outcome.exitCode() == Outcome.REFUSED.exitCode());
    return failure && !global.json() ? env.err() : env.out();
  }

  private int usage(JCommander jc, String command, boolean missing) {
    String text =
        command != null && jc.getCommands().containsKey(command)
            ? HelpText.command(jc, command)
            : HelpText.overview(jc);
    if (missing) {
      env.err().println("no command given");
      env.err().print(text);
      return Outcome.USAGE.exitCode();
    }
    env.out().print(text);
    return 0;
  }

  static List<EchoCommand> commands(GlobalOptions global) {
    return List.of(
        new SamplePropsCommand(global),
        new SampleOptsCommand(global),
        new StatusCommand(global),
        new NewCommand(global),
        new ModifyCommand(global),
        new RebootCommand(global),
        new ExportCommand(global),
        new SanitizeCommand(global),
        new VerifyCommand(global),
        new CarryCommand(global),
        new PromoteCommand(global),
        new ConfirmCommand(global),
        new ForgetCommand(global),
        new RollbackCommand(global),
        new RetireCommand(global),
        new AdvanceCommand(global),
        new IamPolicyCommand(global));
  }

  static String version() {
    try (InputStream in = RdsEcho.class.getResourceAsStream("/rdsecho-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

package org.rdsecho.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.rdsecho.aws.SdkClients;

/**
 * Everything a run takes from the world outside the command line, injected so that tests run whole
 * commands in-process: variables, streams, the clock, how to sleep and how to reach AWS.
 */
public record Environment(
    Map<String, String> variables,
    Properties systemProperties,
    Path workDir,
    InputStream in,
    PrintStream out,
    PrintStream err,
    boolean terminal,
    Clock clock,
    Sleeper sleeper,
    SdkClients aws) {

  /** Pauses between polls; tests pass one that advances a fake clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(java.time.Duration duration) throws InterruptedException;
  }

  // on Java 17 the JVM has a console exactly when its input and output are a terminal
  // (Console.isTerminal, which newer JDKs need, arrives in Java 22)
  @SuppressWarnings("SystemConsoleNull")
  private static boolean hasConsole() {
    return System.console() != null;
  }

  public static Environment system() {
    return new Environment(
        System.getenv(),
        System.getProperties(),
        Path.of("").toAbsolutePath(),
        System.in,
        System.out,
        System.err,
        hasConsole(),
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()),
        SdkClients.real());
  }
}

package org.rdsecho.cli;

import java.util.Arrays;

/** The launcher's entry point: configures logging, runs one command line, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    boolean verbose = Arrays.asList(args).contains("-v");
    boolean quiet = Arrays.asList(args).contains("-q");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : quiet ? "error" : "warn");
    // The SDK's own debug output can include request details; keep it out even with -v.
    System.setProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.http", "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ssX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.exit(new RdsEcho(Environment.system()).run(args));
  }
}

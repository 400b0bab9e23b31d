package org.rdsecho.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.List;

/** {@code help <command>}: that command's usage. */
@Parameters(
    commandNames = "help",
    commandDescription = "Show the usage of a command: help <command>")
final class HelpCommand {
  @Parameter(description = "<command>")
  List<String> words = new ArrayList<>();

  String command() {
    return words.isEmpty() ? null : words.get(0);
  }
}

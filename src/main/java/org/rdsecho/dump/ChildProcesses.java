package org.rdsecho.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the dump and SQL clients with a clean environment: only what they need to run (PATH, HOME
 * for ~/.my.cnf, locale and time zone), never the variable that holds the export password,
 * MYSQL_PWD, AWS credentials or whatever else the operator's shell carries.
 */
final class ChildProcesses {
  private static final Set<String> PASSED =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "LANG",
          "LC_ALL",
          "LC_CTYPE",
          "LC_MESSAGES",
          "TZ",
          "TMPDIR",
          // where gpg finds the keyring that decrypts encrypted dumps for verify (§13, §14)
          "GNUPGHOME");

  private ChildProcesses() {}

  /**
   * @param secret a value no variable passed on may hold (a password that an operator put in, say,
   *     a variable named by passwordEnv that is also one of the passed ones); null for none
   */
  static Process start(List<String> command, String secret) throws IOException {
    return clean(new ProcessBuilder(command), secret).start();
  }

  /**
   * Starts {@code a | b | …}, each with a clean environment; the last process's output is the
   * pipeline's. Every process is returned, first to last, so each exit status can be checked.
   */
  static List<Process> startPipeline(List<List<String>> commands) throws IOException {
    return ProcessBuilder.startPipeline(
        commands.stream()
            .map(
                c -> clean(new ProcessBuilder(c), null).redirectError(ProcessBuilder.Redirect.PIPE))
            .toList());
  }

  private static ProcessBuilder clean(ProcessBuilder builder, String secret) {
    Map<String, String> env = builder.environment();
    Map<String, String> inherited = Map.copyOf(env);
    env.clear();
    inherited.forEach(
        (k, v) -> {
          if (PASSED.contains(k) && (secret == null || !v.equals(secret))) {
            env.put(k, v);
          }
        });
    return builder;
  }

  /** A coreutils tool, from the usual places (not PATH, which a hostile environment can set). */
  static Path tool(String name) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return Path.of(name);
  }
}

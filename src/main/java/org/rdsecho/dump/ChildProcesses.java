package org.rdsecho.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the dump and SQL clients with a clean environment: only what they need to run (PATH,
 * HOME for ~/.my.cnf, locale and time zone), never the variable that holds the export password,
 * MYSQL_PWD, AWS credentials or whatever else the operator's shell carries.
 */
final class ChildProcesses {
  private static final Set<String> PASSED =
      Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TMPDIR");

  private ChildProcesses() {}

  /**
   * @param secret a value no variable passed on may hold (a password that an operator put in, say,
   *     a variable named by passwordEnv that is also one of the passed ones); null for none
   */
  static Process start(List<String> command, String secret) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    Map<String, String> inherited = Map.copyOf(env);
    env.clear();
    inherited.forEach((k, v) -> {
      if (PASSED.contains(k) && (secret == null || !v.equals(secret))) {
        env.put(k, v);
      }
    });
    return builder.start();
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

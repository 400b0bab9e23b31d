package org.rdsecho.dump;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rdsecho.stage.EchoException;
import org.rdsecho.stage.Outcome;

/** Finds the dump and SQL clients users trust: MariaDB's or MySQL's, whichever is installed. */
public record MysqlTools(Path dump, Path client) {

  public static MysqlTools find(String path) {
    Path dump = first(path, List.of("mariadb-dump", "mysqldump"))
        .orElseThrow(() -> missing("mariadb-dump or mysqldump"));
    Path client = first(path, List.of("mariadb", "mysql")).orElseThrow(() -> missing("mariadb or mysql"));
    return new MysqlTools(dump, client);
  }

  /** MySQL's own mysqldump needs flags MariaDB's does not know. */
  public boolean isMysqlDump() {
    return dump.getFileName().toString().equals("mysqldump") && !isMariaDbLink(dump);
  }

  private static boolean isMariaDbLink(Path p) {
    try {
      return Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().contains("mariadb");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Optional<Path> first(String path, List<String> names) {
    for (String name : names) {
      for (String dir : (path == null ? "/usr/bin:/usr/local/bin" : path).split(":")) {
        Path candidate = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static EchoException missing(String what) {
    return new EchoException(
        Outcome.FAILED,
        "no " + what + " on PATH: install the client (Debian: apt-get install mariadb-client)");
  }
}

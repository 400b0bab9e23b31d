package org.rdsecho.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.ClientSeen;

/** Finds the dump and SQL clients users trust: MariaDB's or MySQL's, whichever is installed. */
public record MysqlTools(Path dump, Path client) implements DumpEngine {
  private static final Set<String> SYSTEM =
      Set.of("information_schema", "mysql", "performance_schema", "sys");

  @Override
  public Set<String> systemDatabases() {
    return SYSTEM;
  }

  /**
   * The dump command for one part of a database's dump: rows only with {@code dataOnly} (as {@code
   * mysqldump -t}, without triggers, routines or events), rows matching {@code where}. The
   * database's name is the argument after {@code --}, so the dump has no USE; it and the table
   * names follow {@code --}, so none can be read as an option.
   */
  @Override
  public List<String> dumpCommand(
      String credentials, String database, TableStreams.Part part, boolean dataOnly, String where) {
    List<String> command =
        new ArrayList<>(List.of(dump.toString(), credentials, "--single-transaction", "--quick"));
    if (part.kind() == TableStreams.Part.Kind.OBJECTS) {
      command.addAll(List.of("--skip-triggers", "--routines", "--events"));
      if (part.tables().isEmpty()) {
        // no views: without a table list the tool would dump every table again
        command.addAll(List.of("--no-create-info", "--no-data"));
      }
    } else if (dataOnly) {
      command.addAll(List.of("--no-create-info", "--skip-triggers"));
    } else if (part.kind() == TableStreams.Part.Kind.WHOLE) {
      command.addAll(List.of("--routines", "--triggers", "--events"));
    } else {
      command.add("--triggers");
    }
    if (where != null && part.kind() != TableStreams.Part.Kind.OBJECTS) {
      command.add("--where=" + where);
    }
    command.addAll(
        List.of(
            "--hex-blob",
            "--default-character-set=utf8mb4",
            "--max-allowed-packet=1G",
            "--net-buffer-length=1M",
            "--no-tablespaces",
            "--skip-dump-date"));
    if (isMysqlDump()) {
      command.add("--set-gtid-purged=OFF");
      command.add("--column-statistics=0");
    }
    command.add("--");
    command.add(database);
    command.addAll(part.tables());
    return command;
  }

  @Override
  public List<String> clientCommand(String credentials, String database, List<String> flags) {
    List<String> command =
        new ArrayList<>(List.of(client.toString(), credentials, "--default-character-set=utf8mb4"));
    command.addAll(flags);
    if (database != null) {
      command.add("--database=" + database);
    }
    return command;
  }

  public static MysqlTools find(String path) {
    Path dump =
        first(path, List.of("mariadb-dump", "mysqldump"))
            .orElseThrow(() -> missing("mariadb-dump or mysqldump"));
    Path client =
        first(path, List.of("mariadb", "mysql")).orElseThrow(() -> missing("mariadb or mysql"));
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

  /**
   * Whether a client has the modes that keep a dump from running client commands, asked once per
   * client.
   */
  private static final Map<Path, Boolean> SANDBOXED = new ConcurrentHashMap<>();

  /**
   * Whether the client can read a dump as data only (§16): MariaDB's {@code --sandbox} (10.5.25,
   * 10.6.18, 10.11.8, 11.0.6 and later) together with {@code --binary-mode}, which stops every
   * client command but {@code \C} and {@code DELIMITER} in piped input ({@code --sandbox} alone
   * still lets {@code connect} through). Read from the client's own {@code --help}.
   */
  public boolean sandboxes() {
    return SANDBOXED.computeIfAbsent(client, MysqlTools::helpOffersSandbox);
  }

  /** The client as the planners see it: its path and whether it sandboxes (§16). */
  public ClientSeen seen() {
    return new ClientSeen(client.toString(), sandboxes());
  }

  /**
   * Refuses (4) to feed {@code what} to a client that would run the client commands in it: the
   * planners' own rule ({@link ClientSeen#requireSandbox}), checked again at the load.
   */
  public void requireSandbox(String what) {
    seen().requireSandbox(what);
  }

  private static boolean helpOffersSandbox(Path client) {
    try {
      Process p =
          new ProcessBuilder(client.toString(), "--no-defaults", "--help")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread drain = Streams.drain(p.getInputStream(), out, 1 << 20);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      drain.join();
      String help = out.toString(StandardCharsets.UTF_8);
      return help.contains("--sandbox") && help.contains("--binary-mode");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

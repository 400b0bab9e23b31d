package org.rdsecho.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB server for the data-plane tests: its own data directory, socket and loopback
 * port, started from the Debian binaries and removed afterwards. Never an existing server of the
 * machine.
 */
public final class PrivateMariaDb implements AutoCloseable {
  public static final String USER = "echo";
  public static final String PASSWORD = "p@ss \"w0rd' #1";

  private final Path dir;
  private final int port;
  private final List<String> serverOptions;
  private Process server;

  private PrivateMariaDb(Path dir, int port, List<String> serverOptions) {
    this.dir = dir;
    this.port = port;
    this.serverOptions = serverOptions;
  }

  public static PrivateMariaDb start() {
    return start(List.of());
  }

  /** With extra mariadbd options, e.g. {@code --ssl-cert=...}. */
  public static PrivateMariaDb start(List<String> serverOptions) {
    // a free port is only free until someone binds it: another test's server may take it between
    // our look and mariadbd's bind, so a bind failure is retried on a new port
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        Path dir = Files.createTempDirectory("rdsecho-mariadb-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        PrivateMariaDb db = new PrivateMariaDb(dir, port, serverOptions);
        db.install();
        try {
          db.launch();
        } catch (IllegalStateException e) {
          db.close();
          if (!String.valueOf(e.getMessage()).contains("Bind on TCP/IP port")) {
            throw e;
          }
          last = e;
          continue;
        }
        db.rootSql(
            "CREATE USER '"
                + USER
                + "'@'%' IDENTIFIED BY '"
                + PASSWORD.replace("'", "''")
                + "';"
                + " GRANT ALL ON *.* TO '"
                + USER
                + "'@'%'; FLUSH PRIVILEGES;");
        return db;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw last;
  }

  private boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void install() throws IOException {
    // a temp directory of its own: with /tmp shared by the test runs of several builds, the
    // bootstrap's temporary tables (named by pid) were seen removed under it ("Unknown table
    // 'mysql.tmp_proxies_priv'"), failing the install
    Files.createDirectories(dir.resolve("tmp"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "mariadb-install-db",
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=socket",
                "--skip-test-db",
                "--tmpdir=" + dir.resolve("tmp")));
    if (root()) {
      cmd.add("--user=root");
    }
    run(cmd, null);
  }

  private void launch() throws IOException {
    String mariadbd =
        Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? "/usr/sbin/mariadbd" : "mariadbd";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                mariadbd,
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--socket=" + socket(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--pid-file=" + dir.resolve("pid"),
                "--innodb-buffer-pool-size=256M",
                "--innodb-log-file-size=64M",
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=2",
                "--event-scheduler=OFF",
                "--max-allowed-packet=256M",
                "--log-error=" + dir.resolve("error.log"),
                "--tmpdir=" + dir.resolve("tmp")));
    cmd.addAll(serverOptions);
    if (root()) {
      cmd.add("--user=root");
    }
    server =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(socket())) {
        try {
          rootSql("SELECT 1");
          return;
        } catch (RuntimeException notYet) {
          // still starting
        }
      }
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "mariadbd exited: " + Files.readString(dir.resolve("error.log")));
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "mariadbd did not start in 60s: " + Files.readString(dir.resolve("error.log")));
  }

  public Path socket() {
    return dir.resolve("mysql.sock");
  }

  public int port() {
    return port;
  }

  /** Runs SQL as root over the socket; returns batch output. */
  public Path dataDir() {
    return dir;
  }

  public String rootSql(String sql) {
    return sql(null, sql);
  }

  public String sql(String database, String sql) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "mariadb",
                "--no-defaults",
                "--socket=" + socket(),
                "-uroot",
                "--batch",
                "--skip-column-names",
                "--default-character-set=utf8mb4"));
    if (database != null) {
      cmd.add("--database=" + database);
    }
    return run(cmd, sql);
  }

  /** Pipes a shell pipeline's output into a database, e.g. {@code gunzip -c F}. */
  public void restore(String database, String producer) {
    String shell =
        producer
            + " | mariadb --no-defaults --socket="
            + socket()
            + " -uroot --default-character-set=utf8mb4 "
            + database;
    shell(shell);
  }

  public void kill() {
    if (server != null) {
      server.destroyForcibly();
      try {
        server.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp dir
    }
  }

  /** Runs a bash line (pipefail); returns its output, throws when it fails. */
  public static String shell(String line) {
    return run(List.of("bash", "-o", "pipefail", "-c", line), null);
  }

  static String run(List<String> cmd, String input) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (input != null) {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

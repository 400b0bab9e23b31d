package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's tools behind the engine seam: the exact argument vectors, names only after {@code --}.
 */
class DumpEngineTest {
  private final DumpEngine mariadb =
      new MysqlTools(Path.of("/usr/bin/mariadb-dump"), Path.of("/usr/bin/mariadb"));
  private static final List<String> TAIL =
      List.of(
          "--hex-blob",
          "--default-character-set=utf8mb4",
          "--max-allowed-packet=1G",
          "--net-buffer-length=1M",
          "--no-tablespaces",
          "--skip-dump-date");

  private static List<String> command(List<String> head, List<String> tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(TAIL);
    all.addAll(tail);
    return all;
  }

  @Test
  void aWholeDatabaseARowsOnlyPartAndTheObjectsPartEachDumpWhatTheySay() {
    List<String> head =
        List.of(
            "/usr/bin/mariadb-dump",
            "--defaults-file=/dev/fd/3",
            "--single-transaction",
            "--quick");
    assertEquals(
        command(
            List.of(
                head.get(0),
                head.get(1),
                head.get(2),
                head.get(3),
                "--routines",
                "--triggers",
                "--events"),
            List.of("--", "-shop")),
        mariadb.dumpCommand(
            "--defaults-file=/dev/fd/3", "-shop", TableStreams.Part.whole(List.of()), false, null));
    assertEquals(
        command(
            List.of(
                head.get(0),
                head.get(1),
                head.get(2),
                head.get(3),
                "--no-create-info",
                "--skip-triggers",
                "--where=id > 5"),
            List.of("--", "shop", "orders")),
        mariadb.dumpCommand(
            "--defaults-file=/dev/fd/3",
            "shop",
            TableStreams.Part.whole(List.of("orders")),
            true,
            "id > 5"));
    assertEquals(
        Set.of("information_schema", "mysql", "performance_schema", "sys"),
        mariadb.systemDatabases());
  }

  @Test
  void theClientRunsInTheDatabaseNamedWithTheFlagsOfTheRun() {
    assertEquals(
        List.of(
            "/usr/bin/mariadb",
            "--defaults-file=/dev/fd/3",
            "--default-character-set=utf8mb4",
            "--batch",
            "--database=shop"),
        mariadb.clientCommand("--defaults-file=/dev/fd/3", "shop", List.of("--batch")));
    assertEquals(
        List.of("/usr/bin/mariadb", "--defaults-file=/dev/fd/3", "--default-character-set=utf8mb4"),
        mariadb.clientCommand("--defaults-file=/dev/fd/3", null, List.of()));
  }
}

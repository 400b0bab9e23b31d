package org.rdsecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rdsecho.cli.RdsStub;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Times {@code rds-echo export} as a user runs it: {@code bin/rds-echo -q export} in a process of
 * its own (the launcher, its JVM settings, start-up, the RDS calls against a stub on loopback,
 * the dump, the files), rounds interleaved with {@code mysqldump --single-transaction DB | gzip > F}
 * on the same data, medians printed. The data is {@code ../shared/bench/shop-dataset.sql} when
 * given, else the generated dataset of {@link Dataset}.
 */
public final class UserTimedExport {
  private UserTimedExport() {}

  public static void main(String[] args) throws Exception {
    Path project = Path.of("").toAbsolutePath();
    String data = args.length > 0 ? args[0] : "1024";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = Files.createTempDirectory("rdsecho-usertimed-");
    try (PrivateMariaDb db = PrivateMariaDb.start(); RdsStub rds = new RdsStub(db.port())) {
      String database;
      long t0 = System.nanoTime();
      if (Files.isRegularFile(Path.of(data))) {
        System.out.println("loading " + data + " ...");
        PrivateMariaDb.shell("mariadb --no-defaults --socket=" + db.socket() + " -uroot < " + Path.of(data)
            .toAbsolutePath());
        database = "shop";
      } else {
        System.out.printf("generating ~%s MB ...%n", data);
        Dataset.generate(db, "bench", Long.parseLong(data), work);
        database = "bench";
      }
      System.out.printf("  ready in %.0fs: %s%n", (System.nanoTime() - t0) / 1e9, db.sql(null,
          "SELECT CONCAT(ROUND(SUM(DATA_LENGTH+INDEX_LENGTH)/1e6), ' MB in ', COUNT(*), ' tables') FROM"
              + " information_schema.TABLES WHERE TABLE_SCHEMA='" + database + "'").trim());
      Path config = work.resolve("rdsecho.properties");
      Map<String, List<Double>> times = new LinkedHashMap<>();
      Map<String, Long> sizes = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        Path pipe = work.resolve("pipeline.sql.gz");
        times.computeIfAbsent("mysqldump | gzip", k -> new ArrayList<>()).add(time(() -> shell(
            "mariadb-dump --no-defaults -h127.0.0.1 -P" + db.port() + " -u" + PrivateMariaDb.USER
                + " --single-transaction " + database + " | gzip > " + pipe, work)));
        sizes.put("mysqldump | gzip", Files.size(pipe));
        for (String compression : List.of("gzip", "zstd")) {
          Path dumps = work.resolve("dumps");
          delete(dumps);
          Files.writeString(config, String.join("\n", "rdsecho.name=bench", "rdsecho.region=us-east-1",
              "rdsecho.snapshot.dbInstanceIdentifier=production", "rdsecho.export.user=" + PrivateMariaDb.USER,
              "rdsecho.export.passwordEnv=DB_PASSWORD", "rdsecho.export.databases=" + database,
              "rdsecho.export.dir=dumps/{date}", "rdsecho.export.compression=" + compression, ""));
          rds.rebooted();
          String label = "rds-echo export (" + compression + ")";
          times.computeIfAbsent(label, k -> new ArrayList<>()).add(time(() -> shell(project.resolve("bin/rds-echo")
              + " --endpoint-url " + rds.endpoint() + " -q export", work)));
          if (!"exported".equals(rds.stage())) {
            throw new IllegalStateException("export did not mark the clone exported");
          }
          try (Stream<Path> files = Files.walk(dumps)) {
            Path file = files.filter(p -> p.toString().endsWith(".sql.gz") || p.toString().endsWith(".sql.zst"))
                .findFirst().orElseThrow();
            sizes.put(label, Files.size(file));
          }
        }
      }
      double baseline = median(times.get("mysqldump | gzip"));
      System.out.printf("%nmedians of %d rounds, interleaved, as run from a shell (2 cores: %d)%n", rounds,
          Runtime.getRuntime().availableProcessors());
      System.out.printf("| %-28s | %8s | %6s | %s |%n", "pipeline", "wall", "×", "output");
      times.forEach((label, list) -> System.out.printf("| %-28s | %7.1fs | %6.2f | %.1f MB (%.3f) |%n", label,
          median(list), baseline / median(list), sizes.get(label) / 1e6,
          (double) sizes.get(label) / sizes.get("mysqldump | gzip")));
      times.forEach((label, list) -> System.out.println("  " + label + ": " + list));
    } finally {
      delete(work);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double time(Step step) throws Exception {
    long t = System.nanoTime();
    step.run();
    return Math.round((System.nanoTime() - t) / 1e8) / 10.0;
  }

  private static void shell(String line, Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", line).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("MYSQL_PWD", PrivateMariaDb.PASSWORD);
    pb.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    pb.environment().put("AWS_ACCESS_KEY_ID", "bench");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
    if (pb.start().waitFor() != 0) {
      throw new IllegalStateException("failed: " + line);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

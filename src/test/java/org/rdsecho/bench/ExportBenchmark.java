package org.rdsecho.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rdsecho.cli.RdsStub;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Times {@code rds-echo export} as a user runs it: {@code bin/rds-echo -q export} in a process of
 * its own (the launcher, its JVM settings, start-up, the RDS calls against a stub on loopback, the
 * dump, the files), rounds interleaved with {@code mysqldump --single-transaction DB | gzip > F},
 * the best command-line pipeline and the dump tool alone, on the same data; medians printed. Then
 * the export again with the tool (and the dump processes it starts) limited to 1 and 2 cores by
 * {@code taskset}, in 1 and 2 streams, with the CPU time it used, for what more cores would give.
 * Run with bench/export-benchmark (docs/benchmarks.md).
 */
public final class ExportBenchmark {
  private static final String PIPELINE = "mysqldump | gzip";

  private final Path project = Path.of("").toAbsolutePath();
  private final Path work;
  private final PrivateMariaDb db;
  private final RdsStub rds;
  private final String database;

  /** The peak resident memory of the tool's JVM, in MB, by compression. */
  private final Map<String, Long> peaks = new LinkedHashMap<>();

  private ExportBenchmark(Path work, PrivateMariaDb db, RdsStub rds, String database) {
    this.work = work;
    this.db = db;
    this.rds = rds;
    this.database = database;
  }

  public static void main(String[] args) throws Exception {
    String data = args.length > 0 ? args[0] : "1024";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    // RDS gives MySQL a buffer pool of 3/4 of the instance's memory: 3 GiB on a db.t3.medium, the
    // class of the README's example, which holds the shared dataset; the tests' servers have 256 MB
    String bufferPool = args.length > 2 ? args[2] : "3G";
    Path work = Files.createTempDirectory("rdsecho-bench-");
    try (PrivateMariaDb db =
            PrivateMariaDb.start(List.of("--innodb-buffer-pool-size=" + bufferPool));
        RdsStub rds = new RdsStub(db.port())) {
      System.out.println("a private MariaDB with innodb_buffer_pool_size=" + bufferPool);
      long t0 = System.nanoTime();
      String database;
      if (Files.isRegularFile(Path.of(data))) {
        System.out.println("loading " + data + " ...");
        PrivateMariaDb.shell(
            "mariadb --no-defaults --socket="
                + db.socket()
                + " -uroot < '"
                + Path.of(data).toAbsolutePath()
                + "'");
        database = "shop";
      } else {
        System.out.printf("generating ~%s MB ...%n", data);
        Dataset.generate(db, "bench", Long.parseLong(data), work);
        database = "bench";
      }
      System.out.printf(
          "  ready in %.0fs: %s%n",
          (System.nanoTime() - t0) / 1e9,
          db.sql(
                  null,
                  "SELECT CONCAT(ROUND(SUM(DATA_LENGTH+INDEX_LENGTH)/1e6), ' MB in ', COUNT(*), ' tables') FROM"
                      + " information_schema.TABLES WHERE TABLE_SCHEMA='"
                      + database
                      + "'")
              .trim());
      ExportBenchmark bench = new ExportBenchmark(work, db, rds, database);
      bench.againstPipelines(rounds);
      bench.scaling(rounds);
    } finally {
      delete(work);
    }
  }

  /** The user's comparison: the tool against the pipelines, same data, rounds interleaved. */
  private void againstPipelines(int rounds) throws Exception {
    String dump =
        "mariadb-dump --no-defaults -h127.0.0.1 -P"
            + db.port()
            + " -u"
            + PrivateMariaDb.USER
            + " --single-transaction ";
    Map<String, List<Timed>> runs = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      Path pipe = work.resolve("pipeline.sql.gz");
      runs.computeIfAbsent(PIPELINE, k -> new ArrayList<>())
          .add(shell(dump + database + " | gzip > " + pipe, null));
      sizes.put(PIPELINE, Files.size(pipe));
      for (String compression : List.of("gzip", "zstd")) {
        String label = "rds-echo export (" + compression + ")";
        runs.computeIfAbsent(label, k -> new ArrayList<>()).add(export(compression, 0, null));
        sizes.put(label, Files.size(dumpFile()));
      }
      Path cli = work.resolve("cli.sql.zst");
      String best =
          "mariadb-dump --hex-blob | zstd -3 -T" + Runtime.getRuntime().availableProcessors();
      runs.computeIfAbsent(best, k -> new ArrayList<>())
          .add(
              shell(
                  dump
                      + "--quick --hex-blob "
                      + database
                      + " | zstd -q -3 -T"
                      + Runtime.getRuntime().availableProcessors()
                      + " > "
                      + cli,
                  null));
      sizes.put(best, Files.size(cli));
      runs.computeIfAbsent("mariadb-dump > /dev/null", k -> new ArrayList<>())
          .add(shell(dump + "--quick --hex-blob " + database + " > /dev/null", null));
    }
    PrivateMariaDb.shell(
        "gunzip -t "
            + work.resolve("pipeline.sql.gz")
            + " && zstd -tq "
            + work.resolve("cli.sql.zst"));
    long sql =
        Long.parseLong(
            PrivateMariaDb.shell("gunzip -c " + work.resolve("pipeline.sql.gz") + " | wc -c")
                .trim());
    double baseline = median(runs.get(PIPELINE), Timed::wall);
    System.out.printf(
        "%n%s, %d MB of SQL as the pipeline dumps it; medians of %d rounds, interleaved, each a process"
            + " of its own as run from a shell, on %d cores%n",
        database, sql / 1_000_000, rounds, Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "| %-36s | %10s | %6s | %-20s | %s |%n", "command", "wall", "×", "output", "rounds");
    System.out.println("|---|---|---|---|---|");
    runs.forEach(
        (label, list) -> {
          double wall = median(list, Timed::wall);
          Long size = sizes.get(label);
          System.out.printf(
              "| %-36s | %9.1fs | %6.2f | %-20s | %s |%n",
              label.replace("|", "\\|"),
              wall,
              baseline / wall,
              size == null
                  ? "—"
                  : String.format(
                      "%.1f MB (%.3f)", size / 1e6, (double) size / sizes.get(PIPELINE)),
              list.stream().map(t -> String.format("%.1f", t.wall())).toList());
        });
    System.out.printf(
        "peak resident memory of rds-echo's JVM (its default heap limit, a quarter of the memory): %s MB"
            + " (gzip), %s MB (zstd)%n",
        peaks.get("gzip"), peaks.get("zstd"));
  }

  /** The export with the tool held to 1 and 2 cores, in 1 and 2 streams: wall and CPU seconds. */
  private void scaling(int rounds) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    List<String> sets = cores >= 2 ? List.of("0", "0-1") : List.of("0");
    Map<String, List<Timed>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String compression : List.of("gzip", "zstd")) {
        for (String cpus : sets) {
          for (int streams : List.of(1, 2)) {
            runs.computeIfAbsent(
                    compression + "|" + (cpus.equals("0") ? 1 : 2) + "|" + streams,
                    k -> new ArrayList<>())
                .add(export(compression, streams, cpus));
          }
        }
      }
    }
    long sql = sqlBytes();
    System.out.printf(
        "%nthe export held to some cores with taskset (the tool and its mariadb-dump processes; the"
            + " MariaDB server is not held), medians of %d rounds%n",
        rounds);
    System.out.printf(
        "| %-11s | %5s | %7s | %8s | %21s | %10s |%n",
        "compression", "cores", "streams", "wall", "CPU (tool + dumps)", "MB/s of SQL");
    System.out.println("|---|---|---|---|---|---|");
    runs.forEach(
        (key, list) -> {
          String[] k = key.split("\\|");
          double wall = median(list, Timed::wall);
          System.out.printf(
              "| %-11s | %5s | %7s | %7.1fs | %20.1fs | %10.0f |%n",
              k[0], k[1], k[2], wall, median(list, Timed::cpu), sql / 1e6 / wall);
        });
  }

  /**
   * One {@code bin/rds-echo -q export} of the clone put back in stage rebooted.
   *
   * @param streams 0 for the default
   * @param cpus a taskset CPU list, or null for all
   */
  private Timed export(String compression, int streams, String cpus) throws Exception {
    delete(work.resolve("dumps"));
    Files.writeString(
        work.resolve("rdsecho.properties"),
        String.join(
            "\n",
            "rdsecho.name=bench",
            "rdsecho.region=us-east-1",
            "rdsecho.snapshot.dbInstanceIdentifier=production",
            "rdsecho.export.user=" + PrivateMariaDb.USER,
            "rdsecho.export.passwordEnv=DB_PASSWORD",
            "rdsecho.export.databases=" + database,
            "rdsecho.export.dir=dumps/{date}",
            "rdsecho.export.compression=" + compression,
            streams == 0 ? "" : "rdsecho.export.streams=" + streams,
            ""));
    rds.rebooted();
    String command =
        project.resolve("bin/rds-echo") + " --endpoint-url " + rds.endpoint() + " -q export";
    Timed timed = shell((cpus == null ? "" : "taskset -c " + cpus + " ") + command, compression);
    if (!"exported".equals(rds.stage())) {
      throw new IllegalStateException("export did not mark the clone exported");
    }
    return timed;
  }

  private Path dumpFile() throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("dumps"))) {
      return files
          .filter(p -> p.toString().endsWith(".sql.gz") || p.toString().endsWith(".sql.zst"))
          .findFirst()
          .orElseThrow();
    }
  }

  private long sqlBytes() throws IOException {
    Path file = dumpFile();
    return Long.parseLong(
        PrivateMariaDb.shell(
                (file.toString().endsWith(".gz") ? "gunzip -c " : "zstd -dcq ") + file + " | wc -c")
            .trim());
  }

  /** Wall-clock seconds, and CPU seconds of the command and everything it waited for. */
  private record Timed(double wall, double cpu) {}

  /**
   * Runs {@code line} in bash from the work directory; with {@code peakOf}, records the peak
   * resident memory of the JVM it starts under that name.
   */
  private Timed shell(String line, String peakOf) throws IOException, InterruptedException {
    Path times = work.resolve("times");
    // bash's `times`: the user and system CPU of the children it waited for, in its second line
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash", "-o", "pipefail", "-c", line + "; s=$?; times > " + times + "; exit $s")
            .directory(work.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("MYSQL_PWD", PrivateMariaDb.PASSWORD);
    pb.environment().put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    pb.environment().put("AWS_ACCESS_KEY_ID", "bench");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
    long t = System.nanoTime();
    Process process = pb.start();
    long peak = 0;
    while (!process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (peakOf != null) {
        peak =
            Math.max(
                peak,
                process
                    .descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .mapToLong(ExportBenchmark::peakResidentKb)
                    .max()
                    .orElse(0));
      }
    }
    double wall = (System.nanoTime() - t) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("failed: " + line);
    }
    if (peakOf != null) {
      peaks.merge(peakOf, peak >> 10, Math::max);
    }
    String[] children =
        Files.readAllLines(times, StandardCharsets.UTF_8).get(1).trim().split("\\s+");
    return new Timed(wall, seconds(children[0]) + seconds(children[1]));
  }

  /** VmHWM of a live process, in kB: the most it has held in memory so far. */
  private static long peakResidentKb(ProcessHandle process) {
    try (Stream<String> lines =
        Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      Optional<String> hwm = lines.filter(l -> l.startsWith("VmHWM:")).findFirst();
      return hwm.map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** bash's {@code 1m2.345s}. */
  private static double seconds(String time) {
    int m = time.indexOf('m');
    return Double.parseDouble(time.substring(0, m)) * 60
        + Double.parseDouble(time.substring(m + 1, time.length() - 1));
  }

  private static double median(List<Timed> values, java.util.function.ToDoubleFunction<Timed> of) {
    double[] sorted = values.stream().mapToDouble(of).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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

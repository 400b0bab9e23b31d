package org.rdsecho.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Runs rds-echo export inside this JVM (through its command-line entry point, RDS being the
 * in-memory stand-in) on generated data, for what only an in-process run can see: the peak heap,
 * and the overheads of encryption and of streaming to S3 against the plain export. Run with
 * bench/export-extras; bench/export-benchmark times the command as a user runs it.
 */
public final class InProcessExportBenchmark {
  private InProcessExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    long targetMb = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    Path work = Files.createTempDirectory("rdsecho-bench-");
    try (PrivateMariaDb db = PrivateMariaDb.start()) {
      System.out.printf(
          "generating ~%d MB of InnoDB data (small rows, wide text, blobs)...%n", targetMb);
      long t0 = System.nanoTime();
      Dataset.generate(db, "bench", targetMb, work);
      System.out.printf(
          "  generated in %.0fs: %s%n",
          (System.nanoTime() - t0) / 1e9,
          db.sql(
                  null,
                  "SELECT CONCAT(ROUND(SUM(DATA_LENGTH+INDEX_LENGTH)/1e6), ' MB in ', COUNT(*), ' tables')"
                      + " FROM information_schema.TABLES WHERE TABLE_SCHEMA='bench'")
              .trim());

      Path pipeline = work.resolve("pipeline.sql.gz");
      // over TCP as the same user, like rds-echo and like a pipeline run against RDS
      double pipelineSeconds =
          time(
              () ->
                  pipeline(
                      "mariadb-dump --no-defaults -h127.0.0.1 -P"
                          + db.port()
                          + " -u"
                          + PrivateMariaDb.USER
                          + " --single-transaction bench | gzip > "
                          + pipeline));
      long sqlBytes =
          Long.parseLong(PrivateMariaDb.shell("gunzip -c " + pipeline + " | wc -c").trim());
      report("mysqldump | gzip", sqlBytes, pipelineSeconds, Files.size(pipeline), 0, 0);

      for (String compression : new String[] {"gzip", "zstd"}) {
        Harness h = harness(db, work.resolve(compression), compression);
        resetPeaks();
        double seconds =
            time(
                () -> {
                  Harness.Run run = h.run("export", "-q");
                  if (run.exitCode() != 0) {
                    throw new IllegalStateException(run.out() + run.err());
                  }
                });
        Path file;
        try (Stream<Path> files = Files.walk(work.resolve(compression))) {
          file =
              files
                  .filter(
                      p -> p.toString().endsWith(".sql.gz") || p.toString().endsWith(".sql.zst"))
                  .findFirst()
                  .orElseThrow();
        }
        String check = compression.equals("gzip") ? "gunzip -t " + file : "zstd -tq " + file;
        PrivateMariaDb.shell(check);
        report(
            "rds-echo export (" + compression + ")",
            sqlBytes,
            seconds,
            Files.size(file),
            pipelineSeconds / seconds,
            (double) Files.size(file) / Files.size(pipeline));
        System.out.printf(
            "    %s; restorable: %s passed; peak heap %d MB (max %d MB)%n",
            org.rdsecho.dump.Compression.of(compression).engine(),
            check.split(" ")[0],
            peakHeap() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
      }
      encryptedAndUploaded(db, work, sqlBytes, pipelineSeconds, Files.size(pipeline));
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * §14: the gzip export again, encrypted to a freshly generated OpenPGP key, then uploaded to a
   * real S3-protocol server (S3Mock on loopback); the overhead is against the plain gzip run.
   */
  private static void encryptedAndUploaded(
      PrivateMariaDb db, Path work, long sqlBytes, double pipelineSeconds, long pipelineSize)
      throws Exception {
    double gzipSeconds;
    Path gnupg =
        Files.createDirectory(
            work.resolve("gnupg"),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    PrivateMariaDb.shell(
        "gpg --batch --homedir "
            + gnupg
            + " --passphrase '' --quick-gen-key 'bench <b@example.invalid>'"
            + " default default never 2>/dev/null && gpg --batch --homedir "
            + gnupg
            + " --export --armor b@example.invalid > "
            + work.resolve("team.asc"));
    // plain and encrypted interleaved, three rounds each: the overhead is the ratio of the medians
    double[] plain = new double[3];
    double[] sealed = new double[3];
    Path file = null;
    for (int round = 0; round < 3; round++) {
      Harness p = harness(db, work.resolve("plain" + round), "gzip");
      plain[round] = time(() -> requireZero(p.run("export", "-q")));
      Harness encrypted = harness(db, work.resolve("encrypted" + round), "gzip");
      encrypted.config.put("rdsecho.export.encryptTo", work.resolve("team.asc").toString());
      sealed[round] = time(() -> requireZero(encrypted.run("export", "-q")));
      file = find(work.resolve("encrypted" + round), ".sql.gz.gpg");
    }
    java.util.Arrays.sort(plain);
    java.util.Arrays.sort(sealed);
    double seconds = sealed[1];
    PrivateMariaDb.shell(
        "gpg --batch --quiet --homedir " + gnupg + " --decrypt " + file + " | gunzip -t");
    report(
        "rds-echo export (gzip+gpg)",
        sqlBytes,
        seconds,
        Files.size(file),
        pipelineSeconds / seconds,
        (double) Files.size(file) / pipelineSize);
    System.out.printf(
        "    medians of 3 interleaved rounds: gzip %.1fs, gzip+gpg %.1fs: encryption costs %.1f%% of the"
            + " export's time; gpg --decrypt | gunzip -t passed%n",
        plain[1], sealed[1], (sealed[1] - plain[1]) / plain[1] * 100);
    gzipSeconds = plain[1];
    PrivateMariaDb.shell("gpgconf --homedir " + gnupg + " --kill all || true");

    System.setProperty("aws.accessKeyId", "bench");
    System.setProperty("aws.secretAccessKey", "bench");
    try (org.rdsecho.testing.S3MockServer s3 = org.rdsecho.testing.S3MockServer.start()) {
      Harness uploaded = harness(db, work.resolve("s3"), "gzip");
      uploaded.variables.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
      uploaded.config.put(
          "rdsecho.export.s3Uri",
          "s3://" + org.rdsecho.testing.S3MockServer.BUCKET + "/{name}/{date}");
      double s3Seconds = time(() -> requireZero(uploaded.run("export", "-q")));
      Path local = find(work.resolve("s3"), ".sql.gz");
      report(
          "rds-echo export (gzip+S3)",
          sqlBytes,
          s3Seconds,
          Files.size(local),
          pipelineSeconds / s3Seconds,
          (double) Files.size(local) / pipelineSize);
      System.out.printf(
          "    streamed to S3Mock on loopback while dumping: %.1f%% more than the plain gzip export's"
              + " median%n",
          (s3Seconds - gzipSeconds) / gzipSeconds * 100);
    }
  }

  private static void requireZero(Harness.Run run) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException(run.out() + run.err());
    }
  }

  private static Path find(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  /** MYSQL_PWD keeps the password off the command line here too. */
  private static void pipeline(String line) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", line).inheritIO();
    pb.environment().put("MYSQL_PWD", PrivateMariaDb.PASSWORD);
    if (pb.start().waitFor() != 0) {
      throw new IllegalStateException("pipeline failed: " + line);
    }
  }

  private static Harness harness(PrivateMariaDb db, Path dir, String compression)
      throws IOException {
    Harness h = new Harness(Files.createDirectories(dir)).cloneServedBy(db, "bench", "rebooted");
    h.config.put("rdsecho.export.compression", compression);
    return h;
  }

  private static void report(
      String what, long sqlBytes, double seconds, long size, double speedup, double sizeRatio) {
    System.out.printf(
        "%-26s %7.1f MB/s  %6.1fs  output %7.1f MB%s%n",
        what,
        sqlBytes / 1e6 / seconds,
        seconds,
        size / 1e6,
        speedup == 0
            ? "  (baseline, " + String.format("%.0f", sqlBytes / 1e6) + " MB of SQL)"
            : String.format("  %.2fx the pipeline's speed, %.3fx its size", speedup, sizeRatio));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double time(Step step) throws Exception {
    long t = System.nanoTime();
    step.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}

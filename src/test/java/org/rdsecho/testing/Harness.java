package org.rdsecho.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.rdsecho.aws.ClientSettings;
import org.rdsecho.aws.SdkClients;
import org.rdsecho.cli.Environment;
import org.rdsecho.cli.RdsEcho;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.stage.InstanceNames;
import org.rdsecho.stage.SnapshotInfo;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Runs whole rds-echo command lines in-process against the in-memory RDS and Route53, with a
 * properties file in a private directory, a clock tests move and captured stdout/stderr.
 */
public final class Harness {
  public static final String NAME = "development";
  public static final Instant START = Instant.parse("2026-11-21T03:00:00Z");
  public static final String CNAME = "dev.example.co.uk.";
  public static final String ZONE = "ZEXAMPLE";
  public static final String OLD_SNAPSHOT = "rds:production-2026-11-19-03-00";
  public static final String NEW_SNAPSHOT = "rds:production-2026-11-20-03-00";

  public final MutableClock clock = new MutableClock(START);
  public final WriteBudget budget = new WriteBudget();
  public final FakeRds rds = new FakeRds(clock::instant, budget);

  /** The client commands get: the fake itself, or a Mockito spy of it to capture exact requests. */
  public RdsClient rdsClient;

  public final FakeRoute53 route53 = new FakeRoute53(budget);
  public final Map<String, String> config = new LinkedHashMap<>();
  public final Map<String, String> variables = new HashMap<>();
  public final Path workDir;
  public String stdin = "";

  /**
   * Sees each line the command writes to stderr (its progress) as it is written, on the command's
   * thread: lets a test act at an exact point of a run (e.g. another run's set appearing just
   * then).
   */
  public volatile java.util.function.Consumer<String> onProgress = line -> {};

  /** False to run with no rdsecho.properties at all. */
  public boolean writeConfigFile = true;

  public boolean terminal;

  /** CloudWatch for rdsecho.retire.whenIdle (a Mockito mock in the tests that need one). */
  public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch;

  /** One command line's outcome. */
  public record Run(int exitCode, String out, String err) {}

  public Harness(Path workDir) {
    this.workDir = workDir;
    variables.put("RDS_ECHO_LOCK_DIR", workDir.resolve(".locks").toString());
    config.put("rdsecho.name", NAME);
    config.put("rdsecho.region", "us-east-1");
    config.put("rdsecho.snapshot.dbInstanceIdentifier", "production");
    config.put("rdsecho.new.dbInstanceClass", "db.t3.medium");
    config.put("rdsecho.mod.dbParameterGroupName", "dev-mysql80");
    config.put("rdsecho.mod.backupRetentionPeriod", "0");
    config.put("rdsecho.promote.cname", CNAME);
    config.put("rdsecho.promote.ttl", "60");
  }

  /**
   * The usual night: production with two snapshots, the clone of the older one promoted behind the
   * CNAME, plus an unmanaged instance and another echo name's instance that must never be touched.
   */
  public Harness usualNight() {
    rds.addInstance("production", "available", START.minus(Duration.ofDays(400)));
    rds.addSnapshot(
        OLD_SNAPSHOT, "production", "automated", "available", START.minus(Duration.ofDays(2)));
    rds.addSnapshot(
        NEW_SNAPSHOT, "production", "automated", "available", START.minus(Duration.ofDays(1)));
    FakeRds.Instance old =
        rds.addInstance(
            oldCloneId(), "available", START.minus(Duration.ofDays(1)).plusSeconds(3600));
    old.tags.put("rdsecho:development:managed", "true");
    old.tags.put("rdsecho:development:stage", "promoted");
    old.tags.put("rdsecho:development:snapshot", OLD_SNAPSHOT);
    FakeRds.Instance theirs =
        rds.addInstance("someone-elses-db", "available", START.minus(Duration.ofDays(30)));
    theirs.tags.put("team", "payments");
    FakeRds.Instance staging =
        rds.addInstance(
            "staging-20261101-0300-abcdef", "available", START.minus(Duration.ofDays(20)));
    staging.tags.put("rdsecho:staging:managed", "true");
    staging.tags.put("rdsecho:staging:stage", "forgotten");
    route53.addZone("ZCOUK", "co.uk.", false);
    route53.addZone(ZONE, "example.co.uk.", false);
    route53.putCname(ZONE, CNAME, old.endpoint());
    return this;
  }

  public static final String CLUSTER = "production-cluster";
  public static final String OLD_CLUSTER_SNAPSHOT = "rds:production-cluster-2026-11-19-03-00";
  public static final String NEW_CLUSTER_SNAPSHOT = "rds:production-cluster-2026-11-20-03-00";

  /**
   * The usual night of an Aurora echo (§12): the production cluster with its writer and two
   * automated cluster snapshots, the clone cluster of the older one promoted behind the CNAME,
   * another echo name's cluster, and a cluster of someone else's.
   */
  public Harness auroraNight() {
    config.remove("rdsecho.snapshot.dbInstanceIdentifier");
    config.put("rdsecho.snapshot.dbClusterIdentifier", CLUSTER);
    config.put("rdsecho.new.dbInstanceClass", "db.r6g.large");
    config.put("rdsecho.mod.dbClusterParameterGroupName", "dev-aurora-mysql80");
    FakeRds.Cluster production =
        rds.addCluster(CLUSTER, "available", START.minus(Duration.ofDays(400)));
    production.earliestRestorable = START.minus(Duration.ofDays(7));
    production.latestRestorable = START.minus(Duration.ofMinutes(5));
    rds.addClusterInstance(
        CLUSTER, CLUSTER + "-instance-1", "available", START.minus(Duration.ofDays(400)));
    rds.addClusterSnapshot(
        OLD_CLUSTER_SNAPSHOT,
        CLUSTER,
        "automated",
        "available",
        START.minus(Duration.ofDays(2)),
        Map.of());
    rds.addClusterSnapshot(
        NEW_CLUSTER_SNAPSHOT,
        CLUSTER,
        "automated",
        "available",
        START.minus(Duration.ofDays(1)),
        Map.of());
    String oldId = clusterCloneId(OLD_CLUSTER_SNAPSHOT, START.minus(Duration.ofDays(2)));
    FakeRds.Cluster old =
        rds.addCluster(oldId, "available", START.minus(Duration.ofDays(1)).plusSeconds(3600));
    old.copyTagsToSnapshot = true;
    old.tags.put("rdsecho:development:managed", "true");
    old.tags.put("rdsecho:development:stage", "promoted");
    old.tags.put("rdsecho:development:snapshot", OLD_CLUSTER_SNAPSHOT);
    FakeRds.Instance oldWriter =
        rds.addClusterInstance(oldId, oldId + "-1", "available", old.createdAt);
    oldWriter.tags.putAll(old.tags);
    FakeRds.Cluster theirs =
        rds.addCluster("payments-analytics", "available", START.minus(Duration.ofDays(30)));
    theirs.tags.put("team", "payments");
    rds.addClusterInstance(
        "payments-analytics",
        "payments-analytics-1",
        "available",
        START.minus(Duration.ofDays(30)));
    FakeRds.Cluster staging =
        rds.addCluster(
            "staging-20261101-0300-abcdef", "available", START.minus(Duration.ofDays(20)));
    staging.tags.put("rdsecho:staging:managed", "true");
    staging.tags.put("rdsecho:staging:stage", "forgotten");
    route53.addZone("ZCOUK", "co.uk.", false);
    route53.addZone(ZONE, "example.co.uk.", false);
    route53.putCname(ZONE, CNAME, old.endpoint());
    return this;
  }

  public static String clusterCloneId(String snapshotId, Instant createdAt) {
    return InstanceNames.forSnapshot(
        NAME, new SnapshotInfo(snapshotId, CLUSTER, "automated", "available", createdAt));
  }

  /**
   * The usual night with the new clone at {@code stage}, its data plane pointed at a private
   * MariaDB: dumps of {@code database} go to {@code dumps/{name}/{date}} under the work dir.
   */
  public Harness cloneServedBy(PrivateMariaDb db, String database, String stage) {
    return cloneServedAt(db.port(), database, stage);
  }

  /** As {@link #cloneServedBy}, for a server known only by its port (in another process). */
  public Harness cloneServedAt(int port, String database, String stage) {
    usualNight();
    addNewClone(stage, "available");
    config.put("rdsecho.export.host", "127.0.0.1");
    config.put("rdsecho.export.port", String.valueOf(port));
    config.put("rdsecho.export.user", PrivateMariaDb.USER);
    config.put("rdsecho.export.passwordEnv", "DB_PASSWORD");
    if (database != null) {
      config.put("rdsecho.export.databases", database);
    }
    config.put("rdsecho.export.dir", "dumps/{name}/{date}");
    // the same output on any machine: auto would choose by the cores (tests of streams set it)
    config.put("rdsecho.export.streams", "1");
    variables.put("DB_PASSWORD", PrivateMariaDb.PASSWORD);
    return this;
  }

  /** Tonight's clone of the newest snapshot, managed, in {@code stage} and RDS {@code status}. */
  public FakeRds.Instance addNewClone(String stage, String status) {
    FakeRds.Instance clone = rds.addInstance(newCloneId(), status, START.minusSeconds(600));
    clone.tags.put("rdsecho:" + NAME + ":managed", "true");
    clone.tags.put("rdsecho:" + NAME + ":stage", stage);
    clone.tags.put("rdsecho:" + NAME + ":snapshot", NEW_SNAPSHOT);
    return clone;
  }

  /** Where {@link #cloneServedBy} dumps go tonight. */
  public Path dumpDir() {
    return workDir.resolve("dumps/" + NAME + "/2026-11-21");
  }

  public String newCloneStage() {
    return rds.instance(newCloneId()).tags.get("rdsecho:" + NAME + ":stage");
  }

  public static String cloneId(String snapshotId, Instant createdAt) {
    return InstanceNames.forSnapshot(
        NAME, new SnapshotInfo(snapshotId, "production", "automated", "available", createdAt));
  }

  public static String oldCloneId() {
    return cloneId(OLD_SNAPSHOT, START.minus(Duration.ofDays(2)));
  }

  public static String newCloneId() {
    return cloneId(NEW_SNAPSHOT, START.minus(Duration.ofDays(1)));
  }

  /**
   * Runs a night's commands with --yes, letting RDS settle after each; a command that crashed (the
   * write budget) or was not ready is run again, as cron would next time. A retire that finds
   * nothing left (its clone was deleted before the crash) counts as done.
   */
  public void runNight(java.util.List<String> commands) {
    for (String command : commands) {
      for (int attempt = 0; ; attempt++) {
        Run run = run(command, "--yes");
        rds.settle();
        boolean deletedBeforeTheCrash =
            attempt > 0 && command.equals("retire") && run.exitCode() == 3;
        if (run.exitCode() == 0 || deletedBeforeTheCrash) {
          break;
        }
        boolean crashed =
            run.out().contains("simulated crash") || run.err().contains("simulated crash");
        if (attempt >= 3 || !(crashed || run.exitCode() == 75)) {
          throw new AssertionError(
              command + " did not converge (attempt " + attempt + "): " + run.out() + run.err());
        }
      }
    }
    rds.settle();
  }

  public Run run(String... args) {
    if (writeConfigFile) {
      writeConfig();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SdkClients aws =
        new SdkClients() {
          @Override
          public RdsClient rds(ClientSettings settings) {
            return rdsClient != null ? rdsClient : rds;
          }

          @Override
          public Route53Client route53(ClientSettings settings) {
            return route53;
          }

          @Override
          public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch(
              ClientSettings settings) {
            if (cloudWatch == null) {
              throw new AssertionError(
                  "this test gave the harness no CloudWatch client, but the run asked for one");
            }
            return cloudWatch;
          }
        };
    Properties system = new Properties();
    system.setProperty("user.name", "tester");
    Environment env =
        new Environment(
            Map.copyOf(variables),
            system,
            workDir,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(linesTo(err), true, StandardCharsets.UTF_8),
            terminal,
            clock,
            d -> clock.advance(d),
            aws);
    int code = new RdsEcho(env).run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Copies to {@code err}, handing each complete line to {@link #onProgress}. */
  private java.io.OutputStream linesTo(ByteArrayOutputStream err) {
    return new java.io.OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        err.write(b);
        if (b == '\n') {
          onProgress.accept(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b);
        }
      }
    };
  }

  private void writeConfig() {
    StringBuilder text = new StringBuilder();
    config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      Files.writeString(workDir.resolve("rdsecho.properties"), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public EchoConfig parsedConfig() {
    return EchoConfig.from(RawConfig.of(config));
  }

  /** Everything observable about the world, for comparing two histories. */
  public Map<String, Object> snapshotOfWorld() {
    Map<String, Object> world = new TreeMap<>();
    rds.instances()
        .forEach(
            (id, i) ->
                world.put(
                    "instance " + id,
                    i.status
                        + " "
                        + new TreeMap<>(i.tags)
                        + " params="
                        + i.parameterGroups
                        + " backup="
                        + i.backupRetention));
    rds.snapshots().keySet().forEach(id -> world.put("snapshot " + id, "exists"));
    rds.clusters()
        .forEach(
            (id, c) ->
                world.put(
                    "cluster " + id,
                    c.status
                        + " "
                        + new TreeMap<>(c.tags)
                        + " params="
                        + c.parameterGroup
                        + "/"
                        + c.parameterGroupStatus
                        + " backup="
                        + c.backupRetention));
    rds.clusterSnapshots()
        .forEach((id, s) -> world.put("cluster snapshot " + id, new TreeMap<>(s.tags())));
    world.put("cname", route53.cname(ZONE, CNAME));
    return world;
  }
}

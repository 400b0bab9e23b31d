package org.rdsecho.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.rdsecho.aws.ActionExecutor;
import org.rdsecho.aws.Adapters;
import org.rdsecho.aws.ClientSettings;
import org.rdsecho.aws.RdsClusters;
import org.rdsecho.aws.RdsInstances;
import org.rdsecho.aws.Route53Records;
import org.rdsecho.aws.SnapshotStore;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.lock.RunLock;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.PlannedState;

/**
 * One run's configuration, options and environment, with the AWS adapters built on first use (so
 * {@code sample-props} or a configuration error never touches AWS).
 */
public final class Context {
  private final EchoConfig config;
  private final GlobalOptions options;
  private final Environment env;
  private final Console console;
  private Adapters aws;
  private boolean holdsRunLock;

  /**
   * What this run created so far: one clone, one snapshot, one copy at most (§15), however many
   * steps apply.
   */
  private final org.rdsecho.stage.RunBudget budget = new org.rdsecho.stage.RunBudget();

  /**
   * When the command's --timeout runs out: measured once, from its start, for every wait it
   * contains.
   */
  private final Instant deadline;

  Context(EchoConfig config, GlobalOptions options, Environment env, Console console) {
    this.config = config;
    this.options = options;
    this.env = env;
    this.console = console;
    this.deadline = env.clock().instant().plus(options.timeout());
  }

  /** The one deadline of this command's waits (§15 "Deadlines are for the whole command"). */
  public Instant deadline() {
    return deadline;
  }

  public EchoConfig config() {
    return config;
  }

  public GlobalOptions options() {
    return options;
  }

  public Environment env() {
    return env;
  }

  public Console console() {
    return console;
  }

  public PrintStream out() {
    return env.out();
  }

  public Instant now() {
    return env.clock().instant();
  }

  public String name() {
    return config.requireName();
  }

  public EchoTags tags() {
    return new EchoTags(name());
  }

  String requireCnameForDns() {
    return config.requireCname();
  }

  /** Prompts are off with --yes or rdsecho.interactive=false. */
  public boolean interactive() {
    return config.interactive() && !options.yes();
  }

  ClientSettings awsSettings() {
    String region = options.region != null ? options.region : config.region();
    return new ClientSettings(region, options.profile, options.endpointUrl, env.variables());
  }

  private Adapters aws() {
    if (aws == null) {
      aws = new Adapters(env.aws(), awsSettings());
    }
    return aws;
  }

  public RdsInstances instances() {
    return aws().instances();
  }

  /**
   * The snapshots of the source's kind (DB snapshots, or DB cluster snapshots for an Aurora echo),
   * as the writes planned so far would leave them.
   */
  public SnapshotStore snapshots() {
    return new PlannedSnapshots(snapshotStore(), planned, this::observedClone);
  }

  private SnapshotStore snapshotStore() {
    return aurora() ? aws().clusterSnapshots() : aws().snapshots();
  }

  /**
   * What this run's dry run planned so far: every observation is seen as those writes would leave
   * it, so each step of {@code advance --dry-run} is planned on what the earlier ones would leave
   * (§17). Nothing planned in a run that writes: it observes what its writes did.
   */
  private PlannedState planned = PlannedState.NONE;

  /**
   * A dry run's decision: the next observations see the cloud as these writes would leave it, and
   * with {@code waited} (--wait) as it is once the work they start is done, as the real run waits.
   */
  void planned(java.util.List<org.rdsecho.stage.Action> actions, boolean waited) {
    planned = waited ? planned.after(actions).settled() : planned.after(actions);
  }

  /** The CNAME's target as the writes planned so far would leave it. */
  String plannedTarget(String observed) {
    return planned.cnameTarget(observed);
  }

  public org.rdsecho.aws.S3Objects s3() {
    return aws().s3();
  }

  public RdsClusters clusters() {
    return aws().clusters();
  }

  /** Whether this echo's source and clones are Aurora clusters (§12). */
  public boolean aurora() {
    return config.snapshot().aurora();
  }

  /** A clone (or any instance, or for an Aurora echo any cluster) by id, looked up now. */
  public java.util.Optional<org.rdsecho.stage.EchoInstance> findClone(String id) {
    return planned.instance(id, observedClone(id));
  }

  private java.util.Optional<org.rdsecho.stage.EchoInstance> observedClone(String id) {
    return aurora() ? clusters().find(id) : instances().find(id);
  }

  /** The source's restorable window, for point-in-time and copy-on-write restores. */
  public java.util.Optional<org.rdsecho.stage.RestoreWindow> restoreWindow() {
    String source = config.snapshot().source();
    return aurora() ? clusters().restoreWindow(source) : instances().restoreWindow(source);
  }

  public String region() {
    return aws().region();
  }

  /** CloudWatch's view of a clone's connections (rdsecho.retire.whenIdle). */
  public org.rdsecho.aws.ConnectionMetrics connections() {
    return aws().connections();
  }

  public Route53Records records() {
    return aws().records();
  }

  /**
   * One DescribeDBInstances listing (and for an Aurora echo one DescribeDBClusters listing), seen
   * through this name's tags.
   */
  public EchoFleet fleet() {
    var listed = aurora() ? clusters().list() : instances().list();
    return new EchoFleet(ownership(), planned.instances(listed));
  }

  /**
   * The one model of what is this echo's (§15): every command and planner asks it, nothing else.
   */
  public org.rdsecho.stage.Ownership ownership() {
    return new org.rdsecho.stage.Ownership(tags(), sourceIds(), config.retire());
  }

  /**
   * Whether this run already holds the echo's run lock ({@code advance} takes it once for all
   * steps).
   */
  boolean holdsRunLock() {
    return holdsRunLock;
  }

  void holdingRunLock(boolean held) {
    holdsRunLock = held;
  }

  /** Where this user's run locks live (RDS_ECHO_LOCK_DIR, else under the temp directory). */
  Path lockDirectory() {
    return RunLock.directory(
        env.variables().get("RDS_ECHO_LOCK_DIR"),
        env.systemProperties().getProperty("java.io.tmpdir", System.getProperty("java.io.tmpdir")),
        System.getProperty("user.name", "unknown"));
  }

  /** The instances rds-echo only ever reads, whatever their tags say. */
  Set<String> sourceIds() {
    String source = config.snapshot().source();
    return source == null ? Set.of() : Set.of(source);
  }

  public ActionExecutor executor() {
    return new ActionExecutor(
        instances(),
        clusters(),
        snapshotStore(),
        records(),
        ownership(),
        env.variables(),
        sourceIds(),
        console::progress,
        budget);
  }
}

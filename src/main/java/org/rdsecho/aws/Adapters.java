package org.rdsecho.aws;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/** The adapters of one run, each SDK client built once and only when first needed. */
public final class Adapters {
  private final SdkClients clients;
  private final ClientSettings settings;
  private RdsClient rds;
  private Route53Client route53;
  private RdsInstances instances;
  private RdsSnapshots snapshots;
  private RdsClusters clusters;
  private RdsClusterSnapshots clusterSnapshots;
  private Route53Records records;

  public Adapters(SdkClients clients, ClientSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  private RdsClient rds() {
    if (rds == null) {
      rds = clients.rds(settings);
    }
    return rds;
  }

  public RdsInstances instances() {
    if (instances == null) {
      instances = new RdsInstances(rds());
    }
    return instances;
  }

  public RdsSnapshots snapshots() {
    if (snapshots == null) {
      snapshots = new RdsSnapshots(rds());
    }
    return snapshots;
  }

  private S3Objects s3;

  public S3Objects s3() {
    if (s3 == null) {
      // RDS_ECHO_S3_PART_BYTES: smaller parts, for tests of interrupted multipart uploads
      String part = settings.variable("RDS_ECHO_S3_PART_BYTES");
      s3 =
          new S3Objects(
              clients.s3(settings), part == null ? S3Objects.PART : Long.parseLong(part.strip()));
    }
    return s3;
  }

  public RdsClusters clusters() {
    if (clusters == null) {
      clusters = new RdsClusters(rds(), instances());
    }
    return clusters;
  }

  public RdsClusterSnapshots clusterSnapshots() {
    if (clusterSnapshots == null) {
      clusterSnapshots = new RdsClusterSnapshots(rds());
    }
    return clusterSnapshots;
  }

  /**
   * The region the RDS client really talks to, as the SDK resolved it (flag, config, profile, env).
   */
  public String region() {
    try {
      return rds().serviceClientConfiguration().region().id();
    } catch (RuntimeException e) {
      return settings.region() == null ? "unknown" : settings.region();
    }
  }

  private ConnectionMetrics connections;

  /** CloudWatch's DatabaseConnections of clones (rdsecho.retire.whenIdle). */
  public ConnectionMetrics connections() {
    if (connections == null) {
      connections = new ConnectionMetrics(clients.cloudWatch(settings));
    }
    return connections;
  }

  public Route53Records records() {
    if (records == null) {
      if (route53 == null) {
        route53 = clients.route53(settings);
      }
      records = new Route53Records(route53);
    }
    return records;
  }
}

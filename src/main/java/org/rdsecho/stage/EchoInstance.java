package org.rdsecho.stage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rdsecho.config.DnsNames;

/**
 * A clone as the stage logic sees it: an RDS instance, or an Aurora cluster with its instances
 * (§12), with its tags. A cluster is one clone: its tags are the state, its endpoint is the
 * cluster's writer endpoint, and its status is the cluster's, or once the cluster is available its
 * writer's (so "available" means both are).
 *
 * @param endpoint null until RDS has assigned one
 * @param port null until RDS has assigned one
 * @param createdAt null while the instance is being created
 * @param members a cluster's instances, the writer first; empty for an instance
 * @param otherEndpoints every other name RDS gives the same servers (a cluster's reader and custom
 *     endpoints and its instances' endpoints); empty for an instance
 */
public record EchoInstance(
    String id,
    String arn,
    String status,
    String endpoint,
    Integer port,
    Instant createdAt,
    Map<String, String> tags,
    InstanceSettings settings,
    Kind kind,
    List<Member> members,
    List<String> otherEndpoints) {

  /** What RDS resource the clone is. */
  public enum Kind {
    INSTANCE,
    CLUSTER;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One instance of a cluster. */
  public record Member(String id, String arn, String status, boolean writer) {}

  /**
   * The status of a cluster whose writer instance does not exist (yet): {@code new} creates it.
   * Neither busy nor failed, so every other step says "not ready" and names the fix.
   */
  public static final String WRITER_MISSING = "writer-missing";

  /**
   * {@link #WRITER_MISSING} while RDS is still creating (or backing up) the cluster: {@code new}
   * creates the writer at once, as the uninterrupted run does, but the cluster is busy for
   * everything else (RDS refuses to delete it, say).
   */
  public static final String WRITER_MISSING_CLUSTER_BUSY = "writer-missing-cluster-busy";

  /** Newest first; an instance still being created (no time yet) counts as the newest. */
  public static final Comparator<EchoInstance> NEWEST_FIRST =
      Comparator.comparing(
              (EchoInstance i) -> Optional.ofNullable(i.createdAt()).orElse(Instant.MAX))
          .reversed()
          .thenComparing(EchoInstance::id, Comparator.reverseOrder());

  public EchoInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    tags = Map.copyOf(tags);
    settings = settings == null ? InstanceSettings.NONE : settings;
    kind = kind == null ? Kind.INSTANCE : kind;
    members = members == null ? List.of() : List.copyOf(members);
    otherEndpoints = otherEndpoints == null ? List.of() : List.copyOf(otherEndpoints);
  }

  public EchoInstance(
      String id,
      String arn,
      String status,
      String endpoint,
      Integer port,
      Instant createdAt,
      Map<String, String> tags,
      InstanceSettings settings,
      Kind kind,
      List<Member> members) {
    this(id, arn, status, endpoint, port, createdAt, tags, settings, kind, members, List.of());
  }

  /**
   * Every name RDS gives this clone's servers: its endpoint first, then the others (§16: never the
   * scratch server).
   */
  public List<String> endpoints() {
    List<String> all = new java.util.ArrayList<>();
    if (endpoint != null) {
      all.add(endpoint);
    }
    all.addAll(otherEndpoints);
    return all;
  }

  /** How a DNS name (the CNAME's target, say) names a clone. */
  public enum Naming {
    /** One of the endpoints RDS reports for it: the name reaches its servers. */
    ENDPOINT,
    /**
     * None of its endpoints, but the name's first label is its identifier or one of its instances'
     * (as every RDS endpoint's is): another domain or region, or the real endpoint of a server RDS
     * reports none for (a failed one). Nothing here tells which.
     */
    LOOKALIKE,
    NONE
  }

  /**
   * The one rule for which clone a name names (promote, rollback, status, retire, forget and new
   * all ask it): see {@link Naming}.
   */
  public Naming naming(String dnsName) {
    if (dnsName == null) {
      return Naming.NONE;
    }
    if (endpoints().stream().anyMatch(e -> DnsNames.same(e, dnsName))) {
      return Naming.ENDPOINT;
    }
    String host = DnsNames.absolute(dnsName);
    String label = host.substring(0, Math.max(0, host.indexOf('.')));
    boolean lookalike =
        label.equalsIgnoreCase(id)
            || members.stream().anyMatch(m -> label.equalsIgnoreCase(m.id()));
    return lookalike ? Naming.LOOKALIKE : Naming.NONE;
  }

  /** Whether the name is one of its endpoints: the CNAME serves this clone, and is ours to move. */
  public boolean isNamedBy(String dnsName) {
    return naming(dnsName) == Naming.ENDPOINT;
  }

  /**
   * Whether the name may reach this clone (an endpoint or a look-alike): a clone the CNAME may
   * still serve is never given up or deleted; a look-alike only keeps it longer.
   */
  public boolean mayBeNamedBy(String dnsName) {
    return naming(dnsName) != Naming.NONE;
  }

  /**
   * The first of the names the CNAME's name sends to (its plain target, the targets of its routed
   * CNAMEs) that may reach this clone, one of its endpoints before a look-alike, or empty when none
   * may: {@link #mayBeNamedBy} for each.
   */
  public Optional<String> mayBeNamedByAny(List<String> dnsNames) {
    return dnsNames.stream()
        .filter(this::isNamedBy)
        .findFirst()
        .or(() -> dnsNames.stream().filter(this::mayBeNamedBy).findFirst());
  }

  /** An RDS instance (not a cluster). */
  public EchoInstance(
      String id,
      String arn,
      String status,
      String endpoint,
      Integer port,
      Instant createdAt,
      Map<String, String> tags,
      InstanceSettings settings) {
    this(id, arn, status, endpoint, port, createdAt, tags, settings, Kind.INSTANCE, List.of());
  }

  public boolean isCluster() {
    return kind == Kind.CLUSTER;
  }

  /** A cluster's writer instance; empty for an instance, or a cluster without one. */
  public Optional<Member> writer() {
    return members.stream()
        .filter(Member::writer)
        .findFirst()
        .or(() -> members.stream().findFirst());
  }

  /**
   * The RDS instance that reboots and instance-level settings apply to: itself, or a cluster's
   * writer.
   */
  public String instanceId() {
    return isCluster() ? writer().map(Member::id).orElse(null) : id;
  }

  /** A cluster without its writer instance, which {@code new} creates. */
  public boolean isWriterMissing() {
    return WRITER_MISSING.equals(status) || WRITER_MISSING_CLUSTER_BUSY.equals(status);
  }

  public boolean isAvailable() {
    return "available".equals(status);
  }

  public boolean isBusy() {
    return RdsStatus.BUSY.contains(status);
  }

  public boolean isFailed() {
    return RdsStatus.FAILED.contains(status);
  }

  public boolean isDeleting() {
    return "deleting".equals(status);
  }

  public Optional<String> tag(String key) {
    return Optional.ofNullable(tags.get(key));
  }
}

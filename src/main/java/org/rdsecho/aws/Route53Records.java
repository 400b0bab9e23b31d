package org.rdsecho.aws;

import java.util.ArrayList;
import java.util.List;
import org.rdsecho.config.DnsNames;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DnsView;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The CNAME that names the promoted clone, and the hosted zone it lives in. */
public final class Route53Records {
  /** Record sets asked for a page: the name's own, and rarely more than a few of them. */
  private static final String PAGE = "10";

  private final Route53Client route53;

  public Route53Records(Route53Client route53) {
    this.route53 = route53;
  }

  /** A hosted zone, its id without the {@code /hostedzone/} prefix. */
  public record Zone(String id, String name, boolean isPrivate) {}

  /**
   * The zone for {@code cname}: the configured id, or the zone whose name is the longest
   * whole-label suffix of it ({@code dev.example.co.uk.} finds {@code example.co.uk.}, never {@code
   * co.uk.} when both exist, nor {@code ample.co.uk.}).
   */
  public String zoneFor(String cname, String configuredZoneId) {
    if (configuredZoneId != null) {
      return bareId(configuredZoneId);
    }
    Zone best = ZoneMatch.longestSuffix(cname, listZones());
    return best.id();
  }

  /** Every hosted zone, every page, through the SDK's paginator. */
  List<Zone> listZones() {
    List<Zone> zones = new ArrayList<>();
    // the paginator asks lazily while iterating: the whole walk is the call that may fail
    AwsErrors.call(
        "route53:ListHostedZones",
        () -> {
          for (HostedZone z : route53.listHostedZonesPaginator().hostedZones()) {
            boolean isPrivate = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
            zones.add(new Zone(bareId(z.id()), DnsNames.absolute(z.name()), isPrivate));
          }
          return null;
        });
    return zones;
  }

  /**
   * The record sets at the CNAME's name: where its plain CNAME points, and what else holds the name
   * (an A or AAAA record, an alias, a CNAME with a routing policy, the apex's NS and SOA). Usually
   * one call: the listing starts at the name and stops at the first record of another name.
   */
  public DnsView atName(String zoneId, String cname) {
    String name = DnsNames.absolute(cname);
    List<ResourceRecordSet> sets;
    try {
      // the paginator asks lazily while the stream is read: the walk is the call that may fail
      sets =
          AwsErrors.call(
              "route53:ListResourceRecordSets",
              () ->
                  route53
                      .listResourceRecordSetsPaginator(
                          r -> r.hostedZoneId(zoneId).startRecordName(name).maxItems(PAGE))
                      .resourceRecordSets()
                      .stream()
                      .takeWhile(s -> DnsNames.same(decode(s.name()), name))
                      .toList());
    } catch (EchoException e) {
      throw zoneMissing(zoneId, e);
    }
    String target = null;
    List<String> sharing = new ArrayList<>();
    List<String> routed = new ArrayList<>();
    for (ResourceRecordSet set : sets) {
      boolean plainCname =
          set.type() == RRType.CNAME
              && set.setIdentifier() == null
              && set.aliasTarget() == null
              && !set.resourceRecords().isEmpty();
      if (plainCname && target == null) {
        target = set.resourceRecords().get(0).value();
      } else {
        sharing.add(described(set));
        if (set.type() == RRType.CNAME) {
          // a weighted or failover CNAME still sends clients to its target: retire keeps that clone
          set.resourceRecords().forEach(r -> routed.add(r.value()));
        }
      }
    }
    return new DnsView(zoneId, target, sharing, routed);
  }

  /**
   * A record set by its kind alone: its values are someone else's data, not rds-echo's to print.
   */
  private static String described(ResourceRecordSet set) {
    String kind = set.typeAsString();
    if (set.aliasTarget() != null) {
      kind += " alias";
    }
    if (set.setIdentifier() != null) {
      kind += " with a routing policy";
    }
    return kind;
  }

  /** UPSERTs the CNAME; returns the change id to wait on. */
  public String pointCname(String zoneId, String cname, String target, long ttl) {
    ResourceRecordSet record =
        ResourceRecordSet.builder()
            .name(DnsNames.absolute(cname))
            .type(RRType.CNAME)
            .ttl(ttl)
            .resourceRecords(ResourceRecord.builder().value(target).build())
            .build();
    Change change = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(record).build();
    try {
      ChangeResourceRecordSetsResponse response =
          AwsErrors.call(
              "route53:ChangeResourceRecordSets",
              () ->
                  route53.changeResourceRecordSets(
                      r ->
                          r.hostedZoneId(zoneId)
                              .changeBatch(b -> b.comment("rds-echo promote").changes(change))));
      return response.changeInfo().id();
    } catch (EchoException e) {
      throw zoneMissing(zoneId, e);
    }
  }

  public boolean isInSync(String changeId) {
    return AwsErrors.call("route53:GetChange", () -> route53.getChange(r -> r.id(changeId)))
            .changeInfo()
            .status()
        == ChangeStatus.INSYNC;
  }

  private static EchoException zoneMissing(String zoneId, EchoException e) {
    if (e.getCause() instanceof NoSuchHostedZoneException) {
      return new EchoException(
          Outcome.FAILED,
          "Route53 has no hosted zone "
              + zoneId
              + ": check rdsecho.promote.hostedZoneId, or"
              + " remove it to find the zone from the CNAME",
          e.getCause());
    }
    return e;
  }

  static String bareId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** Route53 returns some characters of names in octal escapes ({@code \052} for '*'). */
  private static String decode(String name) {
    return name.replace("\\052", "*");
  }
}

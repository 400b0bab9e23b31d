package org.rdsecho.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * An in-memory stand-in for the Route53 calls rds-echo makes: zones listed one per page (so every
 * listing paginates), record sets in name order, UPSERT, and changes that become INSYNC on the
 * second look.
 */
public final class FakeRoute53 implements Route53Client {
  /** A CNAME's value and TTL. */
  public record Cname(String target, long ttl) {}

  private record Zone(String id, String name, boolean isPrivate) {}

  private final WriteBudget budget;
  private final List<Zone> zones = new ArrayList<>();
  private final Map<String, TreeMap<String, Cname>> records = new LinkedHashMap<>();
  private final Map<String, TreeMap<String, List<ResourceRecordSet>>> others =
      new LinkedHashMap<>();
  private final Map<String, Integer> changeLooks = new LinkedHashMap<>();

  /** Each change's comment, as GetChange shows it. */
  private final Map<String, String> changeComments = new LinkedHashMap<>();

  private final List<String> writeLog = new ArrayList<>();
  private int changes;

  public FakeRoute53(WriteBudget budget) {
    this.budget = budget;
  }

  public void addZone(String id, String name, boolean isPrivate) {
    zones.add(new Zone(id, name, isPrivate));
    records.put(id, new TreeMap<>());
  }

  public void putCname(String zoneId, String name, String target) {
    records.get(zoneId).put(name, new Cname(target, 300));
  }

  /**
   * Puts a record set of another kind at {@code name} (an A record, an alias, a CNAME with a
   * routing policy), which a CNAME cannot share its name with.
   */
  public void putOther(String zoneId, ResourceRecordSet set) {
    others
        .computeIfAbsent(zoneId, z -> new TreeMap<>())
        .computeIfAbsent(set.name(), n -> new ArrayList<>())
        .add(set);
  }

  /** Removes the record sets of other kinds at {@code name}, as an operator would by hand. */
  public void removeOthers(String zoneId, String name) {
    others.getOrDefault(zoneId, new TreeMap<>()).remove(name);
  }

  /** Removes the CNAME at {@code name}, as an operator would by hand. */
  public void removeCname(String zoneId, String name) {
    records.get(zoneId).remove(name);
  }

  public Cname cname(String zoneId, String name) {
    return records.get(zoneId).get(name);
  }

  public List<String> writeLog() {
    return writeLog;
  }

  @Override
  public String serviceName() {
    return "route53";
  }

  @Override
  public void close() {}

  @Override
  public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest request) {
    Modelled.only("FakeRoute53", request, "marker");
    calls.add(AwsCall.of("route53:ListHostedZones", "*"));
    int start = request.marker() == null ? 0 : Integer.parseInt(request.marker());
    List<HostedZone> page =
        zones.subList(start, Math.min(zones.size(), start + 1)).stream()
            .map(
                z ->
                    HostedZone.builder()
                        .id("/hostedzone/" + z.id())
                        .name(z.name())
                        .config(HostedZoneConfig.builder().privateZone(z.isPrivate()).build())
                        .build())
            .toList();
    boolean truncated = start + 1 < zones.size();
    return ListHostedZonesResponse.builder()
        .hostedZones(page)
        .isTruncated(truncated)
        .nextMarker(truncated ? String.valueOf(start + 1) : null)
        .build();
  }

  @Override
  public ListResourceRecordSetsResponse listResourceRecordSets(
      ListResourceRecordSetsRequest request) {
    Modelled.only(
        "FakeRoute53", request, "hostedZoneId", "maxItems", "startRecordName", "startRecordType");
    calls.add(
        AwsCall.of(
            "route53:ListResourceRecordSets",
            "arn:aws:route53:::hostedzone/" + bare(request.hostedZoneId())));
    NavigableMap<String, Cname> zone = zone(request.hostedZoneId());
    // every record set of the zone in Route53's order: by name, then by type
    List<ResourceRecordSet> all = new ArrayList<>();
    java.util.TreeSet<String> names = new java.util.TreeSet<>(zone.keySet());
    names.addAll(others.getOrDefault(request.hostedZoneId(), new TreeMap<>()).keySet());
    for (String name : names) {
      List<ResourceRecordSet> here =
          new ArrayList<>(
              others
                  .getOrDefault(request.hostedZoneId(), new TreeMap<>())
                  .getOrDefault(name, List.of()));
      Cname cname = zone.get(name);
      if (cname != null) {
        here.add(
            ResourceRecordSet.builder()
                .name(name)
                .type(RRType.CNAME)
                .ttl(cname.ttl())
                .resourceRecords(ResourceRecord.builder().value(cname.target()).build())
                .build());
      }
      here.sort(Comparator.comparing(ResourceRecordSet::typeAsString));
      all.addAll(here);
    }
    String startName = request.startRecordName() == null ? "" : request.startRecordName();
    String startType = request.startRecordTypeAsString();
    int from = 0;
    while (from < all.size() && before(all.get(from), startName, startType)) {
      from++;
    }
    int max = request.maxItems() == null ? 100 : Integer.parseInt(request.maxItems());
    int to = Math.min(all.size(), from + max);
    boolean truncated = to < all.size();
    ListResourceRecordSetsResponse.Builder page =
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(all.subList(from, to))
            .isTruncated(truncated)
            .maxItems(String.valueOf(max));
    if (truncated) {
      page.nextRecordName(all.get(to).name()).nextRecordType(all.get(to).type());
    }
    return page.build();
  }

  private static boolean before(ResourceRecordSet set, String name, String type) {
    int byName = set.name().compareTo(name);
    return byName < 0 || (byName == 0 && type != null && set.typeAsString().compareTo(type) < 0);
  }

  @Override
  public ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest request) {
    Modelled.only("FakeRoute53", request, "changeBatch", "hostedZoneId");
    Modelled.only("FakeRoute53", request.changeBatch(), "changes", "comment");
    for (Change change : request.changeBatch().changes()) {
      Modelled.only("FakeRoute53", change, "action", "resourceRecordSet");
      Modelled.only(
          "FakeRoute53", change.resourceRecordSet(), "name", "type", "ttl", "resourceRecords");
      change
          .resourceRecordSet()
          .resourceRecords()
          .forEach(r -> Modelled.only("FakeRoute53", r, "value"));
    }
    List<String> names =
        request.changeBatch().changes().stream()
            .map(c -> c.resourceRecordSet().name().toLowerCase(java.util.Locale.ROOT))
            .map(n -> n.endsWith(".") ? n.substring(0, n.length() - 1) : n)
            .toList();
    List<String> types =
        request.changeBatch().changes().stream()
            .map(c -> c.resourceRecordSet().typeAsString())
            .toList();
    calls.add(
        new AwsCall(
            "route53:ChangeResourceRecordSets",
            List.of(
                AwsCall.Resource.of(
                    "arn:aws:route53:::hostedzone/" + bare(request.hostedZoneId()))),
            Map.of(
                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                names,
                "route53:ChangeResourceRecordSetsRecordTypes",
                types)));
    NavigableMap<String, Cname> zone = zone(request.hostedZoneId());
    for (Change change : request.changeBatch().changes()) {
      ResourceRecordSet set = change.resourceRecordSet();
      if (change.action() != ChangeAction.UPSERT || set.type() != RRType.CNAME) {
        throw new IllegalArgumentException("the fake only knows CNAME UPSERTs");
      }
      List<ResourceRecordSet> sharing =
          others
              .getOrDefault(request.hostedZoneId(), new TreeMap<>())
              .getOrDefault(set.name(), List.of());
      if (!sharing.isEmpty()) {
        // as Route53 answers: a CNAME cannot share its name with any other record
        throw (InvalidChangeBatchException)
            FakeRds.error(
                InvalidChangeBatchException.builder(),
                "InvalidChangeBatch",
                400,
                "[RRSet of type CNAME with DNS name "
                    + set.name()
                    + " is not permitted because a conflicting RRSet of type "
                    + sharing.get(0).typeAsString()
                    + " with the same DNS name already exists in zone "
                    + bare(request.hostedZoneId())
                    + ".]");
      }
      zone.put(set.name(), new Cname(set.resourceRecords().get(0).value(), set.ttl()));
    }
    String id = "/change/C" + (++changes);
    changeLooks.put(id, 0);
    changeComments.put(id, request.changeBatch().comment());
    writeLog.add("ChangeResourceRecordSets " + request.hostedZoneId());
    budget.wrote();
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id(id)
                .comment(request.changeBatch().comment())
                .status(ChangeStatus.PENDING)
                .build())
        .build();
  }

  @Override
  public GetChangeResponse getChange(GetChangeRequest request) {
    Modelled.only("FakeRoute53", request, "id");
    calls.add(AwsCall.of("route53:GetChange", "arn:aws:route53:::change/" + bare(request.id())));
    int looks = changeLooks.merge(request.id(), 1, Integer::sum);
    return GetChangeResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id(request.id())
                .comment(changeComments.get(request.id()))
                .status(looks > 1 ? ChangeStatus.INSYNC : ChangeStatus.PENDING)
                .build())
        .build();
  }

  /** Every call as IAM would see it. */
  public final List<AwsCall> calls = new ArrayList<>();

  private static String bare(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private NavigableMap<String, Cname> zone(String id) {
    TreeMap<String, Cname> zone = records.get(id);
    if (zone == null) {
      throw (NoSuchHostedZoneException)
          FakeRds.error(
              NoSuchHostedZoneException.builder(),
              "NoSuchHostedZone",
              404,
              "No hosted zone found with ID: " + id);
    }
    return zone;
  }
}

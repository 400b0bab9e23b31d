package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.DnsView;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The exact Route53 requests, through Mockito on the real SDK interface. */
class Route53RecordsTest {
  private final Route53Client route53 = mock(Route53Client.class, Answers.CALLS_REAL_METHODS);
  private final Route53Records records = new Route53Records(route53);

  private static HostedZone zone(String id, String name, boolean isPrivate) {
    return HostedZone.builder()
        .id("/hostedzone/" + id)
        .name(name)
        .config(HostedZoneConfig.builder().privateZone(isPrivate).build())
        .build();
  }

  private void zonesInTwoPages(HostedZone... second) {
    doReturn(
            ListHostedZonesResponse.builder()
                .hostedZones(zone("ZCOUK", "co.uk.", false), zone("ZAMPLE", "ample.co.uk.", false))
                .isTruncated(true)
                .nextMarker("m2")
                .build())
        .doReturn(ListHostedZonesResponse.builder().hostedZones(second).isTruncated(false).build())
        .when(route53)
        .listHostedZones(any(ListHostedZonesRequest.class));
  }

  @Test
  void theZoneIsTheLongestWholeLabelSuffixAcrossPages() {
    zonesInTwoPages(zone("ZEXAMPLE", "example.co.uk.", false));
    assertEquals("ZEXAMPLE", records.zoneFor("DEV.example.co.uk", null));
    ArgumentCaptor<ListHostedZonesRequest> captor =
        ArgumentCaptor.forClass(ListHostedZonesRequest.class);
    verify(route53, times(2)).listHostedZones(captor.capture());
    assertEquals("m2", captor.getAllValues().get(1).marker());
  }

  @Test
  void twoZonesOfTheSameNameAskForTheId() {
    zonesInTwoPages(zone("ZPUB", "example.co.uk.", false), zone("ZPRIV", "example.co.uk.", true));
    EchoException e =
        assertThrows(EchoException.class, () -> records.zoneFor("dev.example.co.uk.", null));
    assertEquals(Outcome.USAGE, e.outcome());
    assertTrue(
        e.getMessage().contains("[ZPRIV private, ZPUB public]): set rdsecho.promote.hostedZoneId"),
        e.getMessage());
  }

  @Test
  void noMatchingZoneSaysWhichZonesWereSeen() {
    zonesInTwoPages();
    EchoException e =
        assertThrows(EchoException.class, () -> records.zoneFor("dev.example.com.", null));
    assertTrue(
        e.getMessage().startsWith("no Route53 hosted zone holds dev.example.com."), e.getMessage());
  }

  @Test
  void aConfiguredZoneIdIsUsedWithoutListingZones() {
    assertEquals("Z123", records.zoneFor("dev.example.com.", "/hostedzone/Z123"));
    verify(route53, never()).listHostedZones(any(ListHostedZonesRequest.class));
  }

  @Test
  void upsertSendsOneCnameChangeWithTheTtl() {
    doReturn(
            ChangeResourceRecordSetsResponse.builder()
                .changeInfo(
                    ChangeInfo.builder().id("/change/C1").status(ChangeStatus.PENDING).build())
                .build())
        .when(route53)
        .changeResourceRecordSets(any(ChangeResourceRecordSetsRequest.class));
    assertEquals(
        "/change/C1",
        records.pointCname("ZEXAMPLE", "dev.example.co.uk", "clone.rds.amazonaws.com", 60));
    ArgumentCaptor<ChangeResourceRecordSetsRequest> captor =
        ArgumentCaptor.forClass(ChangeResourceRecordSetsRequest.class);
    verify(route53).changeResourceRecordSets(captor.capture());
    assertEquals("ZEXAMPLE", captor.getValue().hostedZoneId());
    List<Change> changes = captor.getValue().changeBatch().changes();
    assertEquals(1, changes.size());
    assertEquals(ChangeAction.UPSERT, changes.get(0).action());
    ResourceRecordSet set = changes.get(0).resourceRecordSet();
    assertEquals("dev.example.co.uk.", set.name());
    assertEquals(RRType.CNAME, set.type());
    assertEquals(60L, set.ttl());
    assertEquals(
        List.of("clone.rds.amazonaws.com"),
        set.resourceRecords().stream().map(ResourceRecord::value).toList());
  }

  @Test
  void atNameIgnoresTheNextRecordWhenTheCnameIsMissing() {
    doReturn(
            ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(
                    ResourceRecordSet.builder()
                        .name("zzz.example.co.uk.")
                        .type(RRType.CNAME)
                        .resourceRecords(ResourceRecord.builder().value("other").build())
                        .build())
                .build())
        .when(route53)
        .listResourceRecordSets(any(ListResourceRecordSetsRequest.class));
    DnsView view = records.atName("ZEXAMPLE", "dev.example.co.uk.");
    assertEquals(null, view.currentTarget());
    assertEquals(List.of(), view.sharing());
  }

  @Test
  void atNameAsksFromTheNameOfEveryTypeAndSaysWhatElseHoldsTheName() {
    doReturn(
            ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(
                    set("dev.example.co.uk.", RRType.A)
                        .aliasTarget(a -> a.dnsName("lb.example.com."))
                        .build(),
                    set("dev.example.co.uk.", RRType.AAAA)
                        .resourceRecords(ResourceRecord.builder().value("2001:db8::1").build())
                        .build(),
                    set("dev.example.co.uk.", RRType.CNAME)
                        .resourceRecords(ResourceRecord.builder().value("old.rds.test").build())
                        .build(),
                    set("dev.example.co.uk.", RRType.CNAME)
                        .setIdentifier("blue")
                        .weight(10L)
                        .resourceRecords(ResourceRecord.builder().value("blue.rds.test").build())
                        .build())
                .isTruncated(false)
                .build())
        .when(route53)
        .listResourceRecordSets(any(ListResourceRecordSetsRequest.class));
    DnsView view = records.atName("ZEXAMPLE", "dev.example.co.uk");

    ArgumentCaptor<ListResourceRecordSetsRequest> asked =
        ArgumentCaptor.forClass(ListResourceRecordSetsRequest.class);
    verify(route53).listResourceRecordSets(asked.capture());
    assertEquals("ZEXAMPLE", asked.getValue().hostedZoneId());
    assertEquals("dev.example.co.uk.", asked.getValue().startRecordName());
    assertEquals(
        null, asked.getValue().startRecordType(), "every type at the name, not only CNAME");
    assertEquals("old.rds.test", view.currentTarget());
    assertEquals(
        List.of("A alias", "AAAA", "CNAME with a routing policy"),
        view.sharing(),
        "kinds only: the values (the load balancer, the address) are not printed");
  }

  @Test
  void atNameReadsTheSecondPageOnlyWhileTheNameGoesOn() {
    doReturn(
            ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(
                    set("dev.example.co.uk.", RRType.A)
                        .resourceRecords(ResourceRecord.builder().value("192.0.2.1").build())
                        .build())
                .isTruncated(true)
                .nextRecordName("dev.example.co.uk.")
                .nextRecordType(RRType.CNAME)
                .build())
        .doReturn(
            ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(
                    set("dev.example.co.uk.", RRType.CNAME)
                        .resourceRecords(ResourceRecord.builder().value("old.rds.test").build())
                        .build(),
                    set("dew.example.co.uk.", RRType.A)
                        .resourceRecords(ResourceRecord.builder().value("192.0.2.2").build())
                        .build())
                .isTruncated(true)
                .nextRecordName("dex.example.co.uk.")
                .nextRecordType(RRType.A)
                .build())
        .when(route53)
        .listResourceRecordSets(any(ListResourceRecordSetsRequest.class));
    DnsView view = records.atName("ZEXAMPLE", "dev.example.co.uk.");
    ArgumentCaptor<ListResourceRecordSetsRequest> asked =
        ArgumentCaptor.forClass(ListResourceRecordSetsRequest.class);
    verify(route53, times(2)).listResourceRecordSets(asked.capture());
    assertEquals(RRType.CNAME, asked.getAllValues().get(1).startRecordType());
    assertEquals("old.rds.test", view.currentTarget());
    assertEquals(List.of("A"), view.sharing(), "the next name's A record is not this name's");
  }

  private static ResourceRecordSet.Builder set(String name, RRType type) {
    return ResourceRecordSet.builder().name(name).type(type).ttl(300L);
  }
}

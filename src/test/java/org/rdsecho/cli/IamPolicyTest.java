package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.testing.AwsCall;
import org.rdsecho.testing.Harness;
import org.rdsecho.testing.Harness.Run;
import org.rdsecho.testing.PolicyEvaluator;

/**
 * {@code iam-policy}: every AWS call the commands make over whole nights (recorded by the fake
 * cloud with its resources and tags) is allowed by the generated policy, and nothing outside the
 * echo's instances, the source's snapshots, rds-echo's own snapshots and the CNAME is.
 */
class IamPolicyTest {
  private static final String RDS = "arn:aws:rds:us-east-1:123456789012:";
  @TempDir Path dir;

  private static PolicyEvaluator policy(Harness h) throws Exception {
    Run run = h.run("-o", "json", "iam-policy");
    assertEquals(0, run.exitCode(), run.err());
    Map<String, Object> document =
        new ObjectMapper().readValue(run.out(), new TypeReference<>() {});
    assertEquals("2012-10-17", document.get("Version"));
    return new PolicyEvaluator(document);
  }

  @Test
  void everyCallOfWholeNightsIsAllowed() throws Exception {
    Harness h = new Harness(dir).usualNight();
    // an older final snapshot of ours, which the night's retire prunes (keep 1: the one it makes)
    h.config.put("rdsecho.retire.keepFinalSnapshots", "1");
    h.rds.addSnapshot(
        "development-20261001-0300-aaaaaa-final-20261001-040000",
        "development-20261001-0300-aaaaaa",
        "manual",
        "available",
        Harness.START.minus(java.time.Duration.ofDays(50)),
        Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "retired"));
    h.rds.settleAfterDescribes(2);
    for (String[] command :
        List.of(
            new String[] {"new", "--wait"},
            new String[] {"modify", "--wait"},
            new String[] {"reboot", "--wait"},
            new String[] {"confirm", "--by", "ops"},
            new String[] {"status"},
            new String[] {"promote", "--wait"},
            new String[] {"rollback", "--yes", "--wait"},
            new String[] {"forget", "--instance", Harness.newCloneId()},
            new String[] {"retire", "--wait"},
            new String[] {"retire"},
            new String[] {"advance"})) {
      Run run = h.run(command);
      assertTrue(
          List.of(0, 3).contains(run.exitCode()),
          String.join(" ", command) + ": " + run.out() + run.err());
    }
    List<AwsCall> calls = new ArrayList<>(h.rds.calls);
    calls.addAll(h.route53.calls);
    assertTrue(
        calls.stream().anyMatch(c -> c.action().equals("rds:DeleteDBSnapshot")),
        "pruning was exercised");
    assertTrue(calls.stream().anyMatch(c -> c.action().equals("route53:ChangeResourceRecordSets")));
    PolicyEvaluator policy = policy(h);
    for (AwsCall call : calls) {
      assertNull(policy.denied(call), call.action() + " on " + call.resources());
    }
  }

  @Test
  void everyCallOfAuroraNightsIsAllowedForEachSourceKind() throws Exception {
    for (Map<String, String> source :
        List.of(
            Map.<String, String>of(),
            Map.of("rdsecho.new.restoreType", "copy-on-write"),
            Map.of("rdsecho.snapshot.type", "fresh"),
            Map.of(
                "rdsecho.snapshot.type",
                "pointInTime",
                "rdsecho.snapshot.restoreTime",
                "latest"))) {
      Path night = dir.resolve("aurora" + source.hashCode());
      night.toFile().mkdirs();
      Harness h = new Harness(night).auroraNight();
      h.config.putAll(source);
      h.config.put("rdsecho.retire.keepFinalSnapshots", "0");
      h.config.put("rdsecho.snapshot.keep", "1");
      h.rds.settleAfterDescribes(2);
      for (String[] command :
          List.of(
              new String[] {"new", "--wait"},
              new String[] {"modify", "--wait"},
              new String[] {"reboot", "--wait"},
              new String[] {"status"},
              new String[] {"promote", "--yes", "--wait"},
              new String[] {"retire", "--wait"},
              new String[] {"retire"})) {
        Run run = h.run(command);
        assertTrue(
            List.of(0, 3).contains(run.exitCode()),
            source + " " + String.join(" ", command) + ": " + run.out() + run.err());
      }
      List<AwsCall> calls = new ArrayList<>(h.rds.calls);
      calls.addAll(h.route53.calls);
      assertTrue(
          calls.stream().anyMatch(c -> c.action().equals("rds:DeleteDBCluster")),
          source.toString());
      assertTrue(
          calls.stream().anyMatch(c -> c.action().equals("rds:CreateDBInstance")),
          source.toString());
      PolicyEvaluator policy = policy(h);
      for (AwsCall call : calls) {
        assertNull(policy.denied(call), source + ": " + call.action() + " on " + call.resources());
      }
      List<AwsCall> outside =
          List.of(
              call(
                  "rds:ModifyDBCluster",
                  RDS + "cluster:" + Harness.CLUSTER,
                  Map.of("rdsecho:development:managed", "true")),
              call("rds:DeleteDBCluster", RDS + "cluster:" + Harness.CLUSTER, Map.of()),
              call("rds:AddTagsToResource", RDS + "cluster:" + Harness.CLUSTER, Map.of()),
              call("rds:DeleteDBCluster", RDS + "cluster:payments-analytics", Map.of()),
              call("rds:DeleteDBCluster", RDS + "cluster:development-x", Map.of()),
              call("rds:DeleteDBInstance", RDS + "db:payments-analytics-1", Map.of()),
              call(
                  "rds:DeleteDBClusterSnapshot",
                  RDS + "cluster-snapshot:rds:production-cluster-2026-11-20-03-00",
                  Map.of()),
              call(
                  "rds:DeleteDBClusterSnapshot",
                  RDS + "cluster-snapshot:development-x-final-20261101-030000",
                  Map.of()),
              new AwsCall(
                  "rds:CreateDBInstance",
                  List.of(
                      AwsCall.Resource.of(RDS + "db:development-x-1"),
                      AwsCall.Resource.of(RDS + "cluster:development-x")),
                  Map.of()));
      for (AwsCall call : outside) {
        assertNotNull(policy.denied(call), source + ": allowed, but must not be: " + call);
      }
    }
  }

  @Test
  void uploadsAreAllowedUnderTheDumpPrefixOnlyAndWithTheKmsKeyOfSse() throws Exception {
    Harness h = new Harness(dir).usualNight();
    h.config.put("rdsecho.export.s3Uri", "s3://dumps/nightly/{name}/{date}");
    h.config.put("rdsecho.export.s3Sse", "aws:kms");
    h.config.put("rdsecho.export.s3KmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/abc");
    PolicyEvaluator policy = policy(h);
    for (String action :
        List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload")) {
      assertNull(
          policy.denied(
              call(
                  action,
                  "arn:aws:s3:::dumps/nightly/development/2026-11-21/shop.sql.gz",
                  Map.of())),
          action);
      assertNotNull(
          policy.denied(
              call(action, "arn:aws:s3:::dumps/nightly/staging/2026-11-21/shop.sql.gz", Map.of())),
          action + " on another echo's sets");
      assertNotNull(
          policy.denied(call(action, "arn:aws:s3:::other-bucket/nightly/development/x", Map.of())),
          action);
    }
    assertNull(
        policy.denied(
            call("kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/abc", Map.of())));
    assertNotNull(
        policy.denied(
            call("kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/other", Map.of())));
  }

  @Test
  void nothingOutsideTheEchoIsAllowed() throws Exception {
    Harness h = new Harness(dir).usualNight();
    PolicyEvaluator policy = policy(h);
    Map<String, String> managed = Map.of("rdsecho:development:managed", "true");
    List<AwsCall> outside =
        List.of(
            call("rds:ModifyDBInstance", RDS + "db:someone-elses-db", managed),
            call("rds:DeleteDBInstance", RDS + "db:production", managed),
            call("rds:AddTagsToResource", RDS + "db:production", managed),
            call("rds:RebootDBInstance", RDS + "db:development-20261120-0300-abcdef", Map.of()),
            call(
                "rds:DeleteDBInstance",
                RDS + "db:staging-20261101-0300-abcdef",
                Map.of("rdsecho:staging:managed", "true")),
            call(
                "rds:DeleteDBSnapshot", RDS + "snapshot:rds:production-2026-11-20-03-00", Map.of()),
            call(
                "rds:DeleteDBSnapshot",
                RDS + "snapshot:development-x-final-20261101-030000",
                Map.of()),
            call("rds:CreateDBSnapshot", RDS + "db:production", Map.of()),
            new AwsCall(
                "rds:RestoreDBInstanceFromDBSnapshot",
                List.of(
                    AwsCall.Resource.of(RDS + "db:development-x"),
                    AwsCall.Resource.of(RDS + "snapshot:rds:production-1")),
                Map.of()),
            new AwsCall(
                "route53:ChangeResourceRecordSets",
                List.of(AwsCall.Resource.of("arn:aws:route53:::hostedzone/ZEXAMPLE")),
                Map.of(
                    "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                        List.of("www.example.co.uk"),
                    "route53:ChangeResourceRecordSetsRecordTypes", List.of("CNAME"))),
            call("rds:DeleteDBCluster", RDS + "cluster:development-x", managed));
    for (AwsCall call : outside) {
      assertNotNull(policy.denied(call), "allowed, but must not be: " + call);
    }
  }

  @Test
  void thePolicyPrintsTheSameTextInEveryRun() throws Exception {
    Harness h = new Harness(dir).usualNight();
    String out = h.run("-o", "json", "iam-policy").out();
    // a condition's keys in the order the policy writes them, not a hash order that changes from
    // one JVM to the next: a policy kept under version control diffs clean
    int names = out.indexOf("route53:ChangeResourceRecordSetsNormalizedRecordNames");
    int types = out.indexOf("route53:ChangeResourceRecordSetsRecordTypes");
    assertTrue(names > 0 && types > names, out);
  }

  @Test
  void cloudWatchIsReadOnlyWhenRetireWaitsForAnIdleClone() throws Exception {
    Harness h = new Harness(dir).usualNight();
    AwsCall metric =
        new AwsCall("cloudwatch:GetMetricStatistics", List.of(AwsCall.Resource.of("*")), Map.of());
    assertNotNull(policy(h).denied(metric), "not without rdsecho.retire.whenIdle");
    h.config.put("rdsecho.retire.whenIdle", "true");
    assertNull(policy(h).denied(metric), "with it");
    assertNotNull(
        policy(h)
            .denied(
                new AwsCall(
                    "cloudwatch:PutMetricData", List.of(AwsCall.Resource.of("*")), Map.of())));
  }

  private static AwsCall call(String action, String arn, Map<String, String> tags) {
    return new AwsCall(action, List.of(new AwsCall.Resource(arn, tags)), Map.of());
  }
}

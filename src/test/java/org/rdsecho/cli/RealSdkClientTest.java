package org.rdsecho.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.aws.SdkClients;
import org.rdsecho.testing.Harness;

/**
 * The real SDK client, wire protocol and all, against a local HTTP endpoint given with
 * --endpoint-url: query-protocol requests, XML responses, the standard retry mode on throttling,
 * and an AccessDenied error turned into the IAM action to grant.
 */
class RealSdkClientTest {
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> actions = Collections.synchronizedList(new ArrayList<>());
  private int throttleFirst;

  private static final String INSTANCES =
      """
      <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
        <DescribeDBInstancesResult><DBInstances><DBInstance>
          <DBInstanceIdentifier>development-20261120-0300-abcdef</DBInstanceIdentifier>
          <DBInstanceArn>arn:aws:rds:us-east-1:1:db:development-20261120-0300-abcdef</DBInstanceArn>
          <DBInstanceStatus>available</DBInstanceStatus>
          <BackupRetentionPeriod>7</BackupRetentionPeriod>
          <InstanceCreateTime>2026-11-20T04:00:00Z</InstanceCreateTime>
          <Endpoint><Address>development-x.rds.test</Address><Port>3306</Port></Endpoint>
          <TagList>
            <Tag><Key>rdsecho:development:managed</Key><Value>true</Value></Tag>
            <Tag><Key>rdsecho:development:stage</Key><Value>new</Value></Tag>
          </TagList>
        </DBInstance></DBInstances></DescribeDBInstancesResult>
        <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
      </DescribeDBInstancesResponse>""";

  private static String error(String code, String message) {
    return "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>r2</RequestId></ErrorResponse>";
  }

  @BeforeEach
  void start() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
            0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String action = "";
          for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
              action = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
          }
          actions.add(action);
          int status;
          String response;
          if (action.equals("DescribeDBInstances") && throttleFirst-- > 0) {
            status = 400;
            response = error("Throttling", "Rate exceeded");
          } else if (action.equals("DescribeDBInstances")) {
            status = 200;
            response = INSTANCES;
          } else {
            status = 403;
            response =
                error(
                    "AccessDenied",
                    "User: arn:aws:iam::1:user/cron is not authorized to perform: rds:" + action);
          }
          byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "test-secret");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private Harness.Run run(String... args) throws IOException {
    Files.writeString(
        dir.resolve("rdsecho.properties"),
        "rdsecho.name=development\nrdsecho.mod.backupRetentionPeriod=0\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // the run lock in this test's own directory, never the one every worktree's suite shares
    Environment env =
        new Environment(
            Map.of("RDS_ECHO_LOCK_DIR", dir.resolve(".locks").toString()),
            new Properties(),
            dir,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            Clock.systemUTC(),
            d -> {},
            SdkClients.real());
    int code = new RdsEcho(env).run(args);
    return new Harness.Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void statusReadsInstancesAndTagsThroughTheRealClient() throws IOException {
    Harness.Run run =
        run("status", "--region", "us-east-1", "--endpoint-url", endpoint(), "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "\"id\":\"development-20261120-0300-abcdef\",\"kind\":\"instance\",\"stage\":\"new\""),
        run.out());
    assertEquals(
        List.of("DescribeDBInstances", "DescribeDBSnapshots"),
        actions,
        "one call for the instances (tags come with the listing), one for the final snapshots");
    assertTrue(run.out().contains("\"region\":\"us-east-1\""), run.out());
  }

  @Test
  void throttlingIsRetriedWithBackoffByTheStandardRetryMode() throws IOException {
    throttleFirst = 2;
    Harness.Run run = run("status", "--region", "us-east-1", "--endpoint-url", endpoint());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        4,
        actions.size(),
        "two throttled attempts, then success, then the snapshot listing: " + actions);
  }

  @Test
  void aDeniedWriteNamesTheIamActionAndExits1() throws IOException {
    Harness.Run run = run("modify", "--region", "us-east-1", "--endpoint-url", endpoint());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "AWS denied rds:ModifyDBInstance (User: arn:aws:iam::1:user/cron is not"
                    + " authorized to perform: rds:ModifyDBInstance): allow rds:ModifyDBInstance for the IAM identity"),
        run.err());
    assertTrue(actions.contains("ModifyDBInstance"));
  }
}

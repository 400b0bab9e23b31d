package org.rdsecho.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough of the RDS Query API on loopback for a stage command to run through: one clone of the
 * echo {@code bench}, described with its tags and an endpoint on a given port, whose tags
 * AddTagsToResource changes. The launcher's start-up training runs {@code export} against it, and
 * the user-timed export benchmark does too.
 */
public final class RdsStub implements AutoCloseable {
  static final String CLONE = "bench-20261122-0300-abcdef";
  private final HttpServer server;

  /** The tags of the "bench" echo name the stub serves. */
  private static final org.rdsecho.stage.EchoTags TAGS = new org.rdsecho.stage.EchoTags("bench");

  private final Map<String, String> tags = new LinkedHashMap<>();
  private final int databasePort;

  public RdsStub(int databasePort) throws IOException {
    this.databasePort = databasePort;
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> form =
              form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String body =
              switch (form.getOrDefault("Action", "")) {
                case "DescribeDBInstances" -> describe();
                case "AddTagsToResource" -> addTags(form);
                default -> null;
              };
          byte[] bytes =
              (body == null
                      ? "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>"
                      : body)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(body == null ? 400 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Puts the clone in stage rebooted again, for the next round. */
  public synchronized void rebooted() {
    tags.put(TAGS.managed(), "true");
    tags.put(TAGS.stage(), "rebooted");
    tags.put(TAGS.snapshot(), "rds:production-2026-11-22-03-00");
  }

  private synchronized String describe() {
    StringBuilder tagList = new StringBuilder();
    tags.forEach(
        (k, v) ->
            tagList
                .append("<Tag><Key>")
                .append(k)
                .append("</Key><Value>")
                .append(v)
                .append("</Value></Tag>"));
    return "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult>"
        + "<DBInstances><DBInstance><DBInstanceIdentifier>"
        + CLONE
        + "</DBInstanceIdentifier>"
        + "<DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:"
        + CLONE
        + "</DBInstanceArn>"
        + "<DBInstanceStatus>available</DBInstanceStatus><Engine>mysql</Engine>"
        + "<Endpoint><Address>127.0.0.1</Address><Port>"
        + databasePort
        + "</Port></Endpoint>"
        + "<InstanceCreateTime>2026-11-22T03:10:00Z</InstanceCreateTime><BackupRetentionPeriod>0</BackupRetentionPeriod>"
        + "<TagList>"
        + tagList
        + "</TagList></DBInstance></DBInstances></DescribeDBInstancesResult>"
        + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeDBInstancesResponse>";
  }

  private synchronized String addTags(Map<String, String> form) {
    for (int i = 1;
        form.containsKey("Tags.Tag." + i + ".Key") || form.containsKey("Tags.member." + i + ".Key");
        i++) {
      String prefix =
          form.containsKey("Tags.Tag." + i + ".Key") ? "Tags.Tag." + i : "Tags.member." + i;
      tags.put(form.get(prefix + ".Key"), form.getOrDefault(prefix + ".Value", ""));
    }
    return "<AddTagsToResourceResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><ResponseMetadata>"
        + "<RequestId>2</RequestId></ResponseMetadata></AddTagsToResourceResponse>";
  }

  /**
   * Puts the clone in {@code stage}, e.g. modified, whose reboot with nothing pending only tags.
   */
  public synchronized void stage(String stage) {
    rebooted();
    tags.put(TAGS.stage(), stage);
  }

  public synchronized String stage() {
    return tags.get(TAGS.stage());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.ServerNames.Server;

/**
 * Which servers {@code verify} and {@code carry} may connect to (§10, §13, §16), decided on the
 * observed {@link ConnectionEnds} before anything connects: the verification server is none of the
 * servers rds-echo reads or writes in another role, and carry's two ends are two clones.
 */
public final class ServerChecks {
  private ServerChecks() {}

  /**
   * The verification server may be none of: the clone (any endpoint, or export.host:port), the
   * source, a promoted clone (any endpoint, or where carry reaches it), the CNAME. Hosts compare as
   * {@link org.rdsecho.config.ServerNames} says (case, trailing dot, IP literals, every loopback
   * spelling one machine).
   *
   * @return the server as {@code host:port}, for the actions
   * @throws ConfigException naming every role the server has
   */
  public static String verifyServer(ConnectionEnds ends, String cloneId, CarrySettings carry) {
    Server verify = ends.verify();
    List<String> forbidden = new ArrayList<>();
    if (anyOf(verify, ends.cloneEnds())) {
      forbidden.add("the clone " + cloneId);
    }
    if (ends.exportHost().filter(verify::same).isPresent()) {
      forbidden.add("the clone as reached through rdsecho.export.host");
    }
    if (anyOf(verify, ends.source())) {
      forbidden.add("the source " + ends.sourceId());
    }
    boolean carryApart = carry.fromHost() != null || carry.fromPort() != null;
    for (ConnectionEnds.Promoted promoted : ends.promoted()) {
      if (anyOf(verify, promoted.endpoints())) {
        forbidden.add("the promoted clone " + promoted.id());
      }
      if (carryApart && verify.same(promoted.carryReaches())) {
        forbidden.add(
            "the promoted clone "
                + promoted.id()
                + " as carry reaches it ("
                + ConfigKeys.CARRY_FROM_HOST
                + ")");
      }
    }
    // carry.fromHost is the promoted clone even when no clone is tagged promoted (a hand edit, a
    // first night)
    if (ends.promoted().isEmpty() && ends.carryFromHost().filter(verify::same).isPresent()) {
      forbidden.add("the promoted clone as carry reaches it (" + ConfigKeys.CARRY_FROM_HOST + ")");
    }
    if (ends.cname().filter(verify::sameHost).isPresent()) {
      forbidden.add("the CNAME " + ends.cname().get().host());
    }
    if (!forbidden.isEmpty()) {
      throw new ConfigException(
          ConfigKeys.VERIFY_HOST
              + "="
              + verify.host()
              + " (port "
              + verify.port()
              + ") is "
              + String.join(" and ", forbidden.stream().distinct().toList())
              + ": verify creates and drops databases"
              + " there and restores unscrubbed dumps into them, so give it a scratch server of its own");
    }
    return verify.host() + ":" + verify.port();
  }

  /**
   * Both of carry's ends are clones: never the source (any of its endpoints), and not the same
   * server twice.
   *
   * @param from where carry reads the promoted clone's rows
   */
  public static void carryEnds(ConnectionEnds ends, Server from) {
    Server to = ends.cloneReached();
    if (from.same(to)) {
      throw new ConfigException(
          "carry would read from and write to the same server ("
              + from
              + "): check "
              + ConfigKeys.CARRY_FROM_HOST
              + " and rdsecho.export.host");
    }
    if (ends.source().stream().anyMatch(s -> s.sameHost(from) || s.sameHost(to))) {
      throw new ConfigException(
          "carry would connect to the source "
              + ends.sourceId()
              + ", which rds-echo never"
              + " reads rows from or writes to: check "
              + ConfigKeys.CARRY_FROM_HOST
              + " and rdsecho.export.host");
    }
  }

  private static boolean anyOf(Server server, List<Server> endpoints) {
    return endpoints.stream().anyMatch(server::same);
  }
}

package org.rdsecho.stage;

import java.util.List;
import java.util.Optional;
import org.rdsecho.config.ServerNames.Server;

/**
 * The servers a data-plane command could connect to, observed before it decides (§16): every name
 * RDS gives the source, the clone and each promoted clone (an Aurora cluster's writer, reader and
 * custom endpoints and each member's own), and the ends as configured. Hosts are resolved once when
 * observed, so {@link ServerChecks} compares them without looking anything up.
 *
 * @param verify the verification server (rdsecho.verify.host:port); null for carry
 * @param cloneEnds every endpoint of the clone
 * @param exportHost rdsecho.export.host:port when set (how the clone is reached then)
 * @param cloneReached the clone as the data plane connects to it
 * @param sourceId rdsecho.snapshot.source, or null
 * @param source every endpoint of the source; empty when it is not found
 * @param promoted each promoted clone
 * @param carryFromHost rdsecho.carry.fromHost:fromPort when fromHost is set
 * @param cname rdsecho.promote.cname when set (its port means nothing)
 */
public record ConnectionEnds(
    Server verify,
    List<Server> cloneEnds,
    Optional<Server> exportHost,
    Server cloneReached,
    String sourceId,
    List<Server> source,
    List<Promoted> promoted,
    Optional<Server> carryFromHost,
    Optional<Server> cname) {
  public ConnectionEnds {
    cloneEnds = List.copyOf(cloneEnds);
    source = List.copyOf(source);
    promoted = List.copyOf(promoted);
  }

  /**
   * A promoted clone: every endpoint, and the server carry reads it at (its endpoint, or
   * rdsecho.carry.fromHost and fromPort).
   */
  public record Promoted(String id, List<Server> endpoints, Server carryReaches) {
    public Promoted {
      endpoints = List.copyOf(endpoints);
    }
  }
}

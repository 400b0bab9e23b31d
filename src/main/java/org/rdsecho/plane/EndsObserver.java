package org.rdsecho.plane;

import java.util.List;
import java.util.Optional;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.ExportSettings;
import org.rdsecho.config.ServerNames;
import org.rdsecho.config.ServerNames.Server;
import org.rdsecho.stage.ConnectionEnds;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;

/**
 * Observes the servers verify and carry could reach, as the data plane would connect to them (the
 * same host and port {@link Connections} uses): names resolved once, nothing connected.
 */
public final class EndsObserver {
  private EndsObserver() {}

  public static ConnectionEnds observe(EchoConfig config, EchoFleet fleet, EchoInstance clone) {
    ExportSettings export = config.export();
    CarrySettings carry = config.carry();
    Server verify =
        config.verify().configured()
            ? ServerNames.server(config.verify().host(), config.verify().port())
            : null;
    Optional<Server> exportHost =
        Optional.ofNullable(ServerNames.server(export.host(), export.port()));
    Server reached =
        ServerNames.server(
            export.host() != null ? export.host() : clone.endpoint(),
            export.port() != null ? export.port() : clone.port());
    String sourceId = config.snapshot().source();
    List<Server> source =
        (sourceId == null ? Optional.<EchoInstance>empty() : fleet.find(sourceId))
            .map(EndsObserver::endpoints)
            .orElse(List.of());
    List<ConnectionEnds.Promoted> promoted =
        fleet.promoted().stream()
            .map(
                p ->
                    new ConnectionEnds.Promoted(
                        p.id(),
                        endpoints(p),
                        ServerNames.server(
                            carry.fromHost() != null ? carry.fromHost() : p.endpoint(),
                            carry.fromPort() != null ? carry.fromPort() : p.port())))
            .toList();
    return new ConnectionEnds(
        verify,
        endpoints(clone),
        exportHost,
        reached,
        sourceId,
        source,
        promoted,
        Optional.ofNullable(ServerNames.server(carry.fromHost(), carry.fromPort())),
        Optional.ofNullable(ServerNames.server(config.promote().cname(), null)));
  }

  /**
   * Every name RDS gives an instance's servers (an Aurora cluster's reader, custom and member
   * endpoints too).
   */
  private static List<Server> endpoints(EchoInstance instance) {
    return instance.endpoints().stream().map(e -> ServerNames.server(e, instance.port())).toList();
  }
}

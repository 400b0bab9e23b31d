package org.rdsecho.plane;

import java.util.List;
import java.util.Optional;
import org.rdsecho.dump.CarryChecks;
import org.rdsecho.dump.ConnectionSpec;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.stage.CarryPlanner;
import org.rdsecho.stage.CarryRules;
import org.rdsecho.stage.CarrySeen;
import org.rdsecho.stage.ClientSeen;
import org.rdsecho.stage.ConnectionEnds;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;

/**
 * What {@code carry} reads of the two clones before it decides: the servers (nothing connected),
 * the client on PATH, and what {@link CarryChecks} reads of the carried tables and counters. The
 * clients are started only when the planner first asks for rows, after it checked the ends. It only
 * reads; {@link CarryPlanner} decides.
 */
public final class CarryObserver implements CarryPlanner.Observe {
  private final PlaneContext ctx;
  private final EchoFleet fleet;
  private final EchoInstance clone;
  private CarryChecks checks;

  public CarryObserver(PlaneContext ctx, EchoFleet fleet, EchoInstance clone) {
    this.ctx = ctx;
    this.fleet = fleet;
    this.clone = clone;
  }

  @Override
  public ConnectionEnds ends() {
    return EndsObserver.observe(ctx.config(), fleet, clone);
  }

  @Override
  public ClientSeen client() {
    MysqlTools tools = tools();
    return tools.seen();
  }

  @Override
  public CarrySeen.Table table(String database, String table, boolean promoted) {
    return checks().table(database, table, promoted);
  }

  @Override
  public Optional<String> largestOwnKey(
      String database, String table, String key, long floor, boolean promoted) {
    return checks().largestOwnKey(database, table, key, floor, promoted);
  }

  @Override
  public Optional<CarrySeen.KeyRange> carriedKeyRange(
      String database, String table, String key, Long floor) {
    return checks().carriedKeyRange(database, table, key, floor);
  }

  @Override
  public Optional<CarryRules.Collision> uniqueCollision(
      String database, String table, String key, Long floor) {
    return checks().uniqueCollision(database, table, key, floor);
  }

  @Override
  public List<String> databases() {
    return DumpObserver.databases(ctx, clone, ctx.config().export().databases());
  }

  @Override
  public List<CarrySeen.Counter> counters(String database) {
    return checks().counters(database);
  }

  @Override
  public List<String> countersBelow(String database, long floor) {
    return checks().countersBelow(database, floor);
  }

  private CarryChecks checks() {
    if (checks == null) {
      ConnectionSpec to = Connections.to(clone, ctx.config().export(), ctx);
      checks =
          new CarryChecks(
              tools(),
              fleet.promoted().stream()
                  .findFirst()
                  .map(
                      p ->
                          Connections.toPromoted(
                              p, ctx.config().carry(), ctx.config().export(), ctx))
                  .orElse(to),
              to);
    }
    return checks;
  }

  private MysqlTools tools() {
    return MysqlTools.find(ctx.variables().get("PATH"));
  }
}

package org.rdsecho.cli;

import org.rdsecho.plane.DumpObserver;
import org.rdsecho.plane.DataActions;
import org.rdsecho.plane.Connections;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.DnsNames;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.dump.CarryChecks;
import org.rdsecho.dump.ConnectionSpec;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.RowCarrier;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.CarryFloor;
import org.rdsecho.stage.CarryPlanner;
import org.rdsecho.stage.CarryRules;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.core.Printable;

/**
 * {@code carry} (§13): copies what staging users made on the promoted clone into the new clone,
 * and raises the AUTO_INCREMENT counters to the floor; records carriedAt, the stage unchanged.
 */
@Parameters(commandNames = "carry") // its help line is in the command table, stage/Step
final class CarryCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  CarryCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "carry";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    if (!ctx.config().carry().configured()) {
      throw ctx.config().missing(ConfigKeys.CARRY_TABLES, "the db.table list whose staging-made rows are carried"
          + " from the promoted clone (and/or " + ConfigKeys.CARRY_FLOOR + ")");
    }
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> {
          EchoFleet fleet = ctx.fleet();
          return CarryPlanner.decide(fleet, global.instance(), ctx.now(),
              (clone, promoted) -> work(ctx, fleet, clone, promoted));
        },
        decision -> new CarryPlane(ctx, decision.target(), ctx.fleet().promoted().stream().findFirst()),
        (decision, changes) -> {});
  }

  private static List<Action> work(Context ctx, EchoFleet fleet, EchoInstance clone, Optional<EchoInstance> promoted) {
    EchoConfig config = ctx.config();
    CarrySettings carry = config.carry();
    MysqlTools tools = MysqlTools.find(ctx.env().variables().get("PATH"));
    ConnectionSpec to = Connections.to(clone, config.export(), PlaneWiring.of(ctx));
    ConnectionSpec from = promoted.map(p -> Connections.toPromoted(p, carry, config.export(), PlaneWiring.of(ctx))).orElse(to);
    if (promoted.isPresent()) {
      checkEnds(ctx, fleet, from, to);
      // the rows come as a dump of another server's tables: data, never client commands (§16)
      tools.requireSandbox("rows dumped from the promoted clone");
    }
    RowCarrier carrier = new RowCarrier(tools, from, to);
    CarryChecks checks = new CarryChecks(tools, from, to);
    String source = promoted.map(p -> "the promoted clone " + p.id() + " (" + from.host() + ":" + from.port() + ")")
        .orElse("");
    Long floor = carry.floor();
    // observe every carried table's key and the counters the floor raises, decide (§16: the floor
    // fits every type it reaches and is above production's keys), and only then plan the writes
    List<Action> carries = new ArrayList<>();
    for (Map.Entry<String, List<String>> db : carry.tables().entrySet()) {
      for (String table : db.getValue()) {
        String qualified = db.getKey() + "." + table;
        String name = Printable.quote(qualified);
        Optional<CarryChecks.Shape> here = checks.shape(false, db.getKey(), table);
        Optional<CarryChecks.Shape> there = promoted.isPresent() ? checks.shape(true, db.getKey(), table) : here;
        if (promoted.isPresent() && (here.isEmpty() || there.isEmpty())) {
          throw new ConfigException(ConfigKeys.CARRY_TABLES + " lists " + name + ", which is not on both the"
              + " promoted clone and the new one: fix the list");
        }
        // §16: only base tables; a view written through changes the tables under it
        here.ifPresent(s -> CarryRules.baseTable(qualified, "the new clone " + clone.id(), s.type()));
        there.ifPresent(s -> CarryRules.baseTable(qualified, "the promoted clone", s.type()));
        RowCarrier.Key key = carrier.primaryKey(db.getKey(), table);
        if (floor != null) {
          if (key == null || !key.autoIncrement()) {
            throw new ConfigException(ConfigKeys.CARRY_TABLES + " lists " + name + ", which has no single-column"
                + " AUTO_INCREMENT primary key on the clone, so " + ConfigKeys.CARRY_FLOOR + " cannot tell its"
                + " staging-made rows: remove it from the list, or remove the floor to carry all of its rows");
          }
          CarryFloor.fits(floor, db.getKey() + "." + table + "." + key.column(), key.type(), key.unsigned());
          CarryFloor.aboveOwnKeys(floor, db.getKey() + "." + table, clone.id(),
              carrier.largestOwnKey(db.getKey(), table, key.column(), floor, promoted.isPresent()));
        }
        if (promoted.isPresent()) {
          // §16: production's rows of the new clone stay as they are; each rule names what it saw
          CarryRules.noTriggers(qualified, clone.id(), checks.triggers(db.getKey(), table));
          if (key == null) {
            CarryRules.transactional(qualified, clone.id(), here.get().engine(), here.get().transactional());
          } else {
            Optional<String[]> range = checks.carriedKeyRange(db.getKey(), table, key.column(), floor);
            if (range.isPresent()) {
              CarryRules.keysFit(qualified + "." + key.column(), checks.promotedColumnType(db.getKey(), table,
                  key.column()), key.type(), key.unsigned(), range.get());
            }
            CarryRules.noUniqueCollision(qualified, clone.id(),
                checks.uniqueCollision(db.getKey(), table, key.column(), floor));
          }
          // without a floor: every row by its key, or (no single-column key) the table copied whole
          carries.add(new DataAction.CarryRows(db.getKey(), table, key == null ? null : key.column(), floor, source));
        }
      }
    }
    List<Action> counters = new ArrayList<>();
    if (floor != null) {
      List<String> databases = carry.tables().isEmpty()
          ? DumpObserver.databases(PlaneWiring.of(ctx), clone, config.export().databases())
          : List.copyOf(carry.tables().keySet());
      for (String database : databases) {
        for (RowCarrier.Counter c : carrier.counters(database)) {
          CarryFloor.fits(floor, database + "." + c.table() + "." + c.column(), c.type(), c.unsigned());
        }
        List<String> below = carrier.countersBelow(database, floor);
        if (!below.isEmpty()) {
          counters.add(new DataAction.RaiseCounters(database, below, floor));
        }
      }
    }
    List<Action> actions = new ArrayList<>(carries);
    actions.addAll(counters);
    return actions;
  }

  /** Both ends are clones: never the source, and not the same server twice (§10, §13). */
  private static void checkEnds(Context ctx, EchoFleet fleet, ConnectionSpec from, ConnectionSpec to) {
    if (DnsNames.same(from.host(), to.host()) && from.port() == to.port()) {
      throw new ConfigException("carry would read from and write to the same server (" + from.host() + ":"
          + from.port() + "): check " + ConfigKeys.CARRY_FROM_HOST + " and rdsecho.export.host");
    }
    String source = ctx.config().snapshot().source();
    Optional<EchoInstance> sourceInstance = source == null ? Optional.empty() : fleet.find(source);
    if (sourceInstance.isPresent() && sourceInstance.get().endpoint() != null
        && (DnsNames.same(from.host(), sourceInstance.get().endpoint())
            || DnsNames.same(to.host(), sourceInstance.get().endpoint()))) {
      throw new ConfigException("carry would connect to the source " + source + ", which rds-echo never reads rows"
          + " from or writes to: check " + ConfigKeys.CARRY_FROM_HOST + " and rdsecho.export.host");
    }
  }

  /** Applies carry's data-plane actions. */
  private static final class CarryPlane implements DataActions {
    private final Context ctx;
    private final RowCarrier carrier;

    CarryPlane(Context ctx, EchoInstance clone, Optional<EchoInstance> promoted) {
      this.ctx = ctx;
      EchoConfig config = ctx.config();
      ConnectionSpec to = Connections.to(clone, config.export(), PlaneWiring.of(ctx));
      ConnectionSpec from = promoted.map(p -> Connections.toPromoted(p, config.carry(), config.export(), PlaneWiring.of(ctx)))
          .orElse(to);
      this.carrier = new RowCarrier(MysqlTools.find(ctx.env().variables().get("PATH")), from, to);
    }

    @Override
    public void apply(DataAction action) {
      if (action instanceof DataAction.CarryRows c) {
        long rows = carrier.carry(c.database(), c.table(), c.key(), c.floor());
        ctx.console().progress("carried " + rows + " row(s) of " + Printable.quote(c.database() + "." + c.table()));
      } else if (action instanceof DataAction.RaiseCounters r) {
        r.tables().forEach(table -> carrier.raiseCounter(r.database(), table, r.floor()));
      } else {
        throw new IllegalStateException("carry does not apply " + action.describe());
      }
    }

    @Override
    public Map<String, Object> resultFields() {
      return Map.of();
    }

    @Override
    public void close() {}
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.core.Outcome;
import org.rdsecho.core.Printable;

/**
 * Decides what {@code carry} does (§13): for the newest clone before promotion that has not been
 * carried into, the rows staging users made on the promoted clone (one write a table) and the
 * counters raised to the floor, then the {@code carriedAt} mark. The stage does not change. Every
 * refusal (§16: the ends, the client, views, the floor, triggers, engines, key ranges, unique
 * collisions) is decided here on what was observed, before any row is written.
 */
public final class CarryPlanner {
  private CarryPlanner() {}

  /**
   * What carry reads of the two clones, each answer immutable. Asked table by table in the order of
   * the rules, each only once the rules over the earlier answers let the run go on: nothing
   * connects to the source, and no table is read further once it is refused.
   */
  public interface Observe {
    /** The servers of the source, the clones and the configuration (no connection made). */
    ConnectionEnds ends();

    ClientSeen client();

    /** A carried table's shape on both clones ({@code promoted}: there is a promoted clone). */
    CarrySeen.Table table(String database, String table, boolean promoted);

    /**
     * The largest key at or above the floor among the new clone's own rows of a table: rows that
     * are not the same as the promoted clone's row with that key (an earlier carry wrote those).
     */
    Optional<String> largestOwnKey(
        String database, String table, String key, long floor, boolean promoted);

    /**
     * The smallest and largest key the promoted clone carries (at or above the floor; all without
     * one).
     */
    Optional<CarrySeen.KeyRange> carriedKeyRange(
        String database, String table, String key, Long floor);

    /**
     * The first carried row sharing a UNIQUE key's values with a new-clone row carrying does not
     * replace.
     */
    Optional<CarryRules.Collision> uniqueCollision(
        String database, String table, String key, Long floor);

    /** The new clone's databases (rdsecho.export.databases, else all of its own). */
    List<String> databases();

    /** Every AUTO_INCREMENT column of a database's base tables on the new clone. */
    List<CarrySeen.Counter> counters(String database);

    /** Tables of a database on the new clone whose AUTO_INCREMENT counter is below the floor. */
    List<String> countersBelow(String database, long floor);
  }

  /**
   * @param observing what observes the two clones once the planner has chosen the new one
   */
  public static Decision decide(
      EchoFleet fleet,
      String explicitId,
      Instant now,
      CarrySettings carry,
      Function<EchoInstance, Observe> observing) {
    Targets.Selection selection = Targets.select(fleet, Step.CARRY, explicitId);
    if (!selection.found()) {
      return selection.stop();
    }
    EchoInstance clone = selection.instance();
    Stage stage = fleet.stageOf(clone);
    Optional<String> carried = clone.tag(fleet.tags().carriedAt());
    if (carried.isPresent()) {
      return Decision.stop(
          Outcome.DONE,
          "already carried: what staging made was copied into "
              + clone.id()
              + " at "
              + carried.get(),
          clone,
          stage);
    }
    if (!clone.isAvailable() || clone.endpoint() == null) {
      return Targets.notReady(clone, stage, "carry");
    }
    Optional<EchoInstance> promoted = fleet.promoted().stream().findFirst();
    if (promoted.isPresent()
        && (!promoted.get().isAvailable() || promoted.get().endpoint() == null)) {
      return Decision.stop(
          Outcome.NOT_READY,
          "the promoted clone "
              + promoted.get().id()
              + " is "
              + promoted.get().status()
              + ": run 'rds-echo carry' again later, or with --wait",
          clone,
          stage);
    }
    Observe observe = observing.apply(clone);
    String from = "";
    if (promoted.isPresent()) {
      ConnectionEnds ends = observe.ends();
      ConnectionEnds.Promoted end =
          ends.promoted().stream()
              .filter(p -> p.id().equals(promoted.get().id()))
              .findFirst()
              .orElseThrow();
      ServerChecks.carryEnds(ends, end.carryReaches());
      // the rows come as a dump of another server's tables: data, never client commands (§16)
      observe.client().requireSandbox("rows dumped from the promoted clone");
      from = "the promoted clone " + promoted.get().id() + " (" + end.carryReaches() + ")";
    }
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<String, List<String>> db : carry.tables().entrySet()) {
      for (String table : db.getValue()) {
        carryRows(clone, promoted.isPresent(), carry.floor(), db.getKey(), table, from, observe)
            .ifPresent(actions::add);
      }
    }
    if (carry.floor() != null) {
      List<String> databases =
          carry.tables().isEmpty() ? observe.databases() : List.copyOf(carry.tables().keySet());
      actions.addAll(counters(databases, carry.floor(), observe));
    }
    long tables = actions.stream().filter(a -> a instanceof DataAction.CarryRows).count();
    actions.add(CloudAction.Tag.add(clone, Map.of(fleet.tags().carriedAt(), TagValues.time(now))));
    String what =
        promoted.isEmpty()
            ? "no promoted clone to carry from (the first night): only the AUTO_INCREMENT counters were raised"
            : tables + " table(s) carried from " + promoted.get().id();
    return Decision.act("carried into " + clone.id() + ": " + what, clone, stage, stage, actions);
  }

  /**
   * One table's rules, in order, and its copy: every row by its key (at or above the floor), or (no
   * single-column key) the table copied whole; nothing to copy on the first night.
   */
  private static Optional<Action> carryRows(
      EchoInstance clone,
      boolean promoted,
      Long floor,
      String database,
      String table,
      String from,
      Observe observe) {
    String qualified = database + "." + table;
    CarrySeen.Table seen = observe.table(database, table, promoted);
    if (promoted && (seen.here().isEmpty() || seen.there().isEmpty())) {
      throw new ConfigException(
          ConfigKeys.CARRY_TABLES
              + " lists "
              + Printable.quote(qualified)
              + ", which is not on"
              + " both the promoted clone and the new one: fix the list");
    }
    // §16: only base tables; a view written through changes the tables under it
    seen.here()
        .ifPresent(s -> CarryRules.baseTable(qualified, "the new clone " + clone.id(), s.type()));
    seen.there().ifPresent(s -> CarryRules.baseTable(qualified, "the promoted clone", s.type()));
    CarrySeen.Key key = seen.key();
    if (floor != null) {
      if (key == null || !key.autoIncrement()) {
        throw new ConfigException(
            ConfigKeys.CARRY_TABLES
                + " lists "
                + Printable.quote(qualified)
                + ", which has no"
                + " single-column AUTO_INCREMENT primary key on the clone, so "
                + ConfigKeys.CARRY_FLOOR
                + " cannot tell"
                + " its staging-made rows: remove it from the list, or remove the floor to carry all of its rows");
      }
      CarryFloor.fits(floor, qualified + "." + key.column(), key.type(), key.unsigned());
      CarryFloor.aboveOwnKeys(
          floor,
          qualified,
          clone.id(),
          observe.largestOwnKey(database, table, key.column(), floor, promoted));
    }
    if (!promoted) {
      return Optional.empty();
    }
    // §16: production's rows of the new clone stay as they are; each rule names what it saw
    CarryRules.noTriggers(qualified, clone.id(), seen.triggers());
    if (key == null) {
      CarryRules.transactional(
          qualified, clone.id(), seen.here().get().engine(), seen.here().get().transactional());
    } else {
      observe
          .carriedKeyRange(database, table, key.column(), floor)
          .ifPresent(
              range ->
                  CarryRules.keysFit(
                      qualified + "." + key.column(),
                      seen.promotedKeyType(),
                      key.type(),
                      key.unsigned(),
                      range));
      CarryRules.noUniqueCollision(
          qualified, clone.id(), observe.uniqueCollision(database, table, key.column(), floor));
    }
    return Optional.of(
        new DataAction.CarryRows(database, table, key == null ? null : key.column(), floor, from));
  }

  /**
   * The floor fits every counter it raises (§16), and each database's counters below it are raised.
   */
  private static List<Action> counters(List<String> databases, long floor, Observe observe) {
    List<Action> raises = new ArrayList<>();
    for (String database : databases) {
      for (CarrySeen.Counter c : observe.counters(database)) {
        CarryFloor.fits(
            floor, database + "." + c.table() + "." + c.column(), c.type(), c.unsigned());
      }
      List<String> below = observe.countersBelow(database, floor);
      if (!below.isEmpty()) {
        raises.add(new DataAction.RaiseCounters(database, below, floor));
      }
    }
    return raises;
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rdsecho.config.DnsNames;
import org.rdsecho.config.PromoteSettings;
import org.rdsecho.core.Outcome;

/**
 * Decides what {@code rollback} does: points the CNAME back at the newest forgotten clone that was
 * promoted before, is still available and passes today's promotion gates, which becomes promoted,
 * and forgets the current one. Writes are ordered DNS, then the older clone to promoted, then the
 * current one to forgotten: a crash after the first leaves the CNAME on a clone a rerun finishes;
 * after the second, two promoted clones of which the CNAME decides (so a rerun, or {@code promote},
 * finishes it); never no promoted clone at all.
 */
public final class RollbackPlanner {
  private RollbackPlanner() {}

  /** What rollback observed and was told. */
  public record Inputs(
      EchoFleet fleet,
      PromoteSettings settings,
      String explicitId,
      boolean yes,
      boolean interactive,
      boolean terminal,
      boolean takeOver,
      Supplier<DnsView> dns,
      Instant now,
      PromotionGates gates) {

    /**
     * @param gates the promotion gates the clone rolled back to must still pass (§15)
     */
    public Inputs {
      gates = gates == null ? PromotionGates.NONE : gates;
    }

    public Inputs(
        EchoFleet fleet,
        PromoteSettings settings,
        String explicitId,
        boolean yes,
        boolean interactive,
        boolean terminal,
        boolean takeOver,
        Supplier<DnsView> dns,
        Instant now) {
      this(
          fleet,
          settings,
          explicitId,
          yes,
          interactive,
          terminal,
          takeOver,
          dns,
          now,
          PromotionGates.NONE);
    }
  }

  public static Decision decide(Inputs in) {
    EchoFleet fleet = in.fleet();
    EchoTags tags = fleet.tags();
    Optional<Decision> unreadable = Targets.unknownStages(fleet, "roll back");
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    List<EchoInstance> promoted = fleet.promoted();
    if (promoted.isEmpty()) {
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON, "nothing to roll back: no clone is promoted", null, null);
    }
    DnsView dns = in.dns().get();
    if (promoted.size() > 1) {
      return finishInterrupted(in, promoted, dns);
    }
    EchoInstance current = promoted.get(0);
    boolean byRollback =
        current.tag(tags.promotedBy()).map(b -> b.startsWith("rollback")).orElse(false);
    if (byRollback && in.explicitId() == null) {
      // a rerun after success changes nothing; going further back is a deliberate, named choice
      return Decision.stop(
          Outcome.DONE,
          "already rolled back: "
              + current.id()
              + " was promoted by a rollback; to"
              + " roll back further, name the clone: 'rds-echo rollback --instance ID' (rds-echo status lists them)",
          current,
          Stage.PROMOTED);
    }
    // back, never sideways: only a clone that was promoted before (a forgotten clone that never
    // was, say one whose sanitize failed, never served the CNAME and may hold raw production data)
    List<EchoInstance> named =
        fleet.inStages(java.util.EnumSet.of(Stage.FORGOTTEN)).stream()
            .filter(i -> in.explicitId() == null || i.id().equals(in.explicitId()))
            .toList();
    Optional<EchoInstance> previous =
        named.stream()
            .filter(i -> i.tag(tags.promotedBy()).isPresent())
            .filter(i -> i.isAvailable() && i.endpoint() != null)
            .findFirst();
    if (previous.isEmpty() && in.explicitId() != null) {
      boolean neverPromoted = named.stream().anyMatch(i -> i.tag(tags.promotedBy()).isEmpty());
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "cannot roll back to "
              + in.explicitId()
              + ": "
              + (neverPromoted
                  ? "it was never promoted (no tag "
                      + tags.promotedBy()
                      + "), and rollback only goes back to a clone that was"
                  : "it is not a forgotten clone of this name that was promoted before and is still available")
              + " (rds-echo status lists them)",
          current,
          Stage.PROMOTED);
    }
    if (previous.isEmpty()) {
      return Decision.stop(
          Outcome.NOTHING_TO_ACT_ON,
          "nothing to roll back to: no forgotten clone that was promoted"
              + " before is still available (retire deletes them; roll back before 'rds-echo retire' runs)",
          current,
          Stage.PROMOTED);
    }
    EchoInstance back = previous.get();
    Optional<String> gate = in.gates().refusalToReturn(tags, back);
    if (gate.isPresent()) {
      return Decision.stop(
          Outcome.REFUSED,
          "refusing to roll back to "
              + back.id()
              + ": "
              + gate.get()
              + "; "
              + in.settings().cname()
              + " is unchanged",
          current,
          Stage.PROMOTED);
    }
    boolean dnsAlreadyBack = DnsNames.same(dns.currentTarget(), back.endpoint());
    CnameTarget target = CnameTarget.of(fleet, dns.currentTarget());
    if (!dnsAlreadyBack && target.needsTakeOver() && !in.takeOver()) {
      return target.refusal("rollback", in.settings().cname(), current, Stage.PROMOTED);
    }
    if (!dnsAlreadyBack) {
      Optional<Decision> shared =
          dns.sharedNameRefusal("rollback", in.settings().cname(), current, Stage.PROMOTED);
      if (shared.isPresent()) {
        return shared.get();
      }
    }
    boolean ask = false;
    String by;
    if (in.yes()) {
      by = "rollback --yes";
    } else if (in.interactive() && in.terminal() && !in.settings().requireConfirmation()) {
      by = "rollback prompt";
      ask = true;
    } else if (!in.interactive() && !in.settings().requireConfirmation()) {
      by = "rollback rdsecho.interactive=false";
    } else {
      return Decision.stop(
          Outcome.REFUSED,
          "rolling back "
              + in.settings().cname()
              + " from "
              + current.id()
              + " to "
              + back.id()
              + " needs a confirmation: run 'rds-echo rollback --yes'"
              + (in.terminal()
                  ? ""
                  : " (standard input is not a terminal, so nobody can be asked here)"),
          current,
          Stage.PROMOTED);
    }
    List<Action> actions = new ArrayList<>();
    if (!dnsAlreadyBack) {
      actions.add(
          new CloudAction.PointCname(
              dns.zoneId(), in.settings().cname(), back.endpoint(), in.settings().ttl()));
    }
    Map<String, String> promotedTags =
        new LinkedHashMap<>(tags.transition(Stage.PROMOTED, in.now()));
    promotedTags.put(tags.promotedBy(), TagValues.value(by));
    // the snapshot just rolled back from is not restored again; a newer one is (§15: the record
    // is handed on with the promoted role, so it outlives the clone rolled back from)
    List<String> older = new ArrayList<>(tags.givenUpOf(current));
    older.addAll(tags.givenUpOf(back));
    String record =
        TagValues.givenUpValue(tags.snapshotOf(current).map(List::of).orElse(List.of()), older);
    if (!record.isEmpty()) {
      promotedTags.put(tags.givenUp(), record);
    }
    actions.add(CloudAction.Tag.add(back, promotedTags));
    actions.add(CloudAction.Tag.add(current, tags.forgetPromoted(current, in.now())));
    Decision decision =
        Decision.act(
            "rolled back: "
                + in.settings().cname()
                + " points at "
                + back.endpoint()
                + " again ("
                + back.id()
                + " promoted, "
                + current.id()
                + " forgotten)",
            back,
            Stage.FORGOTTEN,
            Stage.PROMOTED,
            actions);
    return ask ? decision.askingOperator() : decision;
  }

  /** A rollback (or promotion) stopped between its tag writes: the CNAME says which one stays. */
  private static Decision finishInterrupted(Inputs in, List<EchoInstance> promoted, DnsView dns) {
    Optional<EchoInstance> keeper =
        promoted.stream().filter(p -> p.isNamedBy(dns.currentTarget())).findFirst();
    if (keeper.isEmpty()) {
      return Decision.stop(
          Outcome.REFUSED,
          "two clones are tagged promoted and "
              + in.settings().cname()
              + " points at neither: run 'rds-echo promote' to settle on the newest, then roll back",
          null,
          null);
    }
    List<Action> actions = new ArrayList<>();
    for (EchoInstance other : promoted) {
      if (!other.id().equals(keeper.get().id())) {
        actions.add(CloudAction.Tag.add(other, in.fleet().tags().forgetPromoted(other, in.now())));
      }
    }
    return Decision.act(
        "finished the interrupted rollback to " + keeper.get().id(),
        keeper.get(),
        Stage.PROMOTED,
        Stage.PROMOTED,
        actions);
  }
}

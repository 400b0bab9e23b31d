package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.config.DnsNames;
import org.rdsecho.config.PromoteSettings;
import org.rdsecho.core.Outcome;

/**
 * Decides what {@code promote} does. The writes are ordered DNS first, then the old promoted
 * instances to forgotten, then the new one to promoted: the last write is the one that makes a
 * rerun see "already promoted", so an interruption anywhere before it is finished by a rerun.
 */
public final class PromotePlanner {
  /** The stages promote (and confirm) accept. */
  public static final Set<Stage> PROMOTABLE = Step.PROMOTE.accepts();

  private PromotePlanner() {}

  /** What promote observed and was told. */
  public record Inputs(
      EchoFleet fleet,
      PromoteSettings settings,
      PromotionGates gates,
      String explicitId,
      boolean yes,
      boolean interactive,
      boolean terminal,
      boolean takeOver,
      Supplier<DnsView> dns,
      Instant now) {}

  public static Decision decide(Inputs in) {
    EchoFleet fleet = in.fleet();
    EchoTags tags = fleet.tags();
    Targets.Selection selection = Targets.select(fleet, Step.PROMOTE, in.explicitId());
    if (!selection.found()) {
      Decision stop = selection.stop();
      boolean promotedAlready =
          stop.outcome() == Outcome.DONE && stop.fromStage() == Stage.PROMOTED;
      return promotedAlready ? reconcile(in, stop) : stop;
    }
    EchoInstance instance = selection.instance();
    Stage stage = fleet.stageOf(instance);
    Optional<PromotionGates.Refusal> gate = in.gates().check(tags, instance, stage);
    if (gate.isPresent()) {
      return Decision.refuse(
          gate.get().rule(),
          "refusing to promote " + instance.id() + ": " + gate.get().reason(),
          instance,
          stage);
    }
    if (!instance.isAvailable() || instance.endpoint() == null) {
      return Targets.notReady(instance, stage, "promote");
    }
    // every other check before anybody is asked (§17): a person must never approve what is then
    // refused
    DnsView dns = in.dns().get();
    CnameTarget current = CnameTarget.of(fleet, dns.currentTarget());
    if (current.needsTakeOver() && !in.takeOver()) {
      return current.refusal("promote", in.settings().cname(), instance, stage);
    }
    if (!DnsNames.same(dns.currentTarget(), instance.endpoint())) {
      Optional<Decision> shared =
          dns.sharedNameRefusal("promote", in.settings().cname(), instance, stage);
      if (shared.isPresent()) {
        return shared.get();
      }
    }

    Optional<String> confirmedBy = instance.tag(tags.confirmedBy());
    String by;
    boolean ask = false;
    if (in.yes()) {
      by = "--yes";
    } else if (confirmedBy.isEmpty()
        && DnsNames.same(in.dns().get().currentTarget(), instance.endpoint())) {
      // a promotion that stopped after the CNAME moved (a tag write failed): the CNAME already
      // serves this clone, so the next run finishes the tagging without asking again (§15)
      by = "finished after DNS moved";
    } else if (confirmedBy.isPresent()) {
      by = confirmedBy.get();
    } else if (in.settings().requireConfirmation() || (in.interactive() && !in.terminal())) {
      // nobody to ask now: record the request once (cron mails that run), then again once per
      // remindEvery (cron mails those runs too), and wait for a confirm
      Optional<String> tag = instance.tag(tags.promoteRequestedAt());
      // a hand-edited value that is not <time> or <time>/<time>, or says the future, is asked anew
      Optional<Instant> requested =
          tag.flatMap(t -> TagValues.parseTime(t.split("/", -1)[0]))
              .filter(t -> !t.isAfter(in.now()));
      Optional<Instant> announced =
          tag.flatMap(t -> TagValues.parseTime(t.substring(t.lastIndexOf('/') + 1)))
              .filter(t -> !t.isAfter(in.now()));
      List<Action> request;
      String since = "";
      if (requested.isEmpty() || announced.isEmpty()) {
        request =
            List.of(
                CloudAction.Tag.add(
                    instance, Map.of(tags.promoteRequestedAt(), TagValues.time(in.now()))));
      } else if (!announced.get().plus(in.settings().remindEvery()).isAfter(in.now())) {
        String interval = TagValues.time(requested.get()) + "/" + TagValues.time(in.now());
        request =
            List.of(CloudAction.Tag.add(instance, Map.of(tags.promoteRequestedAt(), interval)));
        since = " (a reminder: asked since " + TagValues.time(requested.get()) + ")";
      } else {
        request = List.of();
      }
      String why =
          in.settings().requireConfirmation()
              ? ""
              : " (standard input is not a terminal, so nobody can be" + " asked here)";
      return Decision.awaitConfirmation(
          "promotion of "
              + instance.id()
              + " to "
              + in.settings().cname()
              + " awaits confirmation"
              + why
              + since
              + ": run 'rds-echo confirm --by <your name>' and the next 'rds-echo promote' (or advance) proceeds,"
              + " or run 'rds-echo promote --yes'",
          instance,
          stage,
          request);
    } else if (in.interactive()) {
      by = "prompt";
      ask = true;
    } else {
      by = "rdsecho.interactive=false";
    }

    List<Action> actions = new ArrayList<>();
    if (!DnsNames.same(dns.currentTarget(), instance.endpoint())) {
      actions.add(
          new CloudAction.PointCname(
              dns.zoneId(), in.settings().cname(), instance.endpoint(), in.settings().ttl()));
    }
    for (EchoInstance old : fleet.promoted()) {
      if (!old.id().equals(instance.id())) {
        actions.add(CloudAction.Tag.add(old, tags.forgetPromoted(old, in.now())));
      }
    }
    Map<String, String> promotedTags = new LinkedHashMap<>(in.settings().tags());
    promotedTags.putAll(tags.transition(Stage.PROMOTED, in.now()));
    promotedTags.put(tags.promotedBy(), TagValues.value(by));
    // what the clones before it gave up moves with the promoted role, so it outlives them (§15)
    List<String> older = new ArrayList<>(tags.givenUpOf(instance));
    fleet.promoted().forEach(old -> older.addAll(tags.givenUpOf(old)));
    String record = TagValues.givenUpValue(List.of(), older);
    if (!record.isEmpty()) {
      promotedTags.put(tags.givenUp(), record);
    }
    // promotedBy now says who let it through: the request and confirmation tags go, before the
    // promoted tags come, so the clone never holds more than 10 of ours (§15 "Tags fit"); a crash
    // in between leaves DNS on the clone, and the rerun finishes without asking again
    List<String> answered =
        java.util.stream.Stream.of(
                tags.promoteRequestedAt(), tags.confirmedBy(), tags.confirmedAt())
            .filter(k -> instance.tag(k).isPresent())
            .toList();
    if (!answered.isEmpty()) {
      actions.add(CloudAction.Tag.of(instance, Map.of(), answered));
    }
    actions.add(CloudAction.Tag.add(instance, promotedTags));

    String was = dns.currentTarget() == null ? "no record before" : "was " + dns.currentTarget();
    Decision decision =
        Decision.act(
            "promoted "
                + instance.id()
                + ": "
                + in.settings().cname()
                + " now points at "
                + instance.endpoint()
                + " ("
                + was
                + ")",
            instance,
            stage,
            Stage.PROMOTED,
            actions);
    return ask ? decision.askingOperator() : decision;
  }

  /**
   * Promotion is already done, but DNS or the tags may have drifted: the CNAME edited by hand, or
   * two clones tagged promoted (an older tool, a hand edit, a crash). The record decides which one
   * is promoted: the one it points at stays so, else the newest, and the CNAME is pointed back at
   * it before the others are forgotten, so no crash leaves the CNAME on a forgotten clone.
   */
  private static Decision reconcile(Inputs in, Decision stop) {
    EchoFleet fleet = in.fleet();
    List<EchoInstance> promoted = fleet.promoted();
    if (in.settings().cname() == null || promoted.isEmpty()) {
      return stop;
    }
    DnsView dns = in.dns().get();
    EchoInstance keeper =
        promoted.stream()
            .filter(p -> p.isNamedBy(dns.currentTarget()))
            .findFirst()
            .orElse(promoted.get(0));
    List<Action> actions = new ArrayList<>();
    String note = "";
    if (!DnsNames.same(dns.currentTarget(), keeper.endpoint())) {
      if (keeper.endpoint() == null || !keeper.isAvailable()) {
        return Targets.notReady(keeper, Stage.PROMOTED, "promote");
      }
      CnameTarget current = CnameTarget.of(fleet, dns.currentTarget());
      if (current.needsTakeOver() && !in.takeOver()) {
        return current.refusal("promote", in.settings().cname(), keeper, Stage.PROMOTED);
      }
      Optional<Decision> shared =
          dns.sharedNameRefusal("promote", in.settings().cname(), keeper, Stage.PROMOTED);
      if (shared.isPresent()) {
        return shared.get();
      }
      actions.add(
          new CloudAction.PointCname(
              dns.zoneId(), in.settings().cname(), keeper.endpoint(), in.settings().ttl()));
      note =
          "; "
              + in.settings().cname()
              + " pointed at "
              + (dns.currentTarget() == null ? "nothing" : dns.currentTarget())
              + ", so it is pointed back at "
              + keeper.endpoint();
    }
    List<String> forgotten = new ArrayList<>();
    for (EchoInstance other : promoted) {
      if (!other.id().equals(keeper.id())) {
        actions.add(CloudAction.Tag.add(other, fleet.tags().forgetPromoted(other, in.now())));
        forgotten.add(other.id());
      }
    }
    if (actions.isEmpty()) {
      return stop;
    }
    if (!forgotten.isEmpty()) {
      note +=
          "; "
              + String.join(", ", forgotten)
              + " also said promoted and "
              + (forgotten.size() == 1 ? "is" : "are")
              + " now forgotten";
    }
    return Decision.act(
        "repaired promotion of " + keeper.id() + note,
        keeper,
        Stage.PROMOTED,
        Stage.PROMOTED,
        actions);
  }
}

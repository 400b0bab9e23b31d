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
      return promotedAlready ? PromotionRepair.decide(in, stop) : stop;
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
      return PromotionRequest.await(in, instance, stage);
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
}

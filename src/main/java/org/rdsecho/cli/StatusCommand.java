package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.CnameTarget;
import org.rdsecho.stage.DnsView;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.FinalSnapshots;
import org.rdsecho.stage.SnapshotInfo;

/**
 * {@code status}: what an operator needs before acting: where (region, account), every instance
 * managed under this name with its stage, problems and pending or confirmed promotion, where the
 * CNAME points and whether that is ours, and the final snapshots kept. Text shows a table; JSON
 * carries each as a field.
 */
@Parameters(
    commandNames = "status",
    commandDescription =
        "List every instance managed under this name, the CNAME and" + " the final snapshots kept")
final class StatusCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  StatusCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "status";
  }

  @Override
  public Result run(Context ctx) {
    String name = ctx.name();
    EchoFleet fleet = ctx.fleet();
    EchoTags tags = fleet.tags();
    String region = ctx.region();
    String account =
        fleet.all().stream()
            .map(i -> accountOf(i.arn()))
            .filter(a -> a != null)
            .findFirst()
            .orElse(null);
    String cnameName = ctx.config().promote().cname();
    DnsView dns = null;
    String dnsTrouble = null;
    if (cnameName != null) {
      try {
        dns = Dns.view(ctx).get();
      } catch (org.rdsecho.core.EchoException e) {
        dnsTrouble = e.getMessage(); // status still lists the instances; the note says what failed
      }
    }
    String target = dns == null ? null : dns.currentTarget();

    List<EchoInstance> shown = new ArrayList<>(fleet.managed());
    shown.addAll(
        fleet
            .foreign()); // restored from ours by someone: listed with their problem, never acted on
    shown.addAll(fleet.taggedSources());
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (EchoInstance i : shown) {
      boolean promoted =
          i.endpoint() != null
              && target != null
              && org.rdsecho.config.DnsNames.same(i.endpoint(), target);
      boolean ours = fleet.notOurs(i).isEmpty();
      String stage =
          !ours || fleet.unknownStage(i).isPresent()
              ? i.tag(tags.stage())
                  .map(v -> !ours ? EchoTags.value(v) : "?" + EchoTags.value(v))
                  .orElse("?")
              : fleet.stageOf(i).tagValue();
      String problem = fleet.problem(i).orElse(null);
      Optional<String> requested = i.tag(tags.promoteRequestedAt());
      Optional<String> confirmedBy = i.tag(tags.confirmedBy());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", i.id());
      row.put("kind", i.kind().label());
      row.put("stage", stage);
      row.put("rdsStatus", i.status());
      row.put("endpoint", i.endpoint());
      row.put("port", i.port());
      row.put("snapshot", tags.snapshotOf(i).orElse(null));
      row.put("createdAt", i.createdAt() == null ? null : EchoTags.time(i.createdAt()));
      row.put("promoted", promoted);
      row.put("problem", problem);
      row.put("promoteRequestedAt", requested.orElse(null));
      row.put("confirmedBy", confirmedBy.orElse(null));
      row.put("verifiedAt", i.tag(tags.verifiedAt()).orElse(null));
      row.put("carriedAt", i.tag(tags.carriedAt()).orElse(null));
      if (i.isCluster()) {
        row.put(
            "instances",
            i.members().stream()
                .map(m -> Map.of("id", m.id(), "rdsStatus", m.status(), "writer", m.writer()))
                .toList());
      }
      rows.add(row);
      lines.add(
          String.format(
              "%s %-45s %-10s %-12s %-8s %-32s %s",
              promoted ? "*" : " ",
              i.id(),
              stage,
              i.status(),
              i.createdAt() == null ? "-" : age(Duration.between(i.createdAt(), ctx.now())),
              shortened(tags.snapshotOf(i).orElse("-"), 32),
              i.endpoint() == null ? "-" : i.endpoint() + ":" + i.port()));
      if (i.isCluster()) {
        notes.add(
            "  "
                + i.id()
                + " is a cluster: "
                + (i.members().isEmpty()
                    ? "no instances yet"
                    : String.join(
                        ", ",
                        i.members().stream()
                            .map(
                                m ->
                                    (m.writer() ? "writer " : "reader ")
                                        + m.id()
                                        + " ("
                                        + m.status()
                                        + ")")
                            .toList())));
      }
      if (problem != null) {
        notes.add("! " + i.id() + ": " + problem);
      }
      boolean forgotten =
          ours
              && fleet.unknownStage(i).isEmpty()
              && fleet.stageOf(i) == org.rdsecho.stage.Stage.FORGOTTEN;
      java.time.Duration after = ctx.config().retire().after();
      // only a clone promoted before is one rollback goes back to, and only such a clone is kept
      Optional<java.time.Instant> forgottenAt =
          forgotten && !after.isZero() && i.tag(tags.promotedBy()).isPresent()
              ? org.rdsecho.stage.RollbackWindow.forgottenAt(tags, i)
              : Optional.empty();
      if (forgottenAt.isPresent()) {
        java.time.Instant until = forgottenAt.get().plus(after);
        row.put("retireAfter", EchoTags.time(until));
        notes.add(
            "~ "
                + i.id()
                + ": forgotten at "
                + EchoTags.time(forgottenAt.get())
                + "; "
                + (until.isAfter(ctx.now())
                    ? "kept for 'rds-echo rollback' until " + EchoTags.time(until)
                    : "its rollback window ended at " + EchoTags.time(until))
                + " (rdsecho.retire.after"
                + (ctx.config().retire().whenIdle() ? ", and once idle: whenIdle" : "")
                + ")");
      }
      boolean waiting =
          ours && fleet.unknownStage(i).isEmpty() && fleet.stageOf(i).isPrePromotion();
      if (waiting && confirmedBy.isPresent()) {
        notes.add(
            "~ "
                + i.id()
                + ": promotion confirmed by "
                + confirmedBy.get()
                + "; the next promote proceeds");
      } else if (waiting && requested.isPresent()) {
        notes.add(
            "~ "
                + i.id()
                + ": promotion requested at "
                + requested.get().split("/", -1)[0]
                + ", waiting for 'rds-echo confirm"
                + " --by NAME'");
      }
    }

    Map<String, Object> cname = null;
    if (dnsTrouble != null) {
      notes.add(0, "CNAME " + cnameName + ": not looked up (" + dnsTrouble + ")");
    } else if (cnameName != null) {
      CnameTarget owner = CnameTarget.of(fleet, target);
      cname = new LinkedHashMap<>();
      cname.put("name", cnameName);
      cname.put("target", target);
      cname.put("managed", owner.kind() == CnameTarget.Kind.OURS);
      cname.put("instance", owner.owner() == null ? null : owner.owner().id());
      String whose =
          switch (owner.kind()) {
            case NONE -> "has no record yet";
            case OURS -> "points at " + owner.owner().id();
            case SOURCE ->
                "points at the SOURCE instance "
                    + owner.owner().id()
                    + " (promote needs --take-over)";
            case OTHER_RDS ->
                "points at "
                    + target
                    + ", an RDS endpoint that is not ours (promote needs --take-over)";
            case NOT_RDS -> "points at " + target + ", not an RDS endpoint";
          };
      notes.add(0, "CNAME " + cnameName + " " + whose);
    }

    List<String> finals;
    try {
      List<SnapshotInfo> manual = ctx.snapshots().manual();
      finals = FinalSnapshots.of(fleet.ownership(), manual).stream().map(SnapshotInfo::id).toList();
      for (SnapshotInfo s : manual) {
        org.rdsecho.stage.Ownership.Verdict v = fleet.ownership().of(s);
        if (v.role() == org.rdsecho.stage.Ownership.Role.FOREIGN) {
          notes.add("! snapshot " + s.id() + ": " + v.why());
        }
      }
    } catch (org.rdsecho.core.EchoException e) {
      // status must work with read rights on instances alone; say what could not be read
      finals = List.of();
      notes.add("final snapshots: not listed (" + e.getMessage() + ")");
    }
    if (!finals.isEmpty()) {
      Integer keep = ctx.config().retire().keepFinalSnapshots();
      notes.add(
          "final snapshots of retired clones: "
              + finals.size()
              + " (newest "
              + finals.get(0)
              + "; retire keeps "
              + (keep == null ? "all" : "the newest " + keep)
              + ")");
    }

    String where = "region " + region + (account == null ? "" : ", account " + account);
    String message =
        rows.isEmpty()
            ? "no instances are managed under the name "
                + name
                + " in "
                + where
                + " (check --region if you expected some)"
            : fleet.managed().size()
                + (ctx.aurora() ? " cluster(s)" : " instance(s)")
                + " managed under the name "
                + name
                + " in "
                + where
                + (rows.size() > fleet.managed().size()
                    ? "; "
                        + (rows.size() - fleet.managed().size())
                        + " more carry its tags but are not its own (see the notes)"
                    : "");
    StringBuilder table = new StringBuilder();
    if (!rows.isEmpty()) {
      table
          .append(
              String.format(
                  "  %-45s %-10s %-12s %-8s %-32s %s",
                  "INSTANCE",
                  "STAGE",
                  "RDS STATUS",
                  "AGE",
                  "FROM (snapshot or point in time)",
                  "ENDPOINT"))
          .append('\n')
          .append(String.join("\n", lines));
      if (rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("promoted")))) {
        table.append("\n(* = ").append(cnameName).append(" points here)");
      }
    }
    if (!notes.isEmpty()) {
      table.append(table.length() == 0 ? "" : "\n").append(String.join("\n", notes));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("instances", rows);
    extra.put("region", region);
    extra.put("account", account);
    extra.put("cname", cname);
    extra.put("finalSnapshots", finals);
    return new Result(
            name(),
            name,
            Outcome.DONE,
            false,
            global.dryRun(),
            message,
            null,
            null,
            null,
            List.of(),
            Map.of())
        .withExtra(extra)
        .withDetails(table.toString());
  }

  /** Long identities (shared snapshots' ARNs) keep their end, which is the part that differs. */
  private static String shortened(String text, int width) {
    return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
  }

  static String accountOf(String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":");
    return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
  }

  private static String age(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d" + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    return Math.max(0, d.toMinutes()) + "m";
  }
}

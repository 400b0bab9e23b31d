package org.rdsecho.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.RollbackWindow;
import org.rdsecho.stage.Stage;
import org.rdsecho.stage.TagValues;

/**
 * What {@code status} says of each instance it lists: the JSON row, the table line, and the notes
 * under the table (a cluster's members, a problem, a rollback window, a promotion waiting).
 */
final class StatusRows {
  final List<Map<String, Object>> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Context ctx;
  private final EchoFleet fleet;
  private final EchoTags tags;
  private final String target;

  /**
   * @param target where the CNAME points, or null
   */
  StatusRows(Context ctx, EchoFleet fleet, String target) {
    this.ctx = ctx;
    this.fleet = fleet;
    this.tags = fleet.tags();
    this.target = target;
  }

  /** One instance's row, line and notes. */
  void add(EchoInstance i) {
    boolean promoted = i.isNamedBy(target);
    boolean ours = fleet.notOurs(i).isEmpty();
    String stage =
        !ours || fleet.unknownStage(i).isPresent()
            ? i.tag(tags.stage())
                .map(v -> !ours ? TagValues.value(v) : "?" + TagValues.value(v))
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
    row.put("createdAt", i.createdAt() == null ? null : TagValues.time(i.createdAt()));
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
              .map(
                  m -> {
                    // ordered: Map.of's order changes from one run to the next
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("id", m.id());
                    member.put("rdsStatus", m.status());
                    member.put("writer", m.writer());
                    return member;
                  })
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
    waitingNotes(i, row, ours, requested, confirmedBy);
  }

  /** A forgotten clone's rollback window, or a promotion confirmed or waiting for a person. */
  private void waitingNotes(
      EchoInstance i,
      Map<String, Object> row,
      boolean ours,
      Optional<String> requested,
      Optional<String> confirmedBy) {
    boolean forgotten =
        ours && fleet.unknownStage(i).isEmpty() && fleet.stageOf(i) == Stage.FORGOTTEN;
    Duration after = ctx.config().retire().after();
    // only a clone promoted before is one rollback goes back to, and only such a clone is kept
    Optional<Instant> forgottenAt =
        forgotten && !after.isZero() && i.tag(tags.promotedBy()).isPresent()
            ? RollbackWindow.forgottenAt(tags, i)
            : Optional.empty();
    if (forgottenAt.isPresent()) {
      Instant until = forgottenAt.get().plus(after);
      row.put("retireAfter", TagValues.time(until));
      notes.add(
          "~ "
              + i.id()
              + ": forgotten at "
              + TagValues.time(forgottenAt.get())
              + "; "
              + (until.isAfter(ctx.now())
                  ? "kept for 'rds-echo rollback' until " + TagValues.time(until)
                  : "its rollback window ended at " + TagValues.time(until))
              + " (rdsecho.retire.after"
              + (ctx.config().retire().whenIdle() ? ", and once idle: whenIdle" : "")
              + ")");
    }
    boolean waiting = ours && fleet.unknownStage(i).isEmpty() && fleet.stageOf(i).isPrePromotion();
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

  /** The table: a header, a line for each instance, and what the star means. */
  String table(String cnameName) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder table = new StringBuilder();
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
    return table.toString();
  }

  /** Long identities (shared snapshots' ARNs) keep their end, which is the part that differs. */
  private static String shortened(String text, int width) {
    return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
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

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rdsecho.config.DnsNames;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.EchoTags;
import org.rdsecho.stage.Outcome;

/** {@code status}: every instance managed under this name, and where the CNAME points. */
@Parameters(commandNames = "status", commandDescription = "List every instance managed under this name")
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
    Supplier<String> target = Dns.currentTarget(ctx);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<EchoInstance> shown = new ArrayList<>(fleet.managed());
    shown.addAll(fleet.taggedSources());
    List<String> problems = new ArrayList<>();
    for (EchoInstance i : shown) {
      boolean promoted = i.endpoint() != null && DnsNames.same(i.endpoint(), target.get());
      String stage = fleet.unknownStage(i).isPresent()
          ? i.tag(fleet.tags().stage()).map(v -> "?" + EchoTags.value(v)).orElse("?")
          : fleet.stageOf(i).tagValue();
      String problem = fleet.problem(i).orElse(null);
      if (problem != null) {
        problems.add("! " + i.id() + ": " + problem);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", i.id());
      row.put("stage", stage);
      row.put("rdsStatus", i.status());
      row.put("endpoint", i.endpoint());
      row.put("port", i.port());
      row.put("snapshot", fleet.tags().snapshotOf(i).orElse(null));
      row.put("createdAt", i.createdAt() == null ? null : EchoTags.time(i.createdAt()));
      row.put("promoted", promoted);
      row.put("problem", problem);
      rows.add(row);
      lines.add(
          String.format(
              "%s %-45s %-10s %-12s %-8s %s",
              promoted ? "*" : " ",
              i.id(),
              stage,
              i.status(),
              i.createdAt() == null ? "-" : age(Duration.between(i.createdAt(), ctx.now())),
              i.endpoint() == null ? "-" : i.endpoint() + ":" + i.port()));
    }
    String message;
    if (rows.isEmpty()) {
      message = "no instances are managed under the name " + name;
    } else {
      String header =
          String.format("  %-45s %-10s %-12s %-8s %s", "INSTANCE", "STAGE", "RDS STATUS", "AGE", "ENDPOINT");
      String cname = ctx.config().promote().cname();
      String footer = cname == null ? "" : "\n(* = " + cname + " points here)";
      message = header + "\n" + String.join("\n", lines) + footer
          + (problems.isEmpty() ? "" : "\n" + String.join("\n", problems));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("instances", rows);
    return new Result(name(), name, Outcome.DONE, false, global.dryRun(), message, null, null, null, List.of(), Map.of())
        .withExtra(extra);
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

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdsecho.config.DnsNames;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.CnameTarget;
import org.rdsecho.stage.DnsView;
import org.rdsecho.stage.EchoFleet;
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
        "List every instance managed under this name, the CNAME and the final snapshots kept")
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

    StatusRows listed = new StatusRows(ctx, fleet, target);
    fleet.managed().forEach(listed::add);
    // restored from ours by someone: listed with their problem, never acted on
    fleet.foreign().forEach(listed::add);
    fleet.taggedSources().forEach(listed::add);
    List<Map<String, Object>> rows = listed.rows;
    List<String> notes = listed.notes;

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
            case NONE ->
                dns.sharing().isEmpty()
                    ? "has no record yet"
                    : "has no plain CNAME: the name holds "
                        + String.join(", ", dns.sharing())
                        + " (promote and rollback refuse while it does; retire keeps the clones"
                        + " its CNAMEs point at)";
            case OURS ->
                "points at "
                    + owner.owner().id()
                    + (DnsNames.same(target, owner.owner().endpoint())
                        ? ""
                        : " (as " + target + ")");
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
      notes.add(0, "CNAME " + cnameName + " " + whose + owner.resemblance());
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
    StringBuilder table = new StringBuilder(listed.table(cnameName));
    if (!notes.isEmpty()) {
      table.append(table.length() == 0 ? "" : "\n").append(String.join("\n", notes));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("instances", rows);
    extra.put("region", region);
    extra.put("account", account);
    extra.put("cname", cname);
    extra.put("finalSnapshots", finals);
    return Result.of(name(), name, Outcome.DONE, global.dryRun(), message)
        .withExtra(extra)
        .withDetails(table.toString());
  }

  static String accountOf(String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":");
    return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
  }
}

package org.rdsecho.cli;

import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.aws.S3Location;
import org.rdsecho.config.ConfigException;
import org.rdsecho.config.ConfigKeys;
import org.rdsecho.config.ServerNames;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.CarrySettings;
import org.rdsecho.config.VerifySettings;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.dump.Exporter;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.stage.Action;
import org.rdsecho.stage.DataAction;
import org.rdsecho.core.EchoException;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.core.Outcome;
import org.rdsecho.stage.Stage;
import org.rdsecho.stage.VerifyPlanner;

/**
 * {@code verify} (§13): restores the clone's newest dump set into scratch databases on the
 * verification server and compares it with the clone; records verifiedAt, the stage unchanged.
 */
@Parameters(commandNames = "verify") // its help line is in the command table, stage/Step
final class VerifyCommand implements EchoCommand {
  @ParametersDelegate final GlobalOptions global;

  VerifyCommand(GlobalOptions global) {
    this.global = global;
  }

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public Result run(Context ctx) {
    ctx.name();
    VerifySettings verify = ctx.config().verify();
    if (!verify.configured()) {
      throw ctx.config().missing(ConfigKeys.VERIFY_HOST, "a scratch MySQL/MariaDB server to restore the dumps into"
          + " (never the clone, the source or the promoted clone)");
    }
    StageRunner runner = new StageRunner(ctx, name());
    return runner.run(
        () -> {
          EchoFleet fleet = ctx.fleet();
          return VerifyPlanner.decide(fleet, global.instance(), ctx.now(), clone -> work(ctx, fleet, clone));
        },
        decision -> new VerifyPlane(ctx, decision.target()),
        (decision, changes) -> {});
  }

  private static VerifyPlanner.Work work(Context ctx, EchoFleet fleet, EchoInstance clone) {
    EchoConfig config = ctx.config();
    String server = checkServer(ctx, fleet, clone);
    boolean sanitized = fleet.stageOf(clone) == Stage.SANITIZED && config.sanitize().dir() != null;
    String kind = sanitized ? SanitizeCommand.KIND : ExportCommand.KIND;
    String template = sanitized ? config.sanitize().dir() : config.export().effectiveDir();
    if (template == null) {
      throw config.missing(ConfigKeys.EXPORT_DIR, "the directory of the dumps verify restores");
    }
    List<Path> claimed = DumpSets.claimedBy(ctx.env().workDir(), template, ctx.name(), kind, clone.id());
    if (claimed.isEmpty()) {
      throw new EchoException(Outcome.FAILED, "no complete " + kind + " dump set of " + clone.id() + " under " + template
          + ": run 'rds-echo " + (sanitized ? "sanitize" : "export") + "' on this machine (verify reads the"
          + " dumps from the directory they were written to)");
    }
    // §16: only the set whose manifest is the one this clone's export wrote (its digest is on the clone)
    String key = ctx.tags().manifestDigest(kind);
    String recorded = clone.tag(key).orElse(null);
    Path dir = null;
    JsonNode manifest = null;
    for (Path set : claimed) {
      Optional<byte[]> bytes = DumpSets.manifestBytes(set);
      if (recorded != null && bytes.isPresent() && FileDigests.sha256(bytes.get()).equalsIgnoreCase(recorded)) {
        dir = set;
        manifest = parse(set, bytes.get());
        break;
      }
    }
    if (dir == null) {
      Path newest = claimed.get(0).resolve(Exporter.MANIFEST);
      String way = " 'rds-echo forget --instance " + clone.id() + "' and 'rds-echo new' make a clone whose dumps can be"
          + " verified";
      if (recorded == null) {
        throw new EchoException(Outcome.FAILED, "verify failed: " + clone.id() + " carries no " + key + " tag (it was "
            + (sanitized ? "sanitized" : "exported") + " by an earlier rds-echo), so " + newest + " cannot be told"
            + " from a manifest rewritten in the share; nothing was loaded;" + way);
      }
      throw new EchoException(Outcome.FAILED, "verify failed: " + newest + " is not the manifest the "
          + (sanitized ? "sanitize" : "export") + " of " + clone.id() + " wrote (its SHA-256 is "
          + DumpSets.manifestBytes(claimed.get(0)).map(FileDigests::sha256).orElse("unreadable") + ", the clone's "
          + key + " tag says " + recorded + "): the dump set was changed in the share after it was written, so"
          + " nothing was loaded; find out who can write there;" + way);
    }
    if (manifest.path("dataOnly").asBoolean(false) || !manifest.path("where").isMissingNode()
        && !manifest.path("where").isNull() || !sanitized && !config.export().tables().isEmpty()) {
      throw new EchoException(Outcome.REFUSED, "refusing to verify " + dir + ": it is a table export"
          + " (rdsecho.export.tables, dataOnly or where), which restores into an existing database, not into an"
          + " empty one; verify applies to whole-database dumps");
    }
    // a dump is data: refused at once (also under --dry-run) when the client could run its commands
    MysqlTools.find(ctx.env().variables().get("PATH")).requireSandbox("the dumps of " + dir);
    List<Action> actions = new ArrayList<>();
    VerifyPlane plane = new VerifyPlane(ctx, clone);
    plane.verifier().leftovers(ctx.name()).forEach(scratch -> actions.add(new DataAction.DropScratchDatabase(server,
        scratch)));
    String compression = manifest.path("compression").asText("gzip");
    for (JsonNode db : manifest.path("databases")) {
      String file = db.path("file").asText("");
      // a manifest is a file on a share: only plain names inside the set's directory are followed
      if (file.isEmpty() || file.contains("/") || file.startsWith(".")) {
        throw new EchoException(Outcome.FAILED, "the manifest of " + dir + " names the file " + file + ", which is"
            + " not a plain name inside the set: export again");
      }
      // an s3Only set keeps only its manifest here: the file is read from where it was uploaded
      String s3 = Files.exists(dir.resolve(file), java.nio.file.LinkOption.NOFOLLOW_LINKS) || manifest.path("s3Uri").isMissingNode() ? null
          : S3Location.parse(manifest.path("s3Uri").asText(), "the manifest's s3Uri").resolve(file)
              .toString();
      actions.add(new DataAction.VerifyDump(db.path("database").asText(), dir.toString(), file, compression,
          db.path("sha256").asText(null), server, s3));
    }
    return new VerifyPlanner.Work(dir.toString(), actions);
  }

  private static JsonNode parse(Path set, byte[] bytes) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
    } catch (java.io.IOException e) {
      throw new EchoException(Outcome.FAILED, "verify failed: " + set.resolve(Exporter.MANIFEST) + " is not JSON: "
          + e.getMessage());
    }
  }

  /**
   * Any name RDS gives the servers of {@code instance} (§16, attack F8): an Aurora cluster's
   * writer, reader and custom endpoints and each member instance's own endpoint all reach its data.
   */
  private static boolean anyEndpoint(String host, int port, EchoInstance instance) {
    return instance.endpoints().stream().anyMatch(e -> ServerNames.sameServer(host, port, e, instance.port()));
  }

  /**
   * The verification server may be none of the servers rds-echo reads or writes in another role
   * (§16): the clone (its endpoint, or export.host:port), the source, a promoted clone, the CNAME,
   * or the server carry reads from (carry.fromHost:fromPort). Hosts compare as {@link ServerNames}
   * says (case, trailing dot, IP literals, every loopback spelling one machine).
   */
  private static String checkServer(Context ctx, EchoFleet fleet, EchoInstance clone) {
    EchoConfig config = ctx.config();
    String host = config.verify().host();
    int port = config.verify().port() == null ? 3306 : config.verify().port();
    List<String> forbidden = new ArrayList<>();
    if (anyEndpoint(host, port, clone)) {
      forbidden.add("the clone " + clone.id());
    }
    if (config.export().host() != null && ServerNames.sameServer(host, port, config.export().host(),
        config.export().port())) {
      forbidden.add("the clone as reached through rdsecho.export.host");
    }
    String source = config.snapshot().source();
    Optional<EchoInstance> sourceInstance = source == null ? Optional.empty() : fleet.find(source);
    if (sourceInstance.isPresent() && anyEndpoint(host, port, sourceInstance.get())) {
      forbidden.add("the source " + source);
    }
    for (EchoInstance promoted : fleet.promoted()) {
      if (anyEndpoint(host, port, promoted)) {
        forbidden.add("the promoted clone " + promoted.id());
      }
      CarrySettings carry = config.carry();
      if (carry.fromHost() != null || carry.fromPort() != null) {
        String fromHost = carry.fromHost() != null ? carry.fromHost() : promoted.endpoint();
        Integer fromPort = carry.fromPort() != null ? carry.fromPort() : promoted.port();
        if (ServerNames.sameServer(host, port, fromHost, fromPort)) {
          forbidden.add("the promoted clone " + promoted.id() + " as carry reaches it (" + ConfigKeys.CARRY_FROM_HOST
              + ")");
        }
      }
    }
    // carry.fromHost is the promoted clone even when no clone is tagged promoted (a hand edit, a first night)
    if (config.carry().fromHost() != null && fleet.promoted().isEmpty()
        && ServerNames.sameServer(host, port, config.carry().fromHost(), config.carry().fromPort())) {
      forbidden.add("the promoted clone as carry reaches it (" + ConfigKeys.CARRY_FROM_HOST + ")");
    }
    if (config.promote().cname() != null && ServerNames.sameHost(host, config.promote().cname())) {
      forbidden.add("the CNAME " + config.promote().cname());
    }
    if (!forbidden.isEmpty()) {
      throw new ConfigException(ConfigKeys.VERIFY_HOST + "=" + host + " (port " + port + ") is "
          + String.join(" and ", forbidden.stream().distinct().toList()) + ": verify creates and drops databases"
          + " there and restores unscrubbed dumps into them, so give it a scratch server of its own");
    }
    return host + ":" + port;
  }

}

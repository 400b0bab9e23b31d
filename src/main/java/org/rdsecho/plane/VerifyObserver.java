package org.rdsecho.plane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.aws.S3Location;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.dump.DumpVerifier;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.ClientSeen;
import org.rdsecho.stage.ConnectionEnds;
import org.rdsecho.stage.DumpSetSeen;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.VerifyPlanner;

/**
 * What {@code verify} reads before it decides: the servers (nothing connected), the dump sets in
 * their directory (manifests read through the set's handle, their digests taken), the client on
 * PATH, and this echo's leftover scratch databases on the verification server. It only reads;
 * {@link VerifyPlanner} decides.
 */
public final class VerifyObserver implements VerifyPlanner.Observe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PlaneContext ctx;
  private final EchoFleet fleet;

  public VerifyObserver(PlaneContext ctx, EchoFleet fleet) {
    this.ctx = ctx;
    this.fleet = fleet;
  }

  @Override
  public ConnectionEnds ends(EchoInstance clone) {
    return EndsObserver.observe(ctx.config(), fleet, clone);
  }

  @Override
  public List<DumpSetSeen> dumpSets(String template, String kind, EchoInstance clone) {
    List<DumpSetSeen> sets = new ArrayList<>();
    for (Path set : DumpSets.claimedBy(ctx.workDir(), template, ctx.name(), kind, clone.id())) {
      Optional<byte[]> bytes = DumpSets.manifestBytes(set);
      if (bytes.isEmpty()) {
        sets.add(new DumpSetSeen(set.toString(), null, null, "it cannot be read"));
        continue;
      }
      try {
        sets.add(new DumpSetSeen(set.toString(), FileDigests.sha256(bytes.get()), contents(set,
            JSON.readTree(bytes.get())), null));
      } catch (IOException e) {
        sets.add(new DumpSetSeen(set.toString(), FileDigests.sha256(bytes.get()), null, e.getMessage()));
      }
    }
    return sets;
  }

  /** What verify reads of a manifest; an s3Only set's files are found where they were uploaded. */
  private static DumpSetSeen.Contents contents(Path set, JsonNode manifest) {
    List<DumpSetSeen.File> files = new ArrayList<>();
    for (JsonNode db : manifest.path("databases")) {
      String file = db.path("file").asText("");
      // only a plain name is looked for inside the set (the planner refuses any other)
      boolean plain = !file.isEmpty() && !file.contains("/") && !file.startsWith(".");
      files.add(new DumpSetSeen.File(db.path("database").asText(), file, db.path("sha256").asText(null),
          plain && Files.exists(set.resolve(file), LinkOption.NOFOLLOW_LINKS)));
    }
    JsonNode s3Uri = manifest.path("s3Uri");
    String prefix = s3Uri.isMissingNode() || files.stream().allMatch(DumpSetSeen.File::local) ? null
        : S3Location.parse(s3Uri.asText(), "the manifest's s3Uri").toString();
    boolean tableExport = manifest.path("dataOnly").asBoolean(false)
        || !manifest.path("where").isMissingNode() && !manifest.path("where").isNull();
    return new DumpSetSeen.Contents(manifest.path("compression").asText("gzip"), tableExport, prefix, files);
  }

  @Override
  public ClientSeen client() {
    MysqlTools tools = tools();
    return new ClientSeen(tools.client().toString(), tools.sandboxes());
  }

  @Override
  public List<String> leftovers() {
    MysqlTools tools = tools();
    return DumpVerifier.leftovers(new SqlClient(tools, Connections.toVerifyServer(ctx.config().verify(), ctx)),
        ctx.name());
  }

  private MysqlTools tools() {
    return MysqlTools.find(ctx.variables().get("PATH"));
  }
}

package org.rdsecho.plane;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdsecho.aws.S3Location;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.dump.DumpVerifier;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.dump.ManifestJson;
import org.rdsecho.dump.MysqlTools;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.ClientSeen;
import org.rdsecho.stage.ConnectionEnds;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpSetSeen;
import org.rdsecho.stage.EchoFleet;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.Manifest;
import org.rdsecho.stage.VerifyPlanner;

/**
 * What {@code verify} reads before it decides: the servers (nothing connected), the dump sets in
 * their directory (manifests read through the set's handle, their digests taken), the client on
 * PATH, and this echo's leftover scratch databases on the verification server. It only reads;
 * {@link VerifyPlanner} decides.
 */
public final class VerifyObserver implements VerifyPlanner.Observe {
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
  public List<DumpSetSeen> dumpSets(String template, DumpKind kind, EchoInstance clone) {
    List<DumpSetSeen> sets = new ArrayList<>();
    for (Path set : DumpSets.claimedBy(ctx.workDir(), template, ctx.name(), kind, clone.id())) {
      Optional<byte[]> bytes = DumpSets.manifestBytes(set);
      Manifest manifest = bytes.flatMap(ManifestJson::read).orElse(null);
      Set<String> local = new HashSet<>();
      if (manifest != null) {
        // only plain names are looked for inside the set (the planner refuses any other)
        manifest.databases().stream()
            .filter(Manifest.Database::plainFile)
            .map(Manifest.Database::file)
            .filter(f -> Files.exists(set.resolve(f), LinkOption.NOFOLLOW_LINKS))
            .forEach(local::add);
      }
      boolean remote =
          manifest != null
              && manifest.s3Uri() != null
              && manifest.databases().stream().anyMatch(d -> !local.contains(d.file()));
      sets.add(
          new DumpSetSeen(
              set.toString(),
              bytes.map(FileDigests::sha256).orElse(null),
              manifest,
              local,
              remote
                  ? S3Location.parse(manifest.s3Uri(), "the manifest's s3Uri").toString()
                  : null));
    }
    return sets;
  }

  @Override
  public ClientSeen client() {
    MysqlTools tools = tools();
    return tools.seen();
  }

  @Override
  public List<String> leftovers() {
    MysqlTools tools = tools();
    return DumpVerifier.leftovers(
        new SqlClient(tools, Connections.toVerifyServer(ctx.config().verify(), ctx)), ctx.name());
  }

  private MysqlTools tools() {
    return MysqlTools.find(ctx.variables().get("PATH"));
  }
}

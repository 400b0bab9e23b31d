package org.rdsecho.plane;

import java.util.List;
import org.rdsecho.dump.DumpSets;
import org.rdsecho.dump.Exporter;
import org.rdsecho.dump.ManifestJson;
import org.rdsecho.dump.SqlClient;
import org.rdsecho.stage.Destination;
import org.rdsecho.stage.DirectoryDestination;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.DumpObservation;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.EchoInstance;

/**
 * Gathers what the dump planner needs before it decides, and nothing else: the clone's databases as
 * its client lists them, the manifest already in the set's directory and under its S3 prefix, the
 * sets of this echo and kind beside each. Reads only.
 */
public final class DumpObserver {
  private DumpObserver() {}

  public static DumpObservation observe(DumpSettings s) {
    List<String> databases = Exporter.databases(new SqlClient(s.tools, s.connection));
    String dir = s.dir.toString();
    DumpPlanner.Occupant occupant =
        DumpSets.manifestBytes(s.dir)
            .map(bytes -> DumpPlanner.Occupant.of(dir, ManifestJson.read(bytes)))
            .orElse(null);
    List<Destination> copies = s.s3 == null ? List.of() : List.of(new S3Sets(s).observe());
    Destination directory =
        new DirectoryDestination(
            dir, s.dirKey(), occupant, DumpSets.siblings(s.dir, s.root(), s.ctx.name(), s.kind));
    return new DumpObservation(databases, directory, copies);
  }

  /**
   * The databases a dump of {@code clone} would hold with {@code configured} (every one but the
   * engine's own when empty); for carry, which raises the counters of the same databases.
   */
  public static List<String> databases(
      PlaneContext ctx, EchoInstance clone, List<String> configured) {
    DumpSettings s = DumpSettings.of(ctx, clone, DumpKind.RAW);
    return DumpPlanner.databases(
        Exporter.databases(new SqlClient(s.tools, s.connection)),
        configured,
        s.tools.systemDatabases());
  }
}

package org.rdsecho.stage;

import org.rdsecho.core.Printable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rdsecho.config.EchoConfig.RestoreSettings;

/**
 * One write a decision asks for. Decisions are lists of these, applied in order; the order is
 * chosen so that stopping after any one of them and running the command again converges.
 */
public sealed interface Action {

  /** What the action does, in the words {@code --dry-run} prints. */
  String describe();

  /** Restores a snapshot into a new instance that carries its tags from birth. */
  record Restore(
      String instanceId, String snapshotId, RestoreSettings settings, Map<String, String> tags)
      implements Action {
    public Restore {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      Map<String, Object> given = new java.util.LinkedHashMap<>();
      given.put("class", settings.dbInstanceClass());
      given.put("engine", settings.engine());
      given.put("license", settings.licenseModel());
      given.put("multiAz", settings.multiAz());
      given.put("storage", settings.storageType());
      given.put("iops", settings.iops());
      given.put("port", settings.port());
      given.put("optionGroup", settings.optionGroupName());
      given.put("autoMinorVersionUpgrade", settings.autoMinorVersionUpgrade());
      given.put("subnetGroup", settings.dbSubnetGroupName());
      given.put("securityGroups", settings.vpcSecurityGroupIds().isEmpty() ? null : settings.vpcSecurityGroupIds());
      given.put("parameterGroup", settings.dbParameterGroupName());
      given.put("availabilityZone", settings.availabilityZone());
      given.put("publiclyAccessible", settings.publiclyAccessible());
      given.values().removeIf(java.util.Objects::isNull);
      return "restore snapshot " + snapshotId + " into new instance " + instanceId
          + (given.isEmpty() ? "" : " with " + given) + ", tags copied to its snapshots, tagged " + new TreeMap<>(tags);
    }
  }

  /** Applies the changed {@code rdsecho.mod.*} settings. */
  record Modify(String instanceId, ModifyChanges changes) implements Action {
    @Override
    public String describe() {
      return "modify " + instanceId + ": " + changes.describe();
    }
  }

  /** Applies the cluster's share of the changed {@code rdsecho.mod.*} settings (Aurora, §12). */
  record ModifyCluster(String clusterId, ModifyChanges changes) implements Action {
    @Override
    public String describe() {
      return "modify cluster " + clusterId + ": " + changes.describe();
    }
  }

  /**
   * Restores an Aurora cluster (§12) tagged from birth: from a cluster snapshot, or from the
   * source cluster as it was at a point in time, or as a copy-on-write clone of it at that time.
   */
  record RestoreCluster(String clusterId, ClusterSource source, RestoreSettings settings, Map<String, String> tags)
      implements Action {
    public RestoreCluster {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      Map<String, Object> given = new java.util.LinkedHashMap<>();
      given.put("engine", settings.engine());
      given.put("port", settings.port());
      given.put("subnetGroup", settings.dbSubnetGroupName());
      given.put("securityGroups", settings.vpcSecurityGroupIds().isEmpty() ? null : settings.vpcSecurityGroupIds());
      given.put("clusterParameterGroup", settings.dbClusterParameterGroupName());
      given.put("storage", settings.storageType());
      given.values().removeIf(java.util.Objects::isNull);
      return source.describe() + " into new cluster " + clusterId + (given.isEmpty() ? "" : " with " + given)
          + ", tags copied to its snapshots, tagged " + new TreeMap<>(tags);
    }
  }

  /** Where a new cluster comes from. */
  sealed interface ClusterSource {
    String describe();
  }

  /** A DB cluster snapshot. */
  record FromClusterSnapshot(String snapshotId) implements ClusterSource {
    @Override
    public String describe() {
      return "restore cluster snapshot " + snapshotId;
    }
  }

  /** The source cluster at a time: a full copy, or a copy-on-write clone sharing its storage. */
  record FromClusterAt(String sourceClusterId, java.time.Instant time, boolean copyOnWrite) implements ClusterSource {
    @Override
    public String describe() {
      return (copyOnWrite ? "clone (copy-on-write) the source cluster " : "restore the source cluster ")
          + sourceClusterId + " as it was at " + EchoTags.time(time);
    }
  }

  /** Creates the writer instance of a new cluster, tagged from birth; its engine is the cluster's. */
  record CreateWriter(String instanceId, String clusterId, RestoreSettings settings, Map<String, String> tags)
      implements Action {
    public CreateWriter {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      Map<String, Object> given = new java.util.LinkedHashMap<>();
      given.put("class", settings.dbInstanceClass());
      given.put("parameterGroup", settings.dbParameterGroupName());
      given.put("availabilityZone", settings.availabilityZone());
      given.put("publiclyAccessible", settings.publiclyAccessible());
      given.put("autoMinorVersionUpgrade", settings.autoMinorVersionUpgrade());
      given.values().removeIf(java.util.Objects::isNull);
      return "create writer instance " + instanceId + " in cluster " + clusterId + " with " + given + ", tagged "
          + new TreeMap<>(tags);
    }
  }

  /** Deletes a cluster whose instances are deleted or being deleted, with a final cluster snapshot unless null. */
  record DeleteCluster(String clusterId, String finalSnapshotId) implements Action {
    @Override
    public String describe() {
      return "delete cluster " + clusterId
          + (finalSnapshotId == null ? " without a final snapshot" : " with final cluster snapshot " + finalSnapshotId);
    }
  }

  /** Reboots so pending settings take effect. */
  record Reboot(String instanceId) implements Action {
    @Override
    public String describe() {
      return "reboot " + instanceId;
    }
  }

  /**
   * Adds (or overwrites) tags and removes others. On a cluster the same tags go to its instances
   * first and to the cluster, which holds the state, last (§4, §12).
   */
  record Tag(String instanceId, String arn, Map<String, String> add, List<String> remove, List<String> memberArns)
      implements Action {
    public Tag {
      add = Map.copyOf(add);
      remove = List.copyOf(remove);
      memberArns = memberArns == null ? List.of() : List.copyOf(memberArns);
    }

    public Tag(String instanceId, String arn, Map<String, String> add, List<String> remove) {
      this(instanceId, arn, add, remove, List.of());
    }

    /**
     * A value known only once an earlier action of the same decision wrote {@code file}: its
     * SHA-256 (a dump set's manifest). {@code --dry-run} prints it as it is; the run fills it in
     * with {@link #resolve} before the tag is written, and never writes it unfilled.
     */
    public static String sha256Of(String file) {
      return PENDING_SHA256 + file + ">";
    }

    private static final String PENDING_SHA256 = "<SHA-256 of ";

    /** The files whose digests this tag's values still wait for. */
    public List<String> pendingFiles() {
      return add.values().stream().filter(v -> v.startsWith(PENDING_SHA256) && v.endsWith(">"))
          .map(v -> v.substring(PENDING_SHA256.length(), v.length() - 1)).toList();
    }

    /**
     * This tag with every pending digest filled in by {@code sha256} (file to hex digest).
     *
     * @throws IllegalStateException for a file {@code sha256} does not know: never tagged unfilled
     */
    public Tag resolve(java.util.function.Function<String, String> sha256) {
      Map<String, String> filled = new java.util.LinkedHashMap<>();
      add.forEach((k, v) -> {
        if (v.startsWith(PENDING_SHA256) && v.endsWith(">")) {
          String file = v.substring(PENDING_SHA256.length(), v.length() - 1);
          String digest = sha256.apply(file);
          if (digest == null) {
            throw new IllegalStateException("the digest of " + file + " is not known: it was not written in this run");
          }
          filled.put(k, digest);
        } else {
          filled.put(k, v);
        }
      });
      return new Tag(instanceId, arn, filled, remove, memberArns);
    }

    /** This tag with the values of {@code keys} it sets replaced by {@code value}. */
    public Tag restamped(java.util.Set<String> keys, String value) {
      Map<String, String> stamped = new java.util.LinkedHashMap<>(add);
      stamped.replaceAll((k, v) -> keys.contains(k) ? value : v);
      return new Tag(instanceId, arn, stamped, remove, memberArns);
    }

    public static Tag add(EchoInstance instance, Map<String, String> tags) {
      return of(instance, tags, List.of());
    }

    public static Tag of(EchoInstance instance, Map<String, String> add, List<String> remove) {
      return new Tag(instance.id(), instance.arn(), add, remove,
          instance.members().stream().map(EchoInstance.Member::arn).filter(java.util.Objects::nonNull).toList());
    }

    @Override
    public String describe() {
      String text = "tag " + instanceId + (memberArns.isEmpty() ? "" : " and its " + memberArns.size()
          + " instance(s)") + " with " + new TreeMap<>(add);
      return remove.isEmpty() ? text : text + ", untag " + remove;
    }
  }

  /** Creates or changes the CNAME record. */
  record PointCname(String zoneId, String cname, String target, long ttl) implements Action {
    @Override
    public String describe() {
      return "point CNAME " + cname + " at " + target + " (TTL " + ttl + "s, zone " + zoneId + ")";
    }
  }

  /** Deletes an instance, with a final snapshot unless {@code finalSnapshotId} is null. */
  record Delete(String instanceId, String finalSnapshotId) implements Action {
    @Override
    public String describe() {
      return "delete " + instanceId
          + (finalSnapshotId == null ? " without a final snapshot" : " with final snapshot " + finalSnapshotId);
    }
  }

  /** Deletes a snapshot rds-echo made (a final snapshot beyond the ones kept). */
  record DeleteSnapshot(String snapshotId) implements Action {
    @Override
    public String describe() {
      return "delete snapshot " + snapshotId;
    }
  }

  /** Restores the source as it was at a point in time into a new instance tagged from birth. */
  record RestoreToPointInTime(String instanceId, String sourceInstanceId, java.time.Instant time,
      RestoreSettings settings, Map<String, String> tags) implements Action {
    public RestoreToPointInTime {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "restore the source " + sourceInstanceId + " as it was at " + EchoTags.time(time) + " into new instance "
          + instanceId + ", tagged " + new TreeMap<>(tags);
    }
  }

  /** Copies a snapshot (shared from another account) into this account with a key of its own. */
  record CopySnapshot(String sourceSnapshot, String copyId, String kmsKeyId, Map<String, String> tags)
      implements Action {
    public CopySnapshot {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "copy snapshot " + sourceSnapshot + " into this account as " + copyId + " with KMS key " + kmsKeyId
          + ", tagged " + new TreeMap<>(tags);
    }
  }

  /** Takes a manual snapshot of the source (snapshot.type=fresh), tagged as rds-echo's own. */
  record CreateSnapshot(String sourceInstanceId, String snapshotId, Map<String, String> tags) implements Action {
    public CreateSnapshot {
      tags = Map.copyOf(tags);
    }

    @Override
    public String describe() {
      return "take snapshot " + snapshotId + " of the source " + sourceInstanceId + ", tagged " + new TreeMap<>(tags);
    }
  }

  /** Marks a data-plane action, which the data plane applies rather than AWS. */
  sealed interface DataAction extends Action {
    /** The directory the action writes in (locked while the run writes there), or null. */
    String dir();
  }

  /** Runs one sanitize script on one database of the clone. */
  record RunScript(String database, String script) implements DataAction {
    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "run " + script + " on database " + Printable.quote(database);
    }
  }

  /** Runs the sanitize checks on one database; any row stops the step. */
  record RunChecks(String database, String checks) implements DataAction {
    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "check database " + Printable.quote(database) + " with " + checks + " (every query must return no rows)";
    }
  }

  /**
   * Dumps one database of the clone (or some of its tables, or rows) to a compressed file and its {@code .sha256}.
   *
   * @param streams at most this many dump processes share its tables (fewer when it has fewer tables)
   */
  record Dump(String database, String dir, String file, List<String> tables, boolean dataOnly, String where,
      int streams) implements DataAction {
    public Dump {
      tables = List.copyOf(tables);
      streams = Math.max(1, streams);
    }

    public Dump(String database, String dir, String file) {
      this(database, dir, file, List.of(), false, null, 1);
    }

    @Override
    public String describe() {
      String what = tables.isEmpty() ? "database " + Printable.quote(database)
          : "table(s) " + String.join(", ", tables.stream().map(Printable::quote).toList()) + " of database "
              + Printable.quote(database);
      List<String> how = new java.util.ArrayList<>();
      if (dataOnly) {
        how.add("rows only");
      }
      if (where != null) {
        how.add("where " + where);
      }
      if (streams > 1) {
        how.add("in up to " + streams + " streams");
      }
      return "dump " + what + (how.isEmpty() ? "" : " (" + String.join(", ", how) + ")") + " to " + dir + "/" + file
          + " (and " + file + ".sha256)";
    }
  }

  /** Writes the manifest of the dumps written this run: the set is complete from then on. */
  record WriteManifest(String dir, String kind) implements DataAction {
    @Override
    public String describe() {
      return "write " + dir + "/manifest.json, completing the " + kind + " dump set";
    }
  }

  /** Drops a scratch database an interrupted {@code verify} left on the verification server. */
  record DropScratchDatabase(String server, String database) implements DataAction {
    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "drop the scratch database " + database + " that an interrupted verify left on " + server;
    }
  }

  /**
   * Loads one dump file into a new scratch database on the verification server as a user would
   * restore it, compares it with the clone's database, and drops the scratch database.
   */
  record VerifyDump(String database, String setDir, String file, String compression, String sha256, String server,
      String s3Object) implements DataAction {

    public VerifyDump(String database, String setDir, String file, String compression, String sha256, String server) {
      this(database, setDir, file, compression, sha256, server, null);
    }

    @Override
    public String dir() {
      return null; // reads the set, writes nothing there
    }

    @Override
    public String describe() {
      boolean encrypted = file.endsWith(".gpg");
      String source = encrypted ? "gpg --decrypt " + file + " | " : "";
      String load = switch (compression) {
        case "zstd" -> source + (encrypted ? "zstd -dc" : "zstd -dc " + file) + " | mysql";
        case "none" -> encrypted ? source + "mysql" : "mysql < " + file;
        default -> source + (encrypted ? "gunzip -c" : "gunzip -c " + file) + " | mysql";
      };
      return "load " + (s3Object != null ? s3Object + " (s3Only: read from S3)" : setDir + "/" + file)
          + " into a new scratch database rdsecho_verify_… on " + server + " (" + load
          + "), compare its tables (rows, CHECKSUM TABLE), views, routines, triggers and events with database "
          + Printable.quote(database) + " of the clone, then drop it";
    }
  }

  /**
   * Copies the staging-made rows of one table from the promoted clone into this clone, replacing
   * rows with the same key (§13); a table without a single-column key is copied whole (§16).
   *
   * @param key the single-column primary key, or null to copy the table whole
   * @param floor rows whose key is at least this are carried; null carries every row
   */
  record CarryRows(String database, String table, String key, Long floor, String from) implements DataAction {
    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "copy the rows of " + Printable.quote(database + "." + table)
          + (floor == null ? "" : " whose " + Printable.quote(key) + " >= " + floor) + " from " + from
          + (key == null ? " into the clone, replacing all of the clone's rows of it (it has no single-column key)"
              : " into the clone, replacing rows with the same key");
    }
  }

  /** Raises the AUTO_INCREMENT counters of a database's tables on the clone to at least {@code floor}. */
  record RaiseCounters(String database, List<String> tables, long floor) implements DataAction {
    public RaiseCounters {
      tables = List.copyOf(tables);
    }

    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "raise the AUTO_INCREMENT counter of " + String.join(", ", tables.stream().map(Printable::quote).toList())
          + " in database " + Printable.quote(database) + " on the clone to " + floor;
    }
  }

  /**
   * Uploads one finished file of a set (§14) with a SHA-256 checksum S3 verifies, unless an object
   * with the same SHA-256 is there already; the manifest is uploaded last.
   */
  record UploadFile(String setDir, String file, String destination) implements DataAction {
    @Override
    public String dir() {
      return null; // reads the set
    }

    @Override
    public String describe() {
      return "upload " + setDir + "/" + file + " to " + destination + " (SHA-256 checked by S3; skipped when the same"
          + " file is there)";
    }
  }

  /** s3Only: deletes the set's dump files and their sidecars once their uploads were verified (the manifest stays). */
  record RemoveUploadedFiles(String dir, List<String> files) implements DataAction {
    public RemoveUploadedFiles {
      files = List.copyOf(files);
    }

    @Override
    public String describe() {
      return "remove the local copies of " + String.join(", ", files) + " in " + dir + " (uploaded and verified;"
          + " rdsecho.export.s3Only)";
    }
  }

  /** Removes an older set of this name and kind under the S3 prefix: its manifest first, then its files. */
  record RemoveS3Set(String prefix, int keep) implements DataAction {
    @Override
    public String dir() {
      return null;
    }

    @Override
    public String describe() {
      return "remove the older dump set " + prefix + " (keep=" + keep + ")";
    }
  }

  /** Removes an older dump set of this name and kind beyond the ones kept. */
  record RemoveDumpSet(String dir, int keep) implements DataAction {
    @Override
    public String describe() {
      return "remove the older dump set " + dir + " (keep=" + keep + ")";
    }
  }
}

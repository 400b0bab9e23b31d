package org.rdsecho.plane;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rdsecho.aws.S3Location;
import org.rdsecho.aws.S3Objects;
import org.rdsecho.aws.S3StreamingUploads;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import org.rdsecho.dump.FileDigests;
import org.rdsecho.dump.ManifestJson;
import org.rdsecho.files.SafeDir;
import org.rdsecho.stage.DumpPlanner;
import org.rdsecho.stage.Manifest;
import org.rdsecho.stage.S3Destination;

/**
 * The dump sets under the run's S3 prefix (§14): what is there before planning, and the uploads and
 * removals the plan decided, each re-checking under way that the prefix is still this set's.
 */
final class S3Sets {
  private final DumpSettings settings;
  private final S3Location prefix;

  S3Sets(DumpSettings settings) {
    this.settings = settings;
    this.prefix = settings.s3;
  }

  private S3Objects s3() {
    return settings.ctx.s3();
  }

  /** The prefix as observed: the manifest there, and the sets of this echo and kind beside it. */
  S3Destination observe() {
    String name = settings.ctx.name();
    DumpPlanner.Occupant occupant = occupant().orElse(null);
    List<DumpPlanner.DumpSet> older = new ArrayList<>();
    for (S3Location set : s3().children(prefix.parent())) {
      // a manifest not of ours (another tool's, garbled) is never removed
      s3().read(set.resolve(Manifest.FILE))
          .flatMap(ManifestJson::read)
          .filter(m -> m.of(name, settings.kind))
          .ifPresent(
              m -> older.add(new DumpPlanner.DumpSet(set.toString(), m.finishedAt(), false)));
    }
    return new S3Destination(
        prefix.toString(),
        settings.s3Key(),
        occupant,
        older,
        settings.ctx.config().export().s3Only());
  }

  private Optional<DumpPlanner.Occupant> occupant() {
    return s3().read(prefix.resolve(Manifest.FILE))
        .map(bytes -> DumpPlanner.Occupant.of(prefix.toString(), ManifestJson.read(bytes)));
  }

  /** Streams each dump to where its Dump action says, guarded as every upload is. */
  S3StreamingUploads streaming() {
    return new S3StreamingUploads(
        s3(), settings.sse(), settings.owner(), to -> beforeUploading(to, null));
  }

  /** Uploads one file of the set (skipped when the same bytes are there); whether it was sent. */
  boolean upload(Path setDir, String name, S3Location to, String knownSha256) {
    Path file = setDir.resolve(name);
    // read through the set's handle: a file of this user's, never what a link names
    try (SafeDir set = SafeDir.open(setDir, settings.root(), false);
        FileChannel channel = set.readOwn(name)) {
      String sha256 = knownSha256 != null ? knownSha256 : FileDigests.sha256(channel, file);
      beforeUploading(to, sha256);
      return s3().upload(channel, file, to, sha256, settings.sse(), settings.owner());
    } catch (IOException e) {
      throw new EchoException(
          Outcome.FAILED, "cannot read " + file + " to upload it: " + e.getMessage());
    }
  }

  /**
   * §16 at write time (attack F2), before anything is sent to {@code to}: the prefix holds no other
   * set's manifest (read again now: another run may have completed its set since planning), and no
   * object of that name from another set (another run still uploading its set there), so nothing of
   * theirs is overwritten; their objects are left as they are.
   *
   * @param sha256 what is about to be uploaded, when known: the very same bytes already there are
   *     no overwrite (an earlier run of this clone by an rds-echo that did not mark its objects)
   */
  void beforeUploading(S3Location to, String sha256) {
    String key = settings.s3Key();
    DumpPlanner.checkApart(
        occupant().stream().toList(),
        settings.ctx.name(),
        settings.kind,
        settings.instance.id(),
        key);
    if (to.equals(prefix.resolve(Manifest.FILE))) {
      return;
    }
    var owner = s3().owner(to);
    if (owner.isEmpty() || owner.get().equals(settings.owner())) {
      return;
    }
    if (owner.get().isEmpty()
        && sha256 != null
        && s3().sha256(to).filter(sha256::equalsIgnoreCase).isPresent()) {
      return;
    }
    throw new EchoException(
        Outcome.REFUSED,
        "refusing to upload the "
            + settings.kind
            + " dump set of "
            + settings.instance.id()
            + " to "
            + prefix
            + ": "
            + to
            + " is already there and is not this set's ("
            + (owner.get().isEmpty() ? "no rds-echo set's mark" : "it belongs to " + owner.get())
            + "), perhaps another"
            + " run's set being uploaded, and is never overwritten: add {name} and {instance} to "
            + key
            + " (e.g. .../{name}/{date}/{instance}) so each echo's and clone's sets are kept apart"
            + (owner.get().isEmpty()
                ? "; if it is a leftover of this clone's own earlier run, remove it"
                : ""));
  }

  /**
   * Removes an older set: the manifest first, so a reader never finds a manifest whose files are
   * gone.
   */
  void remove(S3Location set) {
    var bytes = s3().read(set.resolve(Manifest.FILE));
    if (bytes.isEmpty()) {
      return; // removed by an earlier run
    }
    var manifest = ManifestJson.read(bytes.get());
    if (manifest.isEmpty()) {
      return; // not a manifest of ours
    }
    s3().delete(set.resolve(Manifest.FILE));
    manifest.get().files().forEach(f -> s3().delete(set.resolve(f)));
    settings.ctx.progress().accept("removed the older dump set " + set);
  }
}

package org.rdsecho.stage;

import java.util.ArrayList;
import java.util.List;

/**
 * The S3 prefix a set is uploaded to (§14): each file streams there while it is dumped; once the
 * set is complete each file and sidecar is checked there (uploaded if missing), the manifest last;
 * with s3Only the local copies then go.
 *
 * @param where the prefix as {@code s3://bucket/key}, placeholders filled in
 * @param older the sets of this echo and kind beside it (under the same parent prefix)
 */
public record S3Destination(
    String where,
    String key,
    DumpPlanner.Occupant occupant,
    List<DumpPlanner.DumpSet> older,
    boolean s3Only)
    implements Destination {
  public S3Destination {
    older = List.copyOf(older);
  }

  /** The object a file of the set becomes. */
  public String object(String file) {
    return where.endsWith("/") ? where + file : where + "/" + file;
  }

  @Override
  public String streamTo(String file) {
    return object(file);
  }

  @Override
  public List<Action> place(String dir, List<String> files) {
    List<Action> uploads = new ArrayList<>();
    List<String> local = new ArrayList<>();
    for (String f : files) {
      uploads.add(new DataAction.UploadFile(dir, f, object(f)));
      uploads.add(new DataAction.UploadFile(dir, f + ".sha256", object(f + ".sha256")));
      local.add(f);
      local.add(f + ".sha256");
    }
    // the manifest last: a reader of the prefix never finds a manifest whose files are not there
    // yet
    uploads.add(new DataAction.UploadFile(dir, Manifest.FILE, object(Manifest.FILE)));
    if (s3Only) {
      uploads.add(new DataAction.RemoveUploadedFiles(dir, local));
    }
    return uploads;
  }

  @Override
  public List<Action> prune(int keep) {
    return Destination.beyondKeep(older, where, keep).stream()
        .map(s -> (Action) new DataAction.RemoveS3Set(s.dir(), keep))
        .toList();
  }
}

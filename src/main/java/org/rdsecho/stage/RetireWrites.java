package org.rdsecho.stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rdsecho.config.RetireSettings;

/** The writes that retire clones: the record of what was given up, the stage tag, the deletes. */
final class RetireWrites {
  private RetireWrites() {}

  /**
   * Before clones never promoted are deleted, their snapshots are recorded on the promoted clone
   * (§15), so {@code new} never restores them again once they are gone; first, so a crash between
   * the record and the delete leaves the record. Without a promoted clone (no CNAME) the dump set's
   * manifest and the final snapshots are the record.
   */
  static List<Action> remember(EchoFleet fleet, List<EchoInstance> retiring) {
    EchoTags tags = fleet.tags();
    // a clone that was promoted was superseded by a newer one (or rollback recorded it): only the
    // ones given up before promotion need the record
    List<String> ids =
        retiring.stream()
            .filter(i -> i.tag(tags.promotedBy()).isEmpty())
            .map(tags::snapshotOf)
            .flatMap(Optional::stream)
            .toList();
    List<Action> actions = new ArrayList<>();
    for (EchoInstance promoted : fleet.promoted()) {
      List<String> kept = tags.givenUpOf(promoted);
      List<String> fresh =
          ids.stream()
              .filter(id -> !kept.contains(TagValues.value(id)))
              .filter(id -> !tags.snapshotOf(promoted).filter(id::equals).isPresent())
              .toList();
      if (!fresh.isEmpty() && !promoted.isDeleting()) {
        actions.add(
            CloudAction.Tag.add(
                promoted, Map.of(tags.givenUp(), TagValues.givenUpValue(fresh, kept))));
      }
    }
    return actions;
  }

  /**
   * The stage tag first (so an interrupted run converges), then the delete, with its final
   * snapshot.
   */
  static List<Action> retire(
      EchoFleet fleet, EchoInstance instance, RetireSettings settings, Instant now) {
    List<Action> actions = new ArrayList<>();
    if (fleet.stageOf(instance) != Stage.RETIRED) {
      actions.add(CloudAction.Tag.add(instance, fleet.tags().transition(Stage.RETIRED, now)));
    }
    String finalSnapshot = FinalSnapshots.id(settings, instance.id(), instance.createdAt());
    if (instance.isCluster()) {
      // RDS deletes a cluster only once its instances are deleted or being deleted; the final
      // snapshot is the cluster's (instances of a cluster have none of their own)
      instance.members().stream()
          .filter(m -> !"deleting".equals(m.status()))
          .forEach(m -> actions.add(new CloudAction.Delete(m.id(), null)));
      actions.add(new ClusterAction.DeleteCluster(instance.id(), finalSnapshot));
    } else {
      actions.add(new CloudAction.Delete(instance.id(), finalSnapshot));
    }
    return actions;
  }
}

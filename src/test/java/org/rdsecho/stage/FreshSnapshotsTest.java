package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy of a shared snapshot names its source as RDS needs it, and is named stably. */
class FreshSnapshotsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

  @Test
  void aSnapshotListedByNameButKnownByArnIsCopiedByItsArnAndNamedFromItsId() {
    // some endpoints list a snapshot shared from another account by its name; RDS copies it only by
    // ARN
    SnapshotInfo shared =
        new SnapshotInfo(
            "production-nightly",
            "production",
            "shared",
            "available",
            NOW,
            Map.of(),
            "arn:aws:rds:eu-west-1:111111111111:snapshot:production-nightly");
    CloudAction.CopySnapshot copy =
        FreshSnapshots.copy(
            new EchoTags("development"), "development", shared, "alias/rds-echo", NOW);
    assertEquals(
        "arn:aws:rds:eu-west-1:111111111111:snapshot:production-nightly", copy.sourceSnapshot());
    assertEquals(FreshSnapshots.copyIdFor("development", "production-nightly"), copy.copyId());
    assertEquals("production-nightly", copy.tags().get("rdsecho:development:copiedFrom"));

    SnapshotInfo unknownArn =
        new SnapshotInfo("rds:production-1", "production", "automated", "available", NOW);
    assertEquals(
        "rds:production-1",
        FreshSnapshots.copy(
                new EchoTags("development"), "development", unknownArn, "alias/rds-echo", NOW)
            .sourceSnapshot());
  }
}

package org.rdsecho.stage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixture factories for instances as the stage logic sees them. */
final class TestInstances {
  static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  static final EchoTags TAGS = new EchoTags("development");

  private TestInstances() {}

  static EchoInstance inStage(Stage stage) {
    return inStage(stage, "development-clone", "rds:snap-1", NOW.minusSeconds(3600));
  }

  static EchoInstance inStage(Stage stage, String id, String snapshot, Instant createdAt) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAGS.managed(), "true");
    tags.put(TAGS.stage(), stage.tagValue());
    tags.put(TAGS.snapshot(), snapshot);
    return new EchoInstance(
        id,
        "arn:aws:rds:us-east-1:1:db:" + id,
        "available",
        id + ".rds.test",
        3306,
        createdAt,
        tags,
        InstanceSettings.NONE);
  }

  static EchoInstance with(EchoInstance i, String status) {
    return new EchoInstance(
        i.id(), i.arn(), status, i.endpoint(), i.port(), i.createdAt(), i.tags(), i.settings());
  }

  static EchoInstance withTag(EchoInstance i, String key, String value) {
    Map<String, String> tags = new LinkedHashMap<>(i.tags());
    tags.put(key, value);
    return new EchoInstance(
        i.id(), i.arn(), i.status(), i.endpoint(), i.port(), i.createdAt(), tags, i.settings());
  }

  static EchoInstance withSettings(EchoInstance i, InstanceSettings settings) {
    return new EchoInstance(
        i.id(), i.arn(), i.status(), i.endpoint(), i.port(), i.createdAt(), i.tags(), settings);
  }

  static EchoInstance unmanaged(String id) {
    return new EchoInstance(
        id,
        "arn:" + id,
        "available",
        id + ".rds.test",
        3306,
        NOW.minusSeconds(99_999),
        Map.of(),
        InstanceSettings.NONE);
  }
}

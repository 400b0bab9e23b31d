package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EchoTagsTest {
  private final EchoTags tags = new EchoTags("development");

  @ParameterizedTest
  @EnumSource(Stage.class)
  void everyStageRoundTripsThroughItsTag(Stage stage) {
    Map<String, String> written = tags.transition(stage, Instant.parse("2026-11-21T03:00:00.123Z"));
    EchoInstance instance =
        new EchoInstance(
            "i",
            "arn",
            "available",
            null,
            null,
            null,
            Map.of(tags.managed(), "true", tags.stage(), written.get(tags.stage())),
            null);
    assertEquals(Optional.of(stage), tags.stageOf(instance));
    assertEquals("2026-11-21T03:00:00Z", written.get(tags.stagedAt()));
  }

  @Test
  void readsTheTagsRdsEchoZeroOneWrote() {
    EchoInstance legacy =
        new EchoInstance(
            "development-2015",
            "arn",
            "available",
            null,
            null,
            null,
            Map.of("rdsecho:development:managed", "true", "rdsecho:development:stage", "rebooted"),
            null);
    assertEquals(
        Ownership.Role.CLONE, new Ownership(tags, java.util.Set.of(), null).of(legacy).role());
    assertEquals(Optional.of(Stage.REBOOTED), tags.stageOf(legacy));
  }

  @Test
  void anotherNamesTagsAreNotOurs() {
    EchoInstance other =
        new EchoInstance(
            "staging-1",
            "arn",
            "available",
            null,
            null,
            null,
            Map.of("rdsecho:staging:managed", "true"),
            null);
    assertEquals(
        Ownership.Role.OTHER, new Ownership(tags, java.util.Set.of(), null).of(other).role());
  }

  @Test
  void keysStayWithinTheAwsLimitForTheLongestName() {
    EchoTags longest = new EchoTags("a".repeat(40));
    assertTrue(longest.promoteRequestedAt().length() <= EchoTags.MAX_KEY);
  }

  @Test
  void theRecordOfGivenUpSnapshotsKeepsTheNewestThatFitOneTagValue() {
    assertEquals(
        "rds:c rds:b rds:a",
        TagValues.givenUpValue(List.of("rds:c"), List.of("rds:b", "rds:c", "rds:a")));
    List<String> many =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> "rds:production-2026-11-" + i)
            .toList();
    String value = TagValues.givenUpValue(List.of("rds:newest"), many);
    assertTrue(value.length() <= TagValues.MAX_VALUE, value);
    assertTrue(value.startsWith("rds:newest rds:production-2026-11-0 "), value);
    EchoInstance holder =
        new EchoInstance(
            "d-1",
            "arn",
            "available",
            null,
            null,
            null,
            Map.of(tags.givenUp(), value, tags.rolledBackFrom(), "rds:older"),
            null);
    assertTrue(
        tags.givenUpOf(holder)
            .containsAll(List.of("rds:newest", "rds:production-2026-11-0", "rds:older")));
  }
}

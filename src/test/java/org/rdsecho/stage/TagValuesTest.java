package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TagValuesTest {
  @Test
  void tagValuesAreMadeLegalAndShort() {
    assertEquals("alice_example.com", TagValues.value("alice<example.com"));
    assertEquals("o'brien".replace('\'', '_'), TagValues.value("o'brien"));
    assertEquals(256, TagValues.value("x".repeat(400)).length());
  }

  @Test
  void aTimeReadsBackAsWrittenAndAHandEditedOneIsNoTime() {
    java.time.Instant now = java.time.Instant.parse("2026-11-21T03:00:00.123Z");
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.Optional.of(java.time.Instant.parse("2026-11-21T03:00:00Z")),
        TagValues.parseTime(TagValues.time(now)));
    for (String edited :
        java.util.List.of("", "/", "garbage", "2026-11-21", "2026-11-21T03:00:00")) {
      org.junit.jupiter.api.Assertions.assertEquals(
          java.util.Optional.empty(), TagValues.parseTime(edited), edited);
    }
  }
}

package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every tag key of rds-echo is spelled in {@link EchoTags} only (issue 20): no other main source
 * writes an {@code rdsecho:} key or a key suffix of its own.
 */
class TagKeysAreSpelledOnceTest {
  /** A literal that starts a key of ours, or a suffix handed to EchoTags to make one. */
  private static final Pattern SPELLED =
      Pattern.compile("\"rdsecho:[^\"]+\"|\"rdsecho:\" \\+|[tT]ags(\\(\\))?\\.key\\(|\\.key\\(\"");

  @Test
  void onlyEchoTagsSpellsATagKey() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> found;
    try (Stream<Path> files = Files.walk(main)) {
      found =
          files
              .filter(f -> f.toString().endsWith(".java") && !f.endsWith("stage/EchoTags.java"))
              .flatMap(TagKeysAreSpelledOnceTest::spelled)
              .toList();
    }
    assertEquals(List.of(), found, "tag keys spelled outside stage/EchoTags");
  }

  private static Stream<String> spelled(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return java.util.stream.IntStream.range(0, lines.size())
          .filter(i -> SPELLED.matcher(lines.get(i)).find())
          .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).trim());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

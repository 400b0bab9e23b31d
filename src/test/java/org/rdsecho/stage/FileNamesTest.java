package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Database names as an attacker would choose them, turned into file names. */
class FileNamesTest {
  @Test
  void hostileNamesBecomePlainFileNames() {
    assertEquals("shop", FileNames.encode("shop"));
    assertEquals("%2E%2Fshop", FileNames.encode("./shop"));
    assertEquals("%2E%2E%2F%2E%2E%2Fpwned", FileNames.encode("../../pwned"));
    assertEquals("%2Ftmp%2Fx%2Fabs", FileNames.encode("/tmp/x/abs"));
    assertEquals("new%0Aline", FileNames.encode("new\nline"));
    assertEquals("%2Drf", FileNames.encode("-rf"));
    assertEquals("a-b", FileNames.encode("a-b"));
    assertEquals("%2541", FileNames.encode("%41"));
    assertEquals("Zoë_Ångström", FileNames.encode("Zoë_Ångström"));
    assertEquals(
        "rtl%E2%80%AEgpj",
        FileNames.encode("rtl\u202Egpj"), "an invisible direction override is escaped");
    assertEquals("%", FileNames.encode(""));
  }

  @Test
  void theEncodingIsInjectiveReversibleAndSafeForRandomNames() {
    Random random = new Random(7);
    String alphabet = "aZ09_-./\\%~`'\" \t\n\r\0;:$#@!éü日😀\u202E\u200B\u2028";
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        name.appendCodePoint(
            alphabet.codePointAt(
                alphabet.offsetByCodePoints(
                    0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      String original = name.toString();
      String file = FileNames.encode(original);
      assertSafe(file);
      assertEquals(original, FileNames.decode(file));
      String other = seen.put(file, original);
      assertTrue(
          other == null || other.equals(original),
          original + " and " + other + " both became " + file);
    }
  }

  @Test
  void longNamesAreCutWithAHashAndStillDiffer() {
    for (String unit : List.of("日", "/", "ü", "😀")) {
      String a = unit.repeat(64);
      String b = unit.repeat(63) + "x";
      String fileA = FileNames.encode(a);
      String fileB = FileNames.encode(b);
      assertSafe(fileA);
      assertTrue(fileA.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, fileA);
      assertFalse(fileA.equals(fileB), fileA);
    }
  }

  private static void assertSafe(String file) {
    assertFalse(file.isEmpty());
    assertFalse(file.contains("/"), file);
    assertFalse(file.startsWith("."), file);
    assertFalse(file.startsWith("-"), file);
    assertFalse(file.equals("..") || file.equals("."), file);
    assertTrue(
        file.codePoints()
            .noneMatch(
                c ->
                    Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT
                        || Character.isWhitespace(c)
                        || Character.getType(c) == Character.LINE_SEPARATOR),
        file);
  }
}

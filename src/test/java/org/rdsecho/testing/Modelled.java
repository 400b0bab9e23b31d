package org.rdsecho.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * A fake's promise that it models every field of a request it handles: a field the request sets
 * that the fake does not model fails the test, naming the request and the field, so no test can
 * pass while an adapter sends something the fake would silently drop. Fields are named by their SDK
 * accessor ({@code dbInstanceIdentifier}), compared without case with the wire name. A nested
 * structure the fake reads (a Route53 change batch) is checked the same way.
 */
final class Modelled {
  private Modelled() {}

  static <T extends SdkPojo> T only(String fake, T request, String... modelled) {
    Set<String> known =
        Arrays.stream(modelled).map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (SdkField<?> field : request.sdkFields()) {
      Object value = field.getValueOrDefault(request);
      if (value == null
          || value instanceof SdkAutoConstructList<?>
          || value instanceof SdkAutoConstructMap<?, ?>
          || known.contains(field.memberName().toLowerCase(Locale.ROOT))) {
        continue;
      }
      String what = request.getClass().getSimpleName() + "." + field.memberName();
      String record = System.getenv("RDSECHO_FAKES_RECORD");
      if (record != null) {
        try {
          Files.writeString(
              Path.of(record),
              fake + " " + what + "\n",
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        continue;
      }
      throw new AssertionError(
          fake
              + " does not model "
              + what
              + " (the request sets it to "
              + value
              + "): model it in the fake, or stop the adapter sending it");
    }
    return request;
  }
}

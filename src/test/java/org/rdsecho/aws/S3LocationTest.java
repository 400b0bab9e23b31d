package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdsecho.config.ConfigException;

/** An upload destination from the configuration: what it may be, and what it may never be. */
class S3LocationTest {
  @Test
  void aBucketAndPrefixAreReadAndResolvedWithoutTrailingSlashes() {
    S3Location at = S3Location.parse("s3://acme-dumps/raw/dev/2026-11-21/", "rdsecho.export.s3Uri");
    assertEquals(new S3Location("acme-dumps", "raw/dev/2026-11-21"), at);
    assertEquals("raw/dev/2026-11-21/shop.sql.gz", at.resolve("shop.sql.gz").key());
    assertEquals("raw/dev", at.parent().key());
    assertEquals("", S3Location.parse("s3://acme-dumps", "k").key());
  }

  @Test
  void hostileOrMistakenUrisAreConfigurationErrorsNamingTheKey() {
    for (String uri :
        List.of(
            "",
            "http://acme-dumps/x",
            "s3://",
            "s3://Acme_Dumps/x",
            "s3://acme-dumps/a/../b",
            "s3://acme-dumps//x",
            "s3://acme-dumps/a//b",
            "/srv/dumps",
            "s3://a/x")) {
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> S3Location.parse(uri, "rdsecho.export.s3Uri"), uri);
      assertTrue(e.getMessage().startsWith("rdsecho.export.s3Uri="), e.getMessage());
    }
  }
}

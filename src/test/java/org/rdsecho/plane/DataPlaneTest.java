package org.rdsecho.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.config.RawConfig;
import org.rdsecho.stage.DataAction;
import org.rdsecho.stage.DumpKind;
import org.rdsecho.stage.EchoInstance;
import org.rdsecho.stage.InstanceSettings;

/**
 * The export plane applies its own actions only: another plane's is a bug it names, never one it
 * skips.
 */
class DataPlaneTest {
  @TempDir Path dir;

  @Test
  void anActionOfAnotherPlaneThrowsNamingItInsteadOfBeingIgnored() {
    EchoConfig config =
        EchoConfig.from(
            RawConfig.of(
                Map.of(
                    "rdsecho.name",
                    "dev",
                    "rdsecho.snapshot.dbInstanceIdentifier",
                    "production",
                    "rdsecho.export.dir",
                    "dumps/{date}",
                    "rdsecho.export.user",
                    "echo",
                    "rdsecho.export.password",
                    "x")));
    PlaneContext ctx =
        new PlaneContext(
            config,
            "dev",
            Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC),
            dir,
            Map.of("PATH", System.getenv("PATH")),
            () -> {
              throw new AssertionError("no S3 without s3Uri");
            },
            line -> {},
            line -> {});
    EchoInstance clone =
        new EchoInstance(
            "dev-1",
            "arn:dev-1",
            "available",
            "dev-1.rds.test",
            3306,
            Instant.parse("2026-11-21T02:00:00Z"),
            Map.of(),
            InstanceSettings.NONE);
    try (DataPlane plane = new DataPlane(DumpSettings.of(ctx, clone, DumpKind.RAW))) {
      for (DataAction foreign :
          List.of(
              new DataAction.CarryRows("shop", "orders", "id", 5L, "dev-0"),
              new DataAction.RaiseCounters("shop", List.of("orders"), 5),
              new DataAction.DropScratchDatabase("v", "x"),
              new DataAction.VerifyDump("shop", "/d", "shop.sql.gz", "gzip", "ab", "v"))) {
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> plane.apply(foreign));
        assertEquals("the raw export plane does not apply: " + foreign.describe(), e.getMessage());
      }
    }
  }
}

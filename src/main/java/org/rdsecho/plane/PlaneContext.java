package org.rdsecho.plane;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rdsecho.aws.S3Objects;
import org.rdsecho.config.EchoConfig;
import org.rdsecho.stage.EchoTags;

/**
 * What a data plane takes from the run it serves, so the appliers depend on the configuration, the
 * clock and the S3 adapter, never on the command line ({@code cli} builds one per run).
 *
 * @param workDir relative paths of the configuration resolve here
 * @param variables the environment: PATH (to find the tools) and password variables
 * @param s3Client the S3 adapter, made only when a plane first asks for it
 */
public record PlaneContext(
    EchoConfig config,
    String name,
    Clock clock,
    Path workDir,
    Map<String, String> variables,
    Supplier<S3Objects> s3Client,
    Consumer<String> progress,
    Consumer<String> warn) {

  public Instant now() {
    return clock.instant();
  }

  public EchoTags tags() {
    return new EchoTags(name);
  }

  public S3Objects s3() {
    return s3Client.get();
  }
}

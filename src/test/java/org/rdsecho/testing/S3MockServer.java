package org.rdsecho.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock from Maven Central, a real S3-protocol server, in a process of its own on loopback
 * with a private data directory. Its classpath is resolved once from {@code
 * src/test/s3mock/pom.xml} into {@code target/s3mock.classpath}.
 */
public final class S3MockServer implements AutoCloseable {
  public static final String BUCKET = "dumps";
  private final Process process;
  private final Path root;
  private final int port;

  private S3MockServer(Process process, Path root, int port) {
    this.process = process;
    this.root = root;
    this.port = port;
  }

  public static S3MockServer start() {
    try {
      Path classpath = classpath();
      Path root = Files.createTempDirectory("rdsecho-s3mock-");
      int port = freePort();
      int https = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  Files.readString(classpath).strip(),
                  "com.adobe.testing.s3mock.S3MockApplication",
                  "--com.adobe.testing.s3mock.httpPort=" + port,
                  "--server.port=" + https,
                  "--com.adobe.testing.s3mock.domain.initialBuckets=" + BUCKET,
                  "--com.adobe.testing.s3mock.domain.root=" + root.resolve("data"),
                  "--logging.level.root=WARN"));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("s3mock.log").toFile())
              .start();
      S3MockServer server = new S3MockServer(process, root, port);
      long deadline = System.currentTimeMillis() + 90_000;
      while (!server.answers()) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          String log = Files.readString(root.resolve("s3mock.log"));
          server.close();
          throw new IllegalStateException("S3Mock did not start: " + log);
        }
        Thread.sleep(100);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The S3Mock classpath, resolved with Maven the first time. */
  private static Path classpath() throws IOException, InterruptedException {
    Path file = Path.of("target/s3mock.classpath").toAbsolutePath();
    if (Files.isRegularFile(file) && Files.size(file) > 0) {
      return file;
    }
    Process mvn =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-q",
                "-ntp",
                "-f",
                Path.of("src/test/s3mock/pom.xml").toAbsolutePath().toString(),
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + file)
            .inheritIO()
            .start();
    if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
      throw new IllegalStateException(
          "could not resolve S3Mock's classpath with Maven (src/test/s3mock/pom.xml)");
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port),
          200);
    } catch (IOException e) {
      return false;
    }
    try (S3Client c = client()) {
      c.headBucket(r -> r.bucket(BUCKET));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A client of the test's own, to look at what the tool uploaded. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(java.net.URI.create(endpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp dir
    }
  }
}

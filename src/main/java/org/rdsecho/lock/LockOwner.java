package org.rdsecho.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a lock: enough to name the run in a message and to prove it dead. A process is provably
 * gone when it ran on this machine since this boot and its pid is no longer that process (absent,
 * or a newer process reusing the number).
 *
 * @param token unique per lock taken, so a run can tell its own lock file from a successor's
 */
public record LockOwner(
    String token,
    String host,
    String bootId,
    long pid,
    String pidStart,
    String command,
    String started) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static LockOwner current(String command, Instant now) {
    byte[] token = new byte[8];
    RANDOM.nextBytes(token);
    ProcessHandle self = ProcessHandle.current();
    return new LockOwner(
        HexFormat.of().formatHex(token),
        thisHost(),
        thisBoot(),
        self.pid(),
        startOf(self).orElse("?"),
        command,
        now.toString());
  }

  /** One line of {@code key=value} words, read back by {@link #parse}. */
  public String describe() {
    return "command="
        + command
        + " pid="
        + pid
        + " started="
        + started
        + " host="
        + host
        + " boot="
        + bootId
        + " pidStart="
        + pidStart
        + " token="
        + token
        + "\n";
  }

  /** The words an operator needs in a message. */
  public String summary() {
    return command + " (pid " + pid + " on " + host + ", started " + started + ")";
  }

  public static Optional<LockOwner> parse(String text) {
    Map<String, String> words = new LinkedHashMap<>();
    for (String word : text.trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        words.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    if (!words.containsKey("token") || !words.containsKey("pid")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LockOwner(
              words.get("token"),
              words.getOrDefault("host", "?"),
              words.getOrDefault("boot", "?"),
              Long.parseLong(words.get("pid")),
              words.getOrDefault("pidStart", "?"),
              words.getOrDefault("command", "?"),
              words.getOrDefault("started", "?")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True only when this machine can prove the owner has ended. */
  public boolean provablyGone() {
    if (!host.equals(thisHost())) {
      return false; // another machine: only its heartbeat stopping can tell (DirectoryLock)
    }
    if (!bootId.equals(thisBoot())) {
      return !bootId.equals("?") && !thisBoot().equals("?"); // this machine rebooted since
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    return !pidStart.equals("?") && !startOf(process.get()).map(pidStart::equals).orElse(true);
  }

  public boolean onThisMachine() {
    return host.equals(thisHost());
  }

  private static Optional<String> startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString);
  }

  static String thisHost() {
    return firstLine(Path.of("/proc/sys/kernel/hostname"))
        .orElseGet(
            () -> {
              String env = System.getenv("HOSTNAME");
              return env == null || env.isBlank() ? "localhost" : env;
            })
        .replaceAll("\\s", "_");
  }

  static String thisBoot() {
    return firstLine(Path.of("/proc/sys/kernel/random/boot_id")).orElse("?");
  }

  private static Optional<String> firstLine(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
          .filter(s -> !s.isEmpty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

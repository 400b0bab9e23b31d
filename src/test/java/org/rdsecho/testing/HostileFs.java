package org.rdsecho.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A hostile file system for tests of §16: whoever can write the dump share, the log directory or
 * the lock directory plants links, FIFOs, directories and other users' files where rds-echo creates
 * or reads its own, and swaps directories for links while a command runs. Each planted object and
 * each victim (what a link points at, outside the tool's directories) is recorded so a test can
 * assert that nothing about it changed: content, mode, owner, kind.
 */
public final class HostileFs {
  /** The uid other users' files get (nobody); only root can give them away. */
  public static final int FOREIGN_UID = 65534;

  /** What can be planted at a path the tool uses. */
  public enum Plant {
    /** A link to a victim file (or directory, where the tool expects a directory) outside. */
    SYMLINK,
    /** A link to nothing. */
    DANGLING,
    FIFO,
    /** A character device (the null device's numbers, 1:3): needs root. */
    DEVICE,
    /** A directory where a file is expected; a plain file where a directory is expected. */
    WRONG_KIND,
    /** Another user's 0644 file (or 0755 directory): needs root. */
    FOREIGN
  }

  private final Path outside;
  private final List<Observed> observed = new ArrayList<>();

  /**
   * @param outside a directory outside every directory the tool is configured with
   */
  public HostileFs(Path outside) {
    this.outside = outside;
  }

  public static boolean root() {
    return "root".equals(System.getProperty("user.name")) || uid() == 0;
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** A victim file outside (0644, some content), recorded. */
  public Path victimFile(String name) {
    Path victim = outside.resolve(name);
    try {
      Files.writeString(victim, "victim " + name + ": must never change\n");
      Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watch(victim);
    return victim;
  }

  /** A victim directory outside holding one file, both recorded. */
  public Path victimDirectory(String name) {
    Path victim = outside.resolve(name);
    try {
      Files.createDirectories(victim);
      Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(victim.resolve("kept.txt"), "inside a victim directory\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watch(victim);
    watch(victim.resolve("kept.txt"));
    return victim;
  }

  /**
   * Plants {@code what} at {@code at} (its parent created when missing), where the tool expects its
   * own file ({@code directory} false) or directory; records it and any victim.
   */
  public Path plant(Path at, Plant what, boolean directory) {
    try {
      Files.createDirectories(at.getParent());
      switch (what) {
        case SYMLINK ->
            Files.createSymbolicLink(
                at,
                directory
                    ? victimDirectory("victim-dir-" + at.getFileName())
                    : victimFile("victim-" + at.getFileName()));
        case DANGLING ->
            Files.createSymbolicLink(at, outside.resolve("nothing-here-" + at.getFileName()));
        case FIFO -> mkfifo(at);
        case DEVICE -> run("/usr/bin/mknod", "-m", "0644", at.toString(), "c", "1", "3");
        case WRONG_KIND -> {
          if (directory) {
            Files.writeString(at, "a file where a directory belongs\n");
          } else {
            Files.createDirectory(at);
          }
        }
        case FOREIGN -> {
          if (directory) {
            Files.createDirectory(at);
            Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwxr-xr-x"));
          } else {
            Files.writeString(at, "another user's file\n");
            Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rw-r--r--"));
          }
          Files.setAttribute(at, "unix:uid", FOREIGN_UID, LinkOption.NOFOLLOW_LINKS);
        }
        default -> throw new IllegalArgumentException(what.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watch(at);
    return at;
  }

  /** Whether this machine lets the tests make a device node (root, with CAP_MKNOD). */
  public static boolean canMakeDevices(Path scratch) {
    Path probe = scratch.resolve("device-probe");
    try {
      run("/usr/bin/mknod", "-m", "0600", probe.toString(), "c", "1", "3");
      Files.delete(probe);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static void mkfifo(Path at) {
    run("/usr/bin/mkfifo", "-m", "0644", at.toString());
  }

  private static void run(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Records what {@code path} is now (without following it), to compare later. */
  public void watch(Path path) {
    observed.add(new Observed(path, describe(path)));
  }

  /**
   * Fails naming every recorded object whose content, mode, owner or kind changed (or that
   * vanished).
   */
  public void assertUnchanged() {
    for (Observed o : observed) {
      assertEquals(o.state(), describe(o.path()), o.path() + " changed");
    }
  }

  /**
   * Kind, mode, owner and (for files) content or (for directories) the names inside; never follows
   * a link.
   */
  static Map<String, String> describe(Path path) {
    Map<String, String> d = new TreeMap<>();
    try {
      PosixFileAttributes a =
          Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      d.put(
          "kind",
          a.isSymbolicLink()
              ? "link"
              : a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other");
      d.put("mode", PosixFilePermissions.toString(a.permissions()));
      d.put("owner", a.owner().getName());
      d.put("key", String.valueOf(a.fileKey()));
      if (a.isSymbolicLink()) {
        d.put("to", Files.readSymbolicLink(path).toString());
      } else if (a.isRegularFile()) {
        d.put("content", Files.readString(path, StandardCharsets.ISO_8859_1));
      } else if (a.isDirectory()) {
        try (Stream<Path> names = Files.list(path)) {
          d.put("names", names.map(p -> p.getFileName().toString()).sorted().toList().toString());
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      d.put("kind", "missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  private record Observed(Path path, Map<String, String> state) {}

  /**
   * Replaces a directory by a link to {@code target} and back, again and again, while a command
   * runs: each round renames the real directory aside, puts the link in its place, waits a moment,
   * then puts the directory back. Bounded: it stops by itself after {@code rounds}; {@link #stop}
   * ends it earlier and leaves the real directory in place. Never asserts anything itself.
   */
  public static final class Swapper implements AutoCloseable {
    private final Path dir;
    private final Path target;
    private final Thread thread;
    private final AtomicInteger swaps = new AtomicInteger();
    private volatile boolean stopped;

    public Swapper(Path dir, Path target, int rounds) {
      this.dir = dir;
      this.target = target;
      this.thread = new Thread(() -> run(rounds), "hostile-swapper");
      thread.setDaemon(true);
    }

    public Swapper start() {
      thread.start();
      return this;
    }

    private void run(int rounds) {
      Path aside = dir.resolveSibling(dir.getFileName() + ".aside");
      for (int i = 0; i < rounds && !stopped; i++) {
        try {
          if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(dir, aside);
            Files.createSymbolicLink(dir, target);
            swaps.incrementAndGet();
            Thread.sleep(2);
            Files.delete(dir);
            Files.move(aside, dir);
          }
          Thread.sleep(1);
        } catch (IOException e) {
          // the tool created or removed something meanwhile: try again next round
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      // leave the real directory in place
      try {
        if (Files.isSymbolicLink(dir)) {
          Files.delete(dir);
        }
        if (Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          Files.move(aside, dir);
        }
      } catch (IOException ignored) {
        // nothing more a test could check
      }
    }

    /** How many times the link stood in place of the directory. */
    public int swaps() {
      return swaps.get();
    }

    public void stop() throws InterruptedException {
      stopped = true;
      thread.join(30_000);
    }

    @Override
    public void close() {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

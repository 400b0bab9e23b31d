package org.rdsecho.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * The one way rds-echo touches its dump, log and lock directories (§16): an open directory
 * ({@code openat}-style, Java's {@link SecureDirectoryStream}) through which every file in it is
 * looked at, created, opened, renamed and deleted by name, never following a link. What is checked
 * is what is used: a name is examined ({@code lstat} through the handle), then opened with
 * {@code O_NOFOLLOW} through the same handle, and the opened object is checked to be the one
 * examined. A symbolic link, FIFO, device, socket or a file of another user where rds-echo expects
 * its own file or directory is refused (exit 1) naming the path, and nothing is done through it.
 *
 * <p>Opens that could block (an existing object opened for reading only, or a directory) are
 * bounded: a FIFO swapped in between the look and the open makes the run fail after
 * {@link #OPEN_LIMIT_SECONDS} seconds instead of hanging. New files are created with
 * {@code O_CREAT|O_EXCL} (never follows, never blocks); files written are opened
 * {@code O_RDWR}, which does not block on a FIFO either, and then refuse to seek if one is there.
 */
public final class SafeDir implements AutoCloseable {
  static final long OPEN_LIMIT_SECONDS = 5;
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private final SecureDirectoryStream<Path> handle;
  private final Path path;

  private SafeDir(SecureDirectoryStream<Path> handle, Path path) {
    this.handle = handle;
    this.path = path;
  }

  /** The directory's path, for messages (never used to reach it). */
  public Path path() {
    return path;
  }

  /** A name in this directory as a path, for messages. */
  public Path resolve(String name) {
    return path.resolve(name);
  }

  /**
   * Opens {@code dir}, creating what is missing (0700) when {@code create}. The part of the path
   * down to {@code trusted} (the operator's own path, links and all, as the OS resolves it) is
   * followed; every component below it, and {@code dir} itself always, must be a directory of this
   * user's that is no link: each is opened through its parent's handle without following links.
   *
   * @param trusted an ancestor of {@code dir}; null for its parent
   * @throws NoSuchFileException when a component is missing and {@code create} is false
   */
  public static SafeDir open(Path dir, Path trusted, boolean create) throws IOException {
    return walk(dir, trusted, create, true);
  }

  /**
   * As {@link #open}, for a directory that may be the operator's own ({@code trusted} itself, like
   * the share holding the dump sets): only the components below {@code trusted} must be rds-echo's.
   */
  public static SafeDir openShared(Path dir, Path trusted, boolean create) throws IOException {
    return walk(dir, trusted, create, false);
  }

  private static SafeDir walk(Path dir, Path trusted, boolean create, boolean lastIsOurs) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path root = trusted == null ? target.getParent() : trusted.toAbsolutePath().normalize();
    if (root == null || !target.startsWith(root) || lastIsOurs && root.equals(target)) {
      root = target.getParent();
    }
    if (root == null) {
      return trusted(target);
    }
    Path start = root;
    while (start != null && !Files.isDirectory(start)) {
      start = start.getParent();
    }
    if (start == null || !create && !start.equals(root)) {
      throw new NoSuchFileException(root.toString());
    }
    SafeDir current = trusted(start);
    if (start.equals(target)) {
      return current;
    }
    try {
      for (Path name : start.relativize(target)) {
        SafeDir next = current.directory(name.toString(), create);
        current.close();
        current = next;
      }
      return current;
    } catch (IOException | RuntimeException e) {
      current.close();
      throw e;
    }
  }

  /** Opens an operator's directory as the OS resolves its path (links followed): a walk's starting point. */
  public static SafeDir trusted(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(target)) {
      throw Files.exists(target) ? new NotDirectoryException(target.toString()) : new NoSuchFileException(target.toString());
    }
    DirectoryStream<Path> stream = bounded(target, () -> Files.newDirectoryStream(target));
    if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
      stream.close();
      throw new IOException("this system cannot open directories without following links (no openat)");
    }
    return new SafeDir(secure, target);
  }

  /**
   * The sub-directory {@code name}, created (0700) when missing and {@code create}: refused unless
   * it is a directory of this user's and no link.
   */
  public SafeDir directory(String name, boolean create) throws IOException {
    Optional<PosixFileAttributes> seen = stat(name);
    if (seen.isEmpty()) {
      if (!create) {
        throw new NoSuchFileException(resolve(name).toString());
      }
      makeDirectory(name);
      seen = stat(name);
      if (seen.isEmpty()) {
        throw new NoSuchFileException(resolve(name).toString());
      }
    }
    PosixFileAttributes attributes = seen.get();
    if (!attributes.isDirectory()) {
      throw Refusal.of(resolve(name), attributes, "directory");
    }
    requireOwn(name, attributes, "directory");
    return openDirectory(name, attributes);
  }

  /** The sub-directory {@code name} when it is a directory of this user's; empty for anything else (a scan). */
  public Optional<SafeDir> directoryIfOwn(String name) {
    try {
      Optional<PosixFileAttributes> seen = stat(name);
      if (seen.isEmpty() || !seen.get().isDirectory() || !Owner.isMe(seen.get().owner())) {
        return Optional.empty();
      }
      return Optional.of(openDirectory(name, seen.get()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private SafeDir openDirectory(String name, PosixFileAttributes seen) throws IOException {
    SecureDirectoryStream<Path> child = bounded(resolve(name),
        () -> handle.newDirectoryStream(Path.of(check(name)), LinkOption.NOFOLLOW_LINKS));
    SafeDir opened = new SafeDir(child, resolve(name));
    try {
      // fstat of what was opened: the object examined, not one swapped in meanwhile
      if (!opened.attributes().fileKey().equals(seen.fileKey())) {
        throw Refusal.swapped(resolve(name));
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** This directory's own attributes (fstat of the open handle). */
  public PosixFileAttributes attributes() throws IOException {
    return handle.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
  }

  /** What {@code name} is, without following it ({@code lstat} through the handle); empty when missing. */
  public Optional<PosixFileAttributes> stat(String name) throws IOException {
    try {
      return Optional.of(handle.getFileAttributeView(Path.of(check(name)), PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS).readAttributes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The names in this directory, in no particular order. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    // a handle's listing can be read once: list a fresh handle of the same directory
    try (SecureDirectoryStream<Path> again = handle.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
      for (Path p : again) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  /**
   * Creates {@code name} as a new file of this user's (0600), open for reading and writing; fails
   * with {@link FileAlreadyExistsException} when anything has that name (a link is not followed).
   */
  public FileChannel create(String name) throws IOException {
    return (FileChannel) handle.newByteChannel(Path.of(check(name)), Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
  }

  /**
   * Opens an existing file of this user's for reading and writing. Refused (exit 1, naming it)
   * unless it is a regular file of this user's; never blocks.
   */
  public FileChannel openOwn(String name) throws IOException {
    PosixFileAttributes seen = requireOwnFile(name);
    FileChannel channel = (FileChannel) handle.newByteChannel(Path.of(check(name)),
        Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    return verified(name, seen, channel);
  }

  /** Opens an existing file of this user's for reading only (bounded, so a FIFO swapped in cannot hang it). */
  public FileChannel readOwn(String name) throws IOException {
    PosixFileAttributes seen = requireOwnFile(name);
    return readOpened(name, seen);
  }

  /**
   * Opens an existing file of this user's in a directory of this user's (neither a link) for
   * reading, through the directory's handle: how a dump set's files are read back (verify).
   */
  public static FileChannel readOwnFile(Path file) throws IOException {
    try (SafeDir dir = open(file.toAbsolutePath().normalize().getParent(), null, false)) {
      return dir.readOwn(file.getFileName().toString());
    }
  }

  /** The bytes of an existing file of this user's, up to {@code limit}. */
  public byte[] readAll(String name, int limit) throws IOException {
    try (FileChannel channel = readOwn(name)) {
      return readFully(channel, limit);
    }
  }

  /**
   * The bytes of {@code name} when it is a regular file of this user's; empty when it is missing or
   * anything else (for scans of a shared directory, which look and pass by).
   */
  public Optional<byte[]> readIfOwn(String name, int limit) {
    try {
      Optional<PosixFileAttributes> seen = stat(name);
      if (seen.isEmpty() || !seen.get().isRegularFile() || !Owner.isMe(seen.get().owner())) {
        return Optional.empty();
      }
      try (FileChannel channel = readOpened(name, seen.get())) {
        return Optional.of(readFully(channel, limit));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private FileChannel readOpened(String name, PosixFileAttributes seen) throws IOException {
    FileChannel channel = bounded(resolve(name), () -> (FileChannel) handle.newByteChannel(Path.of(check(name)),
        Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
    return verified(name, seen, channel);
  }

  /** Refused unless what was opened seeks like a file and is still the object examined. */
  private FileChannel verified(String name, PosixFileAttributes seen, FileChannel channel) throws IOException {
    try {
      channel.position(); // a FIFO or socket cannot seek
    } catch (IOException e) {
      channel.close();
      throw Refusal.swapped(resolve(name));
    }
    Optional<PosixFileAttributes> now = stat(name);
    if (now.isEmpty() || !now.get().fileKey().equals(seen.fileKey()) || !now.get().isRegularFile()) {
      channel.close();
      throw Refusal.swapped(resolve(name));
    }
    return channel;
  }

  private static byte[] readFully(FileChannel channel, int limit) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.max(0, channel.size()) + 1));
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      if (!buffer.hasRemaining() && buffer.capacity() < limit) {
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit, buffer.capacity() * 2L));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }

  /** Regular file of this user's, or refused naming it. */
  public PosixFileAttributes requireOwnFile(String name) throws IOException {
    PosixFileAttributes seen = stat(name).orElseThrow(() -> new NoSuchFileException(resolve(name).toString()));
    if (!seen.isRegularFile()) {
      throw Refusal.of(resolve(name), seen, "file");
    }
    requireOwn(name, seen, "file");
    return seen;
  }

  /** Nothing by that name, or a regular file of this user's (which a rename may replace); else refused. */
  public void requireAbsentOrOwnFile(String name) throws IOException {
    if (stat(name).isPresent()) {
      requireOwnFile(name);
    }
  }

  private void requireOwn(String name, PosixFileAttributes seen, String expected) {
    if (!Owner.isMe(seen.owner())) {
      throw Refusal.foreign(resolve(name), seen, expected);
    }
  }

  /** Sets a file of this user's to owner-only (0600) when it is not, through the handle. */
  public void restrict(String name) throws IOException {
    PosixFileAttributes seen = requireOwnFile(name);
    if (!seen.permissions().equals(OWNER_ONLY)) {
      // the view opens the name without following it; bounded like every open that could block
      bounded(resolve(name), () -> {
        handle.getFileAttributeView(Path.of(check(name)), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setPermissions(OWNER_ONLY);
        return null;
      });
    }
  }

  /** Sets the modification time of a file of this user's (a lock's heartbeat). */
  public void touch(String name, FileTime time) throws IOException {
    requireOwnFile(name);
    bounded(resolve(name), () -> {
      handle.getFileAttributeView(Path.of(check(name)), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(time, null, null);
      return null;
    });
  }

  /** Deletes a regular file of this user's; nothing to do when it is missing; anything else is refused. */
  public void deleteOwn(String name) throws IOException {
    if (stat(name).isEmpty()) {
      return;
    }
    requireOwnFile(name);
    try {
      handle.deleteFile(Path.of(check(name)));
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  /** Deletes the file {@code name} when it is still the object {@code key} names (unlinking a name, never a target). */
  public boolean deleteIfSame(String name, Object key) throws IOException {
    Optional<PosixFileAttributes> seen = stat(name);
    if (seen.isEmpty() || !seen.get().fileKey().equals(key)) {
      return false;
    }
    try {
      handle.deleteFile(Path.of(check(name)));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Removes the empty sub-directory {@code name} when it is still the directory {@code sub} has open. */
  public void deleteEmptyDirectory(String name, SafeDir sub) throws IOException {
    Optional<PosixFileAttributes> seen = stat(name);
    if (seen.isPresent() && seen.get().isDirectory() && seen.get().fileKey().equals(sub.attributes().fileKey())) {
      handle.deleteDirectory(Path.of(check(name)));
    }
  }

  /**
   * Renames {@code from} to {@code to} in this directory, atomically replacing {@code to} when it is
   * a regular file of this user's; anything else there is refused (the rename never follows it).
   */
  public void replace(String from, String to) throws IOException {
    requireAbsentOrOwnFile(to);
    handle.move(Path.of(check(from)), handle, Path.of(check(to)));
  }

  /** Renames {@code from} to {@code to}, both plain names chosen by rds-echo (a lock moved aside). */
  public void rename(String from, String to) throws IOException {
    handle.move(Path.of(check(from)), handle, Path.of(check(to)));
  }

  /** Gives the file {@code existing} a second name, failing when {@code name} exists (never follows it). */
  public void link(String existing, String name) throws IOException {
    Path here = descriptorPath();
    Files.createLink(here.resolve(check(name)), here.resolve(check(existing)));
  }

  /** Forces the directory's entries (the renames in it) to disk, where the file system can. */
  public void force() {
    try (SeekableByteChannel self = handle.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
      ((FileChannel) self).force(true);
    } catch (IOException | RuntimeException e) {
      // some file systems cannot fsync a directory; the rename itself is still atomic
    }
  }

  private void makeDirectory(String name) throws IOException {
    try {
      Files.createDirectory(descriptorPath().resolve(check(name)), PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
    } catch (FileAlreadyExistsException e) {
      // made by another run meanwhile (or planted): examined next like any existing one
    }
  }

  /**
   * This handle's directory as {@code /proc/self/fd/N}, for the two calls Java's handle lacks
   * (mkdirat, linkat): the kernel resolves it to the open directory itself, whatever its path
   * has become. The descriptor is found by the open directory's identity (device and inode).
   */
  private Path descriptorPath() throws IOException {
    Object key = attributes().fileKey();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          BasicFileAttributes a = Files.readAttributes(fd, BasicFileAttributes.class);
          if (a.isDirectory() && key.equals(a.fileKey())) {
            return fd;
          }
        } catch (IOException e) {
          // a descriptor closed meanwhile
        }
      }
    }
    throw new IOException("cannot find the open directory " + path + " among /proc/self/fd");
  }

  /** A single name inside this directory: no separator, no {@code .} or {@code ..}. */
  private static String check(String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    return name;
  }

  /**
   * Runs an open that could block (a FIFO put in place between the look and the open) on a thread
   * of its own, and gives up after {@link #OPEN_LIMIT_SECONDS}: the run fails naming the path
   * instead of hanging. What the abandoned open opens later is closed.
   */
  static <T> T bounded(Path path, Callable<T> open) throws IOException {
    FutureTask<T> task = new FutureTask<>(open);
    Thread opener = new Thread(task, "rds-echo-open");
    opener.setDaemon(true);
    opener.start();
    try {
      return task.get(OPEN_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw Refusal.blocked(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + path, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void close() {
    try {
      handle.close();
    } catch (IOException ignored) {
      // a directory opened for reading: nothing to lose
    }
  }

  /** Who this process is, as file owners are compared. */
  static final class Owner {
    private static volatile UserPrincipal me;

    private Owner() {}

    static boolean isMe(UserPrincipal owner) {
      return owner.equals(me());
    }

    static UserPrincipal me() {
      if (me == null) {
        try {
          // /proc/self belongs to the process's effective user
          me = Files.getOwner(Path.of("/proc/self"));
        } catch (IOException | RuntimeException e) {
          try {
            Path probe = Files.createTempFile("rdsecho-uid-", ".probe");
            try {
              me = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
              Files.deleteIfExists(probe);
            }
          } catch (IOException again) {
            throw new EchoException(Outcome.FAILED, "cannot tell which user this run is: " + again.getMessage());
          }
        }
      }
      return me;
    }

    static String name() {
      return me().getName();
    }
  }
}

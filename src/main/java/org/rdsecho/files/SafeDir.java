package org.rdsecho.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The one way rds-echo touches its dump, log and lock directories (§16): an open directory ({@code
 * openat}-style, Java's {@link SecureDirectoryStream}) through which every file in it is looked at,
 * created, opened, renamed and deleted by name, never following a link. What is checked is what is
 * used: a name is examined ({@code lstat} through the handle), then opened with {@code O_NOFOLLOW}
 * through the same handle, and the opened object is checked to be the one examined. A symbolic
 * link, FIFO, device, socket or a file of another user where rds-echo expects its own file or
 * directory is refused (exit 1) naming the path, and nothing is done through it.
 *
 * <p>Opens that could block (an existing object opened for reading only, or a directory) are
 * bounded: a FIFO swapped in between the look and the open makes the run fail after {@link
 * #OPEN_LIMIT_SECONDS} seconds instead of hanging. New files are created with {@code
 * O_CREAT|O_EXCL} (never follows, never blocks); files written are opened {@code O_RDWR}, which
 * does not block on a FIFO either, and then refuse to seek if one is there.
 *
 * <p>This class is the handle and what it is asked; the parts live beside it: {@link
 * DirectoryOpens} (opening directories), {@link FileOpens} (opening files and checking what was
 * opened), {@link FileBytes} (reading small files), {@link EntryChanges} (creating, renaming,
 * linking, permissions), {@link Removals} (deleting), {@link BoundedOpen}, {@link ProcFd} and
 * {@link Owner}. It stays one list past 250 lines: every file operation rds-echo has, each a line
 * or two of contract over a call into its part.
 */
public final class SafeDir implements AutoCloseable {
  static final long OPEN_LIMIT_SECONDS = BoundedOpen.LIMIT_SECONDS;
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private final SecureDirectoryStream<Path> handle;
  private final Path path;

  SafeDir(SecureDirectoryStream<Path> handle, Path path) {
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

  SecureDirectoryStream<Path> handle() {
    return handle;
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
    return DirectoryOpens.walk(dir, trusted, create, true);
  }

  /**
   * As {@link #open}, for a directory that may be the operator's own ({@code trusted} itself, like
   * the share holding the dump sets): only the components below {@code trusted} must be rds-echo's.
   */
  public static SafeDir openShared(Path dir, Path trusted, boolean create) throws IOException {
    return DirectoryOpens.walk(dir, trusted, create, false);
  }

  /**
   * Opens an operator's directory as the OS resolves its path (links followed): a walk's starting
   * point.
   */
  public static SafeDir trusted(Path dir) throws IOException {
    return DirectoryOpens.trusted(dir);
  }

  /**
   * The sub-directory {@code name}, created (0700) when missing and {@code create}: refused unless
   * it is a directory of this user's and no link.
   */
  public SafeDir directory(String name, boolean create) throws IOException {
    return DirectoryOpens.directory(this, name, create);
  }

  /**
   * The sub-directory {@code name} when it is a directory of this user's; empty for anything else
   * (a scan).
   */
  public Optional<SafeDir> directoryIfOwn(String name) {
    return DirectoryOpens.directoryIfOwn(this, name);
  }

  /** This directory's own attributes (fstat of the open handle). */
  public PosixFileAttributes attributes() throws IOException {
    return handle.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
  }

  /**
   * What {@code name} is, without following it ({@code lstat} through the handle); empty when
   * missing.
   */
  public Optional<PosixFileAttributes> stat(String name) throws IOException {
    try {
      return Optional.of(
          handle
              .getFileAttributeView(
                  Path.of(check(name)), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The names in this directory, in no particular order. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    // a handle's listing can be read once: list a fresh handle of the same directory
    try (SecureDirectoryStream<Path> again =
        handle.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
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
    return FileOpens.create(this, name);
  }

  /**
   * Opens an existing file of this user's for reading and writing. Refused (exit 1, naming it)
   * unless it is a regular file of this user's; never blocks.
   */
  public FileChannel openOwn(String name) throws IOException {
    return FileOpens.openOwn(this, name);
  }

  /**
   * Opens an existing file of this user's for reading only (bounded, so a FIFO swapped in cannot
   * hang it).
   */
  public FileChannel readOwn(String name) throws IOException {
    PosixFileAttributes seen = requireOwnFile(name);
    return FileOpens.readOpened(this, name, seen);
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
    return FileBytes.readAll(this, name, limit);
  }

  /**
   * The bytes of {@code name} when it is a regular file of this user's; empty when it is missing or
   * anything else (for scans of a shared directory, which look and pass by).
   */
  public Optional<byte[]> readIfOwn(String name, int limit) {
    return FileBytes.readIfOwn(this, name, limit);
  }

  /** Regular file of this user's, or refused naming it. */
  public PosixFileAttributes requireOwnFile(String name) throws IOException {
    PosixFileAttributes seen =
        stat(name).orElseThrow(() -> new NoSuchFileException(resolve(name).toString()));
    if (!seen.isRegularFile()) {
      throw Refusal.of(resolve(name), seen, "file");
    }
    Owner.require(resolve(name), seen, "file");
    return seen;
  }

  /**
   * Nothing by that name, or a regular file of this user's (which a rename may replace); else
   * refused.
   */
  public void requireAbsentOrOwnFile(String name) throws IOException {
    if (stat(name).isPresent()) {
      requireOwnFile(name);
    }
  }

  /** Sets a file of this user's to owner-only (0600) when it is not, through the handle. */
  public void restrict(String name) throws IOException {
    EntryChanges.restrict(this, name);
  }

  /** Sets the modification time of a file of this user's (a lock's heartbeat). */
  public void touch(String name, FileTime time) throws IOException {
    EntryChanges.touch(this, name, time);
  }

  /**
   * Deletes a regular file of this user's; nothing to do when it is missing; anything else is
   * refused.
   */
  public void deleteOwn(String name) throws IOException {
    Removals.deleteOwn(this, name);
  }

  /**
   * Deletes the file {@code name} when it is still the object {@code key} names (unlinking a name,
   * never a target).
   */
  public boolean deleteIfSame(String name, Object key) throws IOException {
    return Removals.deleteIfSame(this, name, key);
  }

  /**
   * Removes the empty sub-directory {@code name} when it is still the directory {@code sub} has
   * open.
   */
  public void deleteEmptyDirectory(String name, SafeDir sub) throws IOException {
    Removals.deleteEmptyDirectory(this, name, sub);
  }

  /**
   * Renames {@code from} to {@code to} in this directory, atomically replacing {@code to} when it
   * is a regular file of this user's; anything else there is refused (the rename never follows it).
   */
  public void replace(String from, String to) throws IOException {
    EntryChanges.replace(this, from, to);
  }

  /**
   * Renames {@code from} to {@code to}, both plain names chosen by rds-echo (a lock moved aside).
   */
  public void rename(String from, String to) throws IOException {
    EntryChanges.rename(this, from, to);
  }

  /**
   * Gives the file {@code existing} a second name, failing when {@code name} exists (never follows
   * it).
   */
  public void link(String existing, String name) throws IOException {
    EntryChanges.link(this, existing, name);
  }

  /** Forces the directory's entries (the renames in it) to disk, where the file system can. */
  public void force() {
    EntryChanges.force(this);
  }

  /** A single name inside this directory: no separator, no {@code .} or {@code ..}. */
  static String check(String name) {
    if (name.isEmpty()
        || name.contains("/")
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    return name;
  }

  /** An open that could block, given up after {@link #OPEN_LIMIT_SECONDS} ({@link BoundedOpen}). */
  static <T> T bounded(Path path, Callable<T> open) throws IOException {
    return BoundedOpen.run(path, open);
  }

  @Override
  public void close() {
    try {
      handle.close();
    } catch (IOException ignored) {
      // a directory opened for reading: nothing to lose
    }
  }
}

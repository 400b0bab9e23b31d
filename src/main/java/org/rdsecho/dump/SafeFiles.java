package org.rdsecho.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import org.rdsecho.files.SafeDir;

/**
 * Files that appear under their final name only when complete: written under a temporary name
 * (owner-only, created new through the directory's handle), forced to disk, renamed atomically
 * through the same handle, and the directory forced too. Nothing here opens a path.
 */
final class SafeFiles {
  static final String PARTIAL = ".partial";

  private SafeFiles() {}

  /** This run's mark in its temporary names: no two runs, here or on another machine, share one. */
  static final String RUN =
      ProcessHandle.current().pid() + "-" + Long.toHexString(new SecureRandom().nextLong());

  /** The temporary name of a final file: hidden, unique to this run, recognisable for clean-up. */
  static String partial(String target) {
    return "." + target + "." + RUN + PARTIAL;
  }

  /** A temporary file of this run's, open for reading and writing. */
  record Partial(SafeDir dir, String name, FileChannel channel) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // written through, or abandoned and removed next
      }
    }

    /**
     * Closes it and removes it (after a failure); a file left behind is removed by the next run.
     */
    void discard() {
      close();
      try {
        dir.deleteOwn(name);
      } catch (IOException | RuntimeException ignored) {
        // a hidden .partial file; the next run removes it
      }
    }
  }

  /** Creates this run's temporary file for {@code target}; never opens or removes another's. */
  static Partial createPartial(SafeDir dir, String target) throws IOException {
    String name = partial(target);
    return new Partial(dir, name, dir.create(name));
  }

  /**
   * fsync the temporary file, rename it over the final name (only ever a file of ours), fsync the
   * directory. The channel stays open (an upload may still read it); its owner closes it.
   */
  static void commit(Partial tmp, String target) throws IOException {
    tmp.channel().force(true);
    tmp.dir().replace(tmp.name(), target);
    tmp.dir().force();
  }

  static void writeAtomically(SafeDir dir, String target, byte[] content) throws IOException {
    dir.requireAbsentOrOwnFile(target);
    Partial tmp = createPartial(dir, target);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        tmp.channel().write(buffer);
      }
      commit(tmp, target);
      tmp.close();
    } catch (IOException | RuntimeException e) {
      tmp.discard();
      throw e;
    }
  }

  /**
   * Removes temporary files killed runs left behind; never touches a final name. Only called while
   * holding the directory's lock, which is taken over only from runs provably gone, so every
   * partial file here that is not this run's belongs to a dead one. One that is not a file of this
   * user's was put there by someone else: refused, naming it.
   */
  static void removeLeftovers(SafeDir dir) throws IOException {
    for (String name : dir.names()) {
      if (name.startsWith(".") && name.endsWith(PARTIAL)) {
        dir.deleteOwn(name);
      }
    }
  }

  /**
   * Writes to a channel, in the writes it is given; closing it leaves the channel open for its
   * owner.
   */
  static OutputStream output(FileChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
  }
}

package org.rdsecho.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * A small file's bytes, read through a directory's handle up to a limit (manifests, lock owners).
 */
final class FileBytes {
  private FileBytes() {}

  /**
   * The bytes of an existing file of this user's, up to {@code limit}; refused for anything else.
   */
  static byte[] readAll(SafeDir dir, String name, int limit) throws IOException {
    try (FileChannel channel = dir.readOwn(name)) {
      return readFully(channel, limit);
    }
  }

  /**
   * The bytes of a regular file of this user's; empty for anything else, or when it cannot be read.
   */
  static Optional<byte[]> readIfOwn(SafeDir dir, String name, int limit) {
    try {
      Optional<PosixFileAttributes> seen = dir.stat(name);
      if (seen.isEmpty() || !seen.get().isRegularFile() || !Owner.isMe(seen.get().owner())) {
        return Optional.empty();
      }
      try (FileChannel channel = FileOpens.readOpened(dir, name, seen.get())) {
        return Optional.of(readFully(channel, limit));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
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
}

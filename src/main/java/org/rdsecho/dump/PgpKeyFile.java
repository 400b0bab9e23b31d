package org.rdsecho.dump;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.rdsecho.config.ConfigException;

/**
 * The public key rings of an {@code encryptTo} key file, every one of them (§16): armored blocks
 * concatenated, or binary rings one after the other; anything else in the file is an error rather
 * than skipped unseen.
 */
final class PgpKeyFile {
  /** Key files are small; this bounds what a mistaken path (a dump, say) would make us read. */
  private static final long MAX_BYTES = 16L << 20;

  private static final Pattern ARMOR =
      Pattern.compile("-----BEGIN PGP ([A-Z0-9 ,/]+)-----.*?-----END PGP \\1-----", Pattern.DOTALL);

  private PgpKeyFile() {}

  /**
   * @param key the configuration key naming the file, for messages
   */
  static List<PGPPublicKeyRing> rings(Path file, String key) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new IOException(Files.exists(file) ? "not a regular file" : "no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      List<PGPPublicKeyRing> rings = new ArrayList<>();
      if (!text.contains("-----BEGIN PGP")) {
        collect(new ByteArrayInputStream(bytes), rings);
        return rings;
      }
      // armored: every block, in order (gpg --export A >> f; gpg --export B >> f gives two), and
      // nothing but whitespace between them (§16 every key: binary keys appended to armored ones,
      // a block cut off before its END line, or other text would otherwise be skipped unseen;
      // gpg --show-keys rejects such files too)
      Matcher block = ARMOR.matcher(text);
      int end = 0;
      while (block.find()) {
        outsideBlocks(text, end, block.start());
        end = block.end();
        if (!block.group(1).equals("PUBLIC KEY BLOCK")) {
          throw new IOException(
              "it holds a PGP " + block.group(1) + ", where only public keys belong");
        }
        collect(
            new ArmoredInputStream(
                new ByteArrayInputStream(block.group().getBytes(StandardCharsets.ISO_8859_1))),
            rings);
      }
      outsideBlocks(text, end, text.length());
      if (rings.isEmpty()) {
        throw new IOException("no complete armored public key block");
      }
      return rings;
    } catch (IOException | PGPException | RuntimeException e) {
      throw new ConfigException(
          key
              + " names "
              + file
              + ", which is not a readable OpenPGP public key ("
              + e.getMessage()
              + "): export it with 'gpg --export --armor KEYID > "
              + file.getFileName()
              + "'");
    }
  }

  /**
   * Refuses anything but whitespace in {@code text[from, to)}, the bytes between armored blocks.
   */
  private static void outsideBlocks(String text, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        int begin = text.indexOf("-----BEGIN PGP", i);
        throw new IOException(
            begin >= 0 && begin < to
                ? "the armored block at byte "
                    + begin
                    + " has no END line: it is cut off; gpg --show-keys rejects it too"
                : "byte "
                    + i
                    + " is outside its armored blocks (binary key data, a damaged block or other text); every"
                    + " key must be armored, or the whole file binary; gpg --show-keys rejects it too");
      }
    }
  }

  private static void collect(InputStream in, List<PGPPublicKeyRing> rings)
      throws IOException, PGPException {
    PGPPublicKeyRingCollection collection =
        new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    collection.getKeyRings().forEachRemaining(rings::add);
  }
}

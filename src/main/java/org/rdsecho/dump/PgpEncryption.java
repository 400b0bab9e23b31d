package org.rdsecho.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.rdsecho.config.ConfigException;

/**
 * OpenPGP encryption of a dump while it streams (§14), to every configured public key, with
 * Bouncy Castle: AES-256 with an integrity packet, the compressed dump as one literal-data packet
 * of partial lengths, so {@code gpg --decrypt F | gunzip} restores it and nothing unencrypted is
 * ever written. The dump is compressed before, so OpenPGP's own compression is not used.
 */
public final class PgpEncryption {
  public static final String EXTENSION = ".gpg";

  private final List<PGPPublicKey> recipients;
  private final List<String> fingerprints;

  private PgpEncryption(List<PGPPublicKey> recipients) {
    this.recipients = List.copyOf(recipients);
    this.fingerprints = recipients.stream().map(k -> org.bouncycastle.util.encoders.Hex.toHexString(
        k.getFingerprint()).toUpperCase(java.util.Locale.ROOT)).toList();
  }

  /**
   * Reads one encryption key from each file (armored or binary): the newest valid encryption
   * (sub)key of the first key in it.
   *
   * @param key the configuration key that names the files, for messages
   */
  public static PgpEncryption toKeys(List<Path> files, String key, Instant now) {
    List<PGPPublicKey> recipients = new ArrayList<>();
    for (Path file : files) {
      recipients.add(encryptionKey(file, key, now));
    }
    return new PgpEncryption(recipients);
  }

  private static PGPPublicKey encryptionKey(Path file, String key, Instant now) {
    PGPPublicKeyRingCollection rings;
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw new ConfigException(key + " names " + file + ", which is not a readable OpenPGP public key ("
          + e.getMessage() + "): export it with 'gpg --export --armor KEYID > " + file.getFileName() + "'");
    }
    PGPPublicKey best = null;
    for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext() && best == null; ) {
      PGPPublicKeyRing ring = it.next();
      if (ring.getPublicKey().hasRevocation() || expired(ring.getPublicKey(), now)) {
        continue;
      }
      for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
        PGPPublicKey candidate = keys.next();
        if (candidate.isEncryptionKey() && !candidate.hasRevocation() && !expired(candidate, now)
            && (best == null || candidate.getCreationTime().after(best.getCreationTime()))) {
          best = candidate;
        }
      }
    }
    if (best == null) {
      throw new ConfigException(key + " names " + file + ", which holds no valid (unrevoked, unexpired) encryption"
          + " key: export the team's current public key into it");
    }
    return best;
  }

  private static boolean expired(PGPPublicKey key, Instant now) {
    long valid = key.getValidSeconds();
    return valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now);
  }

  /** The recipients' fingerprints, for the manifest and messages. */
  public List<String> fingerprints() {
    return fingerprints;
  }

  /**
   * A stream that encrypts what is written to it into {@code out}; closing it finishes the
   * OpenPGP message and closes {@code out}.
   *
   * @param innerName the literal data's file name (what gpg writes with --use-embedded-filename)
   */
  public OutputStream encrypting(OutputStream out, String innerName) throws IOException {
    // the JDK's AES and SHA-1 (hardware-accelerated intrinsics) for the bulk data: Bouncy Castle's
    // pure-Java engines cost a third of the export's time, these a few percent
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
            .setWithIntegrityPacket(true)
            .setSecureRandom(new SecureRandom()));
    recipients.forEach(k -> generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(k)));
    OutputStream encrypted;
    try {
      encrypted = generator.open(out, new byte[1 << 16]);
    } catch (PGPException e) {
      throw new IOException("cannot start the OpenPGP encryption: " + e.getMessage(), e);
    }
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    OutputStream plain = literal.open(encrypted, PGPLiteralData.BINARY, innerName, new Date(), new byte[1 << 16]);
    return new OutputStream() {
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        plain.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        plain.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        plain.flush();
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          literal.close();
          generator.close();
        } finally {
          out.close();
        }
      }
    };
  }
}

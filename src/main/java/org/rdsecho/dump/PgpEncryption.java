package org.rdsecho.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.rdsecho.config.ConfigException;

/**
 * OpenPGP encryption of a dump while it streams (§14), to every configured public key, with Bouncy
 * Castle: AES-256 with an integrity packet, the compressed dump as one literal-data packet of
 * partial lengths, so {@code gpg --decrypt F | gunzip} restores it and nothing unencrypted is ever
 * written. The dump is compressed before, so OpenPGP's own compression is not used.
 */
// Bouncy Castle's OpenPGP API takes and returns java.util.Date
@SuppressWarnings("JavaUtilDate")
public final class PgpEncryption {
  public static final String EXTENSION = ".gpg";

  private final List<PgpKeys.Recipient> recipients;

  private PgpEncryption(List<PgpKeys.Recipient> recipients) {
    this.recipients = List.copyOf(recipients);
  }

  /**
   * Every key in every file (armored or binary, several keys a file) is a recipient, each through
   * the encryption (sub)key its flags name (PgpKeys); the same key named twice counts once.
   *
   * @param key the configuration key that names the files, for messages
   * @throws ConfigException a file that is not a key file, or a key revoked, expired or without an
   *     encryption key, naming the file and the key's fingerprint
   */
  public static PgpEncryption toKeys(List<Path> files, String key, Instant now) {
    Map<String, PgpKeys.Recipient> recipients = new LinkedHashMap<>();
    for (Path file : files) {
      PgpKeys.read(file, key, now)
          .forEach(r -> recipients.putIfAbsent(r.encryptionFingerprint(), r));
    }
    return new PgpEncryption(List.copyOf(recipients.values()));
  }

  /** The recipients: each key's primary fingerprint and the (sub)key the dumps are encrypted to. */
  public List<PgpKeys.Recipient> recipients() {
    return recipients;
  }

  /**
   * The recipients' primary key fingerprints (what {@code gpg --list-keys} shows), for the
   * manifest.
   */
  public List<String> fingerprints() {
    return recipients.stream().map(PgpKeys.Recipient::fingerprint).toList();
  }

  /** The fingerprints of the (sub)keys the dumps are encrypted to, in the same order. */
  public List<String> encryptionFingerprints() {
    return recipients.stream().map(PgpKeys.Recipient::encryptionFingerprint).toList();
  }

  /**
   * A stream that encrypts what is written to it into {@code out}; closing it finishes the OpenPGP
   * message and closes {@code out}.
   *
   * @param innerName the literal data's file name (what gpg writes with --use-embedded-filename)
   */
  public OutputStream encrypting(OutputStream out, String innerName) throws IOException {
    // the JDK's AES and SHA-1 (hardware-accelerated intrinsics) for the bulk data: Bouncy Castle's
    // pure-Java engines cost a third of the export's time, these a few percent
    PGPEncryptedDataGenerator generator =
        new PGPEncryptedDataGenerator(
            new org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder(
                    SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom()));
    recipients.forEach(
        r -> generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(r.key())));
    OutputStream encrypted;
    try {
      encrypted = generator.open(out, new byte[1 << 16]);
    } catch (PGPException e) {
      throw new IOException("cannot start the OpenPGP encryption: " + e.getMessage(), e);
    }
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    OutputStream plain =
        literal.open(encrypted, PGPLiteralData.BINARY, innerName, new Date(), new byte[1 << 16]);
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

package org.rdsecho.dump;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.util.encoders.Hex;
import org.rdsecho.config.ConfigException;

/**
 * Reads the recipients of an {@code encryptTo} key file by the book (RFC 4880 §5.2.3, §11.1, and
 * what gpg does), §16: every key (public key ring) in the file ({@link PgpKeyFile}) is a recipient,
 * each through the encryption (sub)key its key flags name. Only signatures made by the key's own
 * primary key that verify count ({@link PgpSignatures}). Among valid subkeys whose binding
 * signature's flags allow encryption (ENCRYPT_COMMS or ENCRYPT_STORAGE) the newest is used, the
 * first on a tie (gpg's choice); the primary key only when no subkey qualifies and its
 * self-signature allows encryption. A key whose signatures carry no key flags at all (keys made
 * before RFC 4880) may encrypt with any key whose algorithm can. A revoked or expired key, or one
 * without a usable encryption key, is a configuration error (2) naming the file and the key's
 * fingerprint.
 */
// Bouncy Castle's OpenPGP API takes and returns java.util.Date
@SuppressWarnings("JavaUtilDate")
public final class PgpKeys {
  /**
   * One recipient: the key as people name it (primary fingerprint) and the (sub)key the dump is
   * encrypted to.
   */
  public record Recipient(
      String fingerprint, String encryptionFingerprint, String userId, PGPPublicKey key) {}

  private PgpKeys() {}

  /**
   * Every key of {@code file}, each as the recipient it gives.
   *
   * @param key the configuration key naming the file, for messages
   */
  public static List<Recipient> read(Path file, String key, Instant now) {
    List<PGPPublicKeyRing> rings = PgpKeyFile.rings(file, key);
    if (rings.isEmpty()) {
      throw new ConfigException(
          key
              + " names "
              + file
              + ", which holds no OpenPGP public key: export the team's key"
              + " into it with 'gpg --export --armor KEYID > "
              + file.getFileName()
              + "'");
    }
    List<Recipient> recipients = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      recipients.add(recipient(ring, file, key, now));
    }
    return recipients;
  }

  private static Recipient recipient(PGPPublicKeyRing ring, Path file, String key, Instant now) {
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = fingerprint(primary);
    String userId = userId(primary);
    String named =
        key
            + " names "
            + file
            + ", whose key "
            + fingerprint
            + (userId == null ? "" : " (" + userId + ")");
    if (PgpSignatures.revoked(primary, primary, PGPSignature.KEY_REVOCATION)) {
      throw new ConfigException(
          named
              + " was revoked: remove it from the file, or export its owner's current key"
              + " into it; nothing was encrypted to it");
    }
    PGPSignature self = PgpSignatures.selfSignature(primary);
    if (self == null) {
      throw new ConfigException(
          named
              + " has no valid self-signature (its user IDs are not signed by the key):"
              + " export it again with 'gpg --export --armor "
              + fingerprint
              + "'");
    }
    Instant expiry = PgpSignatures.expiry(primary, self);
    if (expiry != null && !expiry.isAfter(now)) {
      throw new ConfigException(
          named
              + " expired on "
              + expiry
              + ": extend it ('gpg --quick-set-expire "
              + fingerprint
              + " 1y') and export it again, or remove it from the file");
    }
    PGPPublicKey chosen = null;
    List<String> passedOver = new ArrayList<>();
    for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
      PGPPublicKey sub = keys.next();
      if (sub.isMasterKey()) {
        continue;
      }
      PGPSignature binding =
          PgpSignatures.newest(
              sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING),
              primary,
              s -> s.verifyCertification(primary, sub));
      if (binding == null || !PgpSignatures.encrypts(binding, sub)) {
        continue; // not bound by this key, or not for encryption
      }
      if (PgpSignatures.revoked(primary, sub, PGPSignature.SUBKEY_REVOCATION)) {
        passedOver.add("subkey " + fingerprint(sub) + " was revoked");
        continue;
      }
      Instant subExpiry = PgpSignatures.expiry(sub, binding);
      if (subExpiry != null && !subExpiry.isAfter(now)) {
        passedOver.add("subkey " + fingerprint(sub) + " expired on " + subExpiry);
        continue;
      }
      // the newest, the first on a tie: what gpg encrypts to
      if (chosen == null || sub.getCreationTime().after(chosen.getCreationTime())) {
        chosen = sub;
      }
    }
    if (chosen == null && PgpSignatures.encrypts(self, primary)) {
      chosen = primary;
    }
    if (chosen == null) {
      throw new ConfigException(
          named
              + " has no usable encryption key ("
              + (passedOver.isEmpty()
                  ? "it can only sign or certify"
                  : String.join(", ", passedOver))
              + "): add an encryption subkey ('gpg --quick-add-key "
              + fingerprint
              + " default encr') and export it"
              + " again, or remove it from the file");
    }
    return new Recipient(fingerprint, fingerprint(chosen), userId, chosen);
  }

  private static String userId(PGPPublicKey primary) {
    Iterator<byte[]> ids = primary.getRawUserIDs();
    return ids.hasNext() ? Printable.plain(new String(ids.next(), StandardCharsets.UTF_8)) : null;
  }

  static String fingerprint(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** Keeps a user ID printable in a message (one line, no control characters). */
  private static final class Printable {
    static String plain(String s) {
      return s.codePoints()
          .map(c -> Character.isISOControl(c) ? '?' : c)
          .limit(200)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
          .toString();
    }
  }
}

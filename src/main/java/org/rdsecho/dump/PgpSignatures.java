package org.rdsecho.dump;

import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * What a key's own signatures say (RFC 4880 §5.2.3, §11.1): only signatures made by the key's
 * primary key that verify count, so a subkey or revocation someone appended without the key's
 * secret is ignored, as gpg ignores it.
 */
// Bouncy Castle's OpenPGP API takes and returns java.util.Date
@SuppressWarnings("JavaUtilDate")
final class PgpSignatures {
  private static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

  private PgpSignatures() {}

  /** A check of a signature already initialised with the primary key. */
  @FunctionalInterface
  interface Check {
    boolean verify(PGPSignature initialised) throws PGPException;
  }

  /**
   * Whether a key may encrypt under this (self- or binding) signature: its flags, or its algorithm
   * when it has none.
   */
  static boolean encrypts(PGPSignature signature, PGPPublicKey key) {
    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
      return (hashed.getKeyFlags() & ENCRYPT) != 0 && key.isEncryptionKey();
    }
    return key.isEncryptionKey();
  }

  /** When a key expires under its newest self- or binding signature; null for never. */
  static Instant expiry(PGPPublicKey key, PGPSignature signature) {
    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
    if (seconds == 0 && key.getVersion() == 3) {
      seconds = key.getValidSeconds();
    }
    return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
  }

  /**
   * The self-signature that governs the primary key: the newest verified certification of a user ID
   * marked primary, else of any user ID, else the newest direct-key signature.
   */
  static PGPSignature selfSignature(PGPPublicKey primary) {
    PGPSignature newestPrimary = null;
    PGPSignature newestAny = null;
    for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
      byte[] id = ids.next();
      for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs.hasNext(); ) {
        PGPSignature s = sigs.next();
        if (!isCertification(s.getSignatureType())
            || !verifies(s, primary, v -> v.verifyCertification(id, primary))) {
          continue;
        }
        newestAny = newer(newestAny, s);
        if (s.getHashedSubPackets() != null && s.getHashedSubPackets().isPrimaryUserID()) {
          newestPrimary = newer(newestPrimary, s);
        }
      }
    }
    if (newestPrimary != null) {
      return newestPrimary;
    }
    if (newestAny != null) {
      return newestAny;
    }
    return newest(
        primary.getSignaturesOfType(PGPSignature.DIRECT_KEY),
        primary,
        s -> s.verifyCertification(primary));
  }

  private static boolean isCertification(int type) {
    return type == PGPSignature.DEFAULT_CERTIFICATION
        || type == PGPSignature.NO_CERTIFICATION
        || type == PGPSignature.CASUAL_CERTIFICATION
        || type == PGPSignature.POSITIVE_CERTIFICATION;
  }

  /**
   * Whether {@code key} carries a revocation of {@code type} that its primary key made and that
   * verifies.
   */
  static boolean revoked(PGPPublicKey primary, PGPPublicKey key, int type) {
    return newest(
            key.getSignaturesOfType(type),
            primary,
            s ->
                key == primary
                    ? s.verifyCertification(primary)
                    : s.verifyCertification(primary, key))
        != null;
  }

  /** The newest of these signatures made by {@code primary} that verify; null for none. */
  static PGPSignature newest(Iterator<PGPSignature> signatures, PGPPublicKey primary, Check check) {
    PGPSignature best = null;
    while (signatures.hasNext()) {
      PGPSignature s = signatures.next();
      if (verifies(s, primary, check)) {
        best = newer(best, s);
      }
    }
    return best;
  }

  private static boolean verifies(PGPSignature s, PGPPublicKey primary, Check check) {
    if (s.getKeyID() != primary.getKeyID()) {
      return false;
    }
    try {
      s.init(new BcPGPContentVerifierBuilderProvider(), primary);
      return check.verify(s);
    } catch (PGPException | RuntimeException e) {
      return false; // an algorithm we cannot check, or a malformed signature: it does not count
    }
  }

  private static PGPSignature newer(PGPSignature best, PGPSignature s) {
    Date when = s.getCreationTime();
    return best == null || when.after(best.getCreationTime()) ? s : best;
  }
}

package org.rdsecho.dump;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;
import org.rdsecho.config.ConfigException;

/**
 * Reads the recipients of an {@code encryptTo} key file by the book (RFC 4880 §5.2.3, §11.1, and
 * what gpg does), §16: every key (public key ring) in the file is a recipient, armored blocks
 * concatenated or binary rings one after the other; each through the encryption (sub)key its key
 * flags name. Only signatures made by the key's own primary key that verify count (a subkey or a
 * revocation someone appended without the key's secret is ignored, as gpg ignores it). Among
 * valid subkeys whose binding signature's flags allow encryption (ENCRYPT_COMMS or
 * ENCRYPT_STORAGE) the newest is used, the first on a tie (gpg's choice); the primary key only
 * when no subkey qualifies and its self-signature allows encryption. A key whose signatures carry
 * no key flags at all (keys made before RFC 4880) may encrypt with any key whose algorithm can.
 * A revoked or expired key, or one without a usable encryption key, is a configuration error (2)
 * naming the file and the key's fingerprint.
 */
public final class PgpKeys {
  /** One recipient: the key as people name it (primary fingerprint) and the (sub)key the dump is encrypted to. */
  public record Recipient(String fingerprint, String encryptionFingerprint, String userId, PGPPublicKey key) {}

  /** Key files are small; this bounds what a mistaken path (a dump, say) would make us read. */
  private static final long MAX_BYTES = 16L << 20;
  private static final Pattern ARMOR = Pattern.compile(
      "-----BEGIN PGP ([A-Z0-9 ,/]+)-----.*?-----END PGP \\1-----", Pattern.DOTALL);
  private static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

  private PgpKeys() {}

  /**
   * Every key of {@code file}, each as the recipient it gives.
   *
   * @param key the configuration key naming the file, for messages
   */
  public static List<Recipient> read(Path file, String key, Instant now) {
    List<PGPPublicKeyRing> rings = rings(file, key);
    if (rings.isEmpty()) {
      throw new ConfigException(key + " names " + file + ", which holds no OpenPGP public key: export the team's key"
          + " into it with 'gpg --export --armor KEYID > " + file.getFileName() + "'");
    }
    List<Recipient> recipients = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      recipients.add(recipient(ring, file, key, now));
    }
    return recipients;
  }

  private static List<PGPPublicKeyRing> rings(Path file, String key) {
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
          throw new IOException("it holds a PGP " + block.group(1) + ", where only public keys belong");
        }
        collect(new ArmoredInputStream(new ByteArrayInputStream(block.group().getBytes(StandardCharsets.ISO_8859_1))),
            rings);
      }
      outsideBlocks(text, end, text.length());
      if (rings.isEmpty()) {
        throw new IOException("no complete armored public key block");
      }
      return rings;
    } catch (IOException | PGPException | RuntimeException e) {
      throw new ConfigException(key + " names " + file + ", which is not a readable OpenPGP public key ("
          + e.getMessage() + "): export it with 'gpg --export --armor KEYID > " + file.getFileName() + "'");
    }
  }

  /** Refuses anything but whitespace in {@code text[from, to)}, the bytes between armored blocks. */
  private static void outsideBlocks(String text, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        int begin = text.indexOf("-----BEGIN PGP", i);
        throw new IOException(begin >= 0 && begin < to
            ? "the armored block at byte " + begin + " has no END line: it is cut off; gpg --show-keys rejects it too"
            : "byte " + i + " is outside its armored blocks (binary key data, a damaged block or other text); every"
                + " key must be armored, or the whole file binary; gpg --show-keys rejects it too");
      }
    }
  }

  private static void collect(InputStream in, List<PGPPublicKeyRing> rings) throws IOException, PGPException {
    PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    collection.getKeyRings().forEachRemaining(rings::add);
  }

  private static Recipient recipient(PGPPublicKeyRing ring, Path file, String key, Instant now) {
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = fingerprint(primary);
    String userId = userId(primary);
    String named = key + " names " + file + ", whose key " + fingerprint + (userId == null ? "" : " (" + userId + ")");
    if (revoked(primary, primary, PGPSignature.KEY_REVOCATION)) {
      throw new ConfigException(named + " was revoked: remove it from the file, or export its owner's current key"
          + " into it; nothing was encrypted to it");
    }
    PGPSignature self = selfSignature(primary);
    if (self == null) {
      throw new ConfigException(named + " has no valid self-signature (its user IDs are not signed by the key):"
          + " export it again with 'gpg --export --armor " + fingerprint + "'");
    }
    Instant expiry = expiry(primary, self);
    if (expiry != null && !expiry.isAfter(now)) {
      throw new ConfigException(named + " expired on " + expiry + ": extend it ('gpg --quick-set-expire "
          + fingerprint + " 1y') and export it again, or remove it from the file");
    }
    PGPPublicKey chosen = null;
    List<String> passedOver = new ArrayList<>();
    for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
      PGPPublicKey sub = keys.next();
      if (sub.isMasterKey()) {
        continue;
      }
      PGPSignature binding = newest(sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), primary,
          s -> s.verifyCertification(primary, sub));
      if (binding == null || !encrypts(binding, sub)) {
        continue; // not bound by this key, or not for encryption
      }
      if (revoked(primary, sub, PGPSignature.SUBKEY_REVOCATION)) {
        passedOver.add("subkey " + fingerprint(sub) + " was revoked");
        continue;
      }
      Instant subExpiry = expiry(sub, binding);
      if (subExpiry != null && !subExpiry.isAfter(now)) {
        passedOver.add("subkey " + fingerprint(sub) + " expired on " + subExpiry);
        continue;
      }
      // the newest, the first on a tie: what gpg encrypts to
      if (chosen == null || sub.getCreationTime().after(chosen.getCreationTime())) {
        chosen = sub;
      }
    }
    if (chosen == null && encrypts(self, primary)) {
      chosen = primary;
    }
    if (chosen == null) {
      throw new ConfigException(named + " has no usable encryption key ("
          + (passedOver.isEmpty() ? "it can only sign or certify" : String.join(", ", passedOver))
          + "): add an encryption subkey ('gpg --quick-add-key " + fingerprint + " default encr') and export it"
          + " again, or remove it from the file");
    }
    return new Recipient(fingerprint, fingerprint(chosen), userId, chosen);
  }

  /** Whether a key may encrypt under this (self- or binding) signature: its flags, or its algorithm when it has none. */
  private static boolean encrypts(PGPSignature signature, PGPPublicKey key) {
    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    if (hashed != null && hashed.hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
      return (hashed.getKeyFlags() & ENCRYPT) != 0 && key.isEncryptionKey();
    }
    return key.isEncryptionKey();
  }

  /** When a key expires under its newest self- or binding signature; null for never. */
  private static Instant expiry(PGPPublicKey key, PGPSignature signature) {
    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
    if (seconds == 0 && key.getVersion() == 3) {
      seconds = key.getValidSeconds();
    }
    return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
  }

  /**
   * The self-signature that governs the primary key: the newest verified certification of a user
   * ID marked primary, else of any user ID, else the newest direct-key signature.
   */
  private static PGPSignature selfSignature(PGPPublicKey primary) {
    PGPSignature newestPrimary = null;
    PGPSignature newestAny = null;
    for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
      byte[] id = ids.next();
      for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs.hasNext(); ) {
        PGPSignature s = sigs.next();
        if (!isCertification(s.getSignatureType()) || !verifies(s, primary, v -> v.verifyCertification(id, primary))) {
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
    return newest(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY), primary, s -> s.verifyCertification(primary));
  }

  private static boolean isCertification(int type) {
    return type == PGPSignature.DEFAULT_CERTIFICATION || type == PGPSignature.NO_CERTIFICATION
        || type == PGPSignature.CASUAL_CERTIFICATION || type == PGPSignature.POSITIVE_CERTIFICATION;
  }

  /** Whether {@code key} carries a revocation of {@code type} that its primary key made and that verifies. */
  private static boolean revoked(PGPPublicKey primary, PGPPublicKey key, int type) {
    return newest(key.getSignaturesOfType(type), primary,
        s -> key == primary ? s.verifyCertification(primary) : s.verifyCertification(primary, key)) != null;
  }

  @FunctionalInterface
  private interface Check {
    boolean verify(PGPSignature initialised) throws PGPException;
  }

  /** The newest of these signatures made by {@code primary} that verify; null for none. */
  private static PGPSignature newest(Iterator<PGPSignature> signatures, PGPPublicKey primary, Check check) {
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
      return s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).limit(200)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
  }
}

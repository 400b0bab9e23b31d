package org.rdsecho.stage;

import java.util.Optional;

/**
 * The gates a clone passes before promotion (§3 "Promotion gates"): sanitized when sanitize scripts
 * are configured, verified when {@code rdsecho.verify.required=true}, carried when {@code carry} is
 * configured. A clone that has not passed one is refused (4), naming the step.
 */
public record PromotionGates(boolean sanitize, boolean verify, boolean carry) {
  public static final PromotionGates NONE = new PromotionGates(false, false, false);

  /** A gate not passed: its rule name (JSON {@code refused}) and why, in words. */
  public record Refusal(String rule, String reason) {}

  /** Why {@code clone} may not be promoted yet, or empty when it may. */
  public Optional<String> refusal(EchoTags tags, EchoInstance clone, Stage stage) {
    return check(tags, clone, stage).map(Refusal::reason);
  }

  /** The first gate {@code clone} has not passed, or empty when it may be promoted. */
  public Optional<Refusal> check(EchoTags tags, EchoInstance clone, Stage stage) {
    if (sanitize && stage != Stage.SANITIZED) {
      return Optional.of(
          new Refusal(
              "gate:sanitize",
              "it is "
                  + stage
                  + ", but rdsecho.sanitize.scripts is set, so"
                  + " only a sanitized clone may be promoted; run 'rds-echo sanitize' first"));
    }
    if (verify && !VerifyPlanner.isVerified(tags, clone)) {
      return Optional.of(
          new Refusal(
              "gate:verify",
              "its newest dump set is not verified, and"
                  + " rdsecho.verify.required=true; run 'rds-echo verify' first"));
    }
    if (carry && clone.tag(tags.carriedAt()).isEmpty()) {
      return Optional.of(
          new Refusal(
              "gate:carry",
              "what staging made on the promoted clone is not carried into it"
                  + " yet (rdsecho.carry.* is set); run 'rds-echo carry' first"));
    }
    return Optional.empty();
  }

  /**
   * Why {@code clone}, promoted once and forgotten since, may not be promoted again by a rollback,
   * or empty when it may (§15). Its stage tag says forgotten now, so the gates read the marks the
   * steps left: its scrubbed set (or the scripts' mark), its dump set was verified, rows were
   * carried into it.
   */
  public Optional<String> refusalToReturn(EchoTags tags, EchoInstance clone) {
    // sanitized: its scrubbed set's digest (written with the sanitized stage, in place of the
    // scripts' mark), or the mark of a clone promoted before the digest existed
    if (sanitize
        && clone.tag(tags.manifestDigest(DumpKind.SANITIZED)).isEmpty()
        && clone.tag(tags.sanitizeRan()).isEmpty()) {
      return Optional.of(
          "rdsecho.sanitize.scripts is set, and it was never sanitized (no tag "
              + tags.manifestDigest(DumpKind.SANITIZED)
              + " nor "
              + tags.sanitizeRan()
              + "): it may hold production data as it is");
    }
    if (verify && clone.tag(tags.verifiedAt()).isEmpty()) {
      return Optional.of("rdsecho.verify.required=true, and no dump set of it was ever verified");
    }
    if (carry && clone.tag(tags.carriedAt()).isEmpty()) {
      return Optional.of("rdsecho.carry.* is set, and nothing was ever carried into it");
    }
    return Optional.empty();
  }
}

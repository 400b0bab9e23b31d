package org.rdsecho.aws;

import java.util.function.Supplier;
import org.rdsecho.core.EchoException;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * The one way rds-echo creates in RDS: every create names its resource, so a rerun after a crash or
 * a lost response asks for the same identifier and RDS answers "already exists". That answer is
 * reported (false), never an error: the caller adopts what exists once it has checked whose it is
 * ({@link Adoption}), or leaves it (a snapshot or copy made by an earlier run).
 */
final class Creations {
  private Creations() {}

  /**
   * @param action the IAM action, for messages
   * @param alreadyExists the SDK's exception for a resource of that identifier that exists
   * @return true when created now, false when it existed already
   */
  static boolean created(
      String action, Class<? extends RdsException> alreadyExists, Supplier<?> create) {
    try {
      AwsErrors.call(action, create);
      return true;
    } catch (EchoException e) {
      if (alreadyExists.isInstance(e.getCause())) {
        return false;
      }
      throw e;
    }
  }
}

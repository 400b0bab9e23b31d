package org.rdsecho.aws;

import java.util.Set;
import java.util.function.Supplier;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns SDK failures into messages an operator can act on, naming the IAM action. Adapters catch
 * the failures they expect ("not found") themselves; everything else passes through here.
 */
final class AwsErrors {
  private static final Set<String> DENIED =
      Set.of(
          "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "InvalidClientTokenId",
          "ExpiredToken",
          "ExpiredTokenException",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException",
          "IncompleteSignature");
  private static final Set<String> THROTTLED =
      Set.of(
          "Throttling", "ThrottlingException", "RequestLimitExceeded", "PriorRequestNotComplete");

  private AwsErrors() {}

  /**
   * @param action the IAM action, e.g. {@code rds:DescribeDBInstances}
   */
  static <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (AwsServiceException e) {
      throw translate(action, e);
    } catch (SdkClientException e) {
      throw translate(action, e);
    }
  }

  static EchoException translate(String action, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String detail = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (detail == null || detail.isBlank()) {
      // some endpoints answer an error without a message: say at least what came back
      detail =
          "HTTP "
              + e.statusCode()
              + " from "
              + action.substring(0, action.indexOf(':') + 1).replace(":", "")
              + " with no error message"
              + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
    }
    if (code != null && DENIED.contains(code)) {
      return new EchoException(
          Outcome.FAILED,
          "AWS denied "
              + action
              + " ("
              + detail
              + "): allow "
              + action
              + " for the IAM identity"
              + " running rds-echo (docs/iam.md lists what each command needs)",
          e);
    }
    if (code != null && BAD_CREDENTIALS.contains(code)) {
      return new EchoException(
          Outcome.FAILED,
          "AWS rejected the credentials on "
              + action
              + " ("
              + code
              + "): refresh them or pick"
              + " another profile with --profile",
          e);
    }
    if (code != null && THROTTLED.contains(code)) {
      return new EchoException(
          Outcome.FAILED,
          action + " was throttled by AWS even after retries: run the command again later",
          e);
    }
    return new EchoException(
        Outcome.FAILED,
        action
            + " failed: "
            + (code == null ? "" : code + ": ")
            + detail
            + " — fix the cause and run the command again",
        e);
  }

  static EchoException translate(String action, SdkClientException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Unable to load credentials")) {
      return new EchoException(
          Outcome.FAILED,
          "no AWS credentials found for "
              + action
              + ": set AWS_PROFILE or --profile, or"
              + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an instance role applies",
          e);
    }
    if (message.contains("Unable to load region")) {
      return new EchoException(
          Outcome.USAGE, "no AWS region: set --region, rdsecho.region or AWS_REGION", e);
    }
    return new EchoException(
        Outcome.FAILED,
        "could not complete "
            + action
            + ": "
            + plainly(e, message)
            + " — check the network and --endpoint-url, then run the command again (it resumes"
            + " where it stopped)",
        e);
  }

  /**
   * The SDK's words, with the cause it points to ("See cause for the exact endpoint") named: the
   * host that did not resolve is what an operator needs, and no stack trace shows it without -v.
   */
  static String plainly(SdkClientException e, String message) {
    Throwable cause = e.getCause();
    while (cause != null
        && !(cause instanceof java.net.UnknownHostException)
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof java.net.UnknownHostException unknown) {
      return "the host " + unknown.getMessage() + " could not be resolved (DNS)";
    }
    return message;
  }
}

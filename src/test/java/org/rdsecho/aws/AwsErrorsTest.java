package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
  @Test
  void anEndpointThatDoesNotResolveIsNamedInsteadOfSeeCause() {
    SdkClientException e =
        SdkClientException.builder()
            .message(
                "Received an UnknownHostException when attempting to interact with a service. See cause for the"
                    + " exact endpoint that is failing to resolve.")
            .cause(
                new java.io.UncheckedIOException(
                    new java.io.IOException(
                        new UnknownHostException("rds.nowhere-1.amazonaws.com"))))
            .build();
    EchoException translated = AwsErrors.translate("rds:DescribeDBInstances", e);
    assertEquals(Outcome.FAILED, translated.outcome());
    assertTrue(
        translated
            .getMessage()
            .contains("the host rds.nowhere-1.amazonaws.com could not be resolved"),
        translated.getMessage());
    assertFalse(translated.getMessage().contains("See cause"), translated.getMessage());
  }

  @Test
  void otherClientFailuresKeepTheSdksWords() {
    SdkClientException e =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .build();
    assertTrue(
        AwsErrors.translate("rds:DescribeDBInstances", e)
            .getMessage()
            .contains("Unable to execute HTTP request: Connection refused"));
  }
}

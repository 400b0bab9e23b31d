package org.rdsecho.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

class ClientSettingsTest {
  @Test
  void endpointUrlOptionBeatsServiceVariableWhichBeatsTheGeneralOne() {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL", "http://localhost:4566",
            "AWS_ENDPOINT_URL_ROUTE_53", "http://localhost:5000");
    ClientSettings fromEnv = new ClientSettings(null, null, null, env);
    assertEquals(URI.create("http://localhost:4566"), fromEnv.endpointFor("RDS"));
    assertEquals(URI.create("http://localhost:5000"), fromEnv.endpointFor("ROUTE_53"));
    ClientSettings fromOption = new ClientSettings(null, null, "http://127.0.0.1:9999", env);
    assertEquals(URI.create("http://127.0.0.1:9999"), fromOption.endpointFor("ROUTE_53"));
    assertNull(new ClientSettings(null, null, null, Map.of()).endpointFor("RDS"));
  }

  @Test
  void aMalformedEndpointIsAUsageError() {
    EchoException e =
        assertThrows(
            EchoException.class,
            () -> new ClientSettings(null, null, "localhost", Map.of()).endpointFor("RDS"));
    assertEquals(Outcome.USAGE, e.outcome());
  }

  @Test
  void realClientsAreBuiltWithAnEndpointOverride() {
    try (var rds =
            SdkClients.real()
                .rds(new ClientSettings("eu-west-1", null, "http://localhost:4566", Map.of()));
        var route53 =
            SdkClients.real()
                .route53(
                    new ClientSettings("eu-west-1", null, "http://localhost:4566", Map.of()))) {
      assertEquals("eu-west-1", rds.serviceClientConfiguration().region().id());
      assertEquals(
          URI.create("http://localhost:4566"),
          rds.serviceClientConfiguration().endpointOverride().orElseThrow());
      assertEquals("aws-global", route53.serviceClientConfiguration().region().id());
    }
  }
}

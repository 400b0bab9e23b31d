package org.rdsecho.aws;

import java.net.URI;
import java.util.Map;
import org.rdsecho.core.EchoException;
import org.rdsecho.core.Outcome;

/**
 * What the SDK clients are built with (see {@link SdkClients}): region, profile and endpoint
 * overrides, each null for the SDK's default chain, and the run's environment variables. Endpoint
 * precedence: {@code --endpoint-url}, then the service's {@code AWS_ENDPOINT_URL_<SERVICE>}
 * variable, then {@code AWS_ENDPOINT_URL}.
 */
public record ClientSettings(
    String region, String profile, String endpointUrl, Map<String, String> env) {

  public ClientSettings {
    env = Map.copyOf(env);
  }

  /** An environment variable as this run sees it. */
  String variable(String name) {
    return env.get(name);
  }

  URI endpointFor(String serviceVariable) {
    String url = endpointUrl;
    if (url == null) {
      url = env.get("AWS_ENDPOINT_URL_" + serviceVariable);
    }
    if (url == null) {
      url = env.get("AWS_ENDPOINT_URL");
    }
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new EchoException(
          Outcome.USAGE,
          "endpoint URL '"
              + url
              + "' is not valid ("
              + e.getMessage()
              + "): give a full URL such as http://localhost:4566");
    }
  }
}

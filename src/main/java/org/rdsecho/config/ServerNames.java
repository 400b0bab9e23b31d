package org.rdsecho.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether two host names given to rds-echo (endpoints, export.host, carry.fromHost, verify.host)
 * name the same server, without asking DNS: names compare case-insensitively and without a
 * trailing dot, IP literals by their address, and every loopback spelling ({@code localhost},
 * {@code *.localhost}, 127.0.0.0/8, {@code ::1}) is this one machine, where SSH tunnels to
 * different servers differ only by port. A DNS lookup is left out on purpose: a slow resolver
 * would make the check hang, and the names rds-echo meets are compared as configured.
 */
public final class ServerNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ServerNames() {}

  public static boolean sameHost(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = plain(a);
    String y = plain(b);
    if (x.equals(y)) {
      return true;
    }
    if (loopback(x) && loopback(y)) {
      return true;
    }
    Optional<InetAddress> ax = literal(x);
    Optional<InetAddress> ay = literal(y);
    return ax.isPresent() && ay.isPresent() && ax.get().equals(ay.get());
  }

  /** The same host and port; a null port is MySQL's 3306. */
  public static boolean sameServer(String host, Integer port, String otherHost, Integer otherPort) {
    return sameHost(host, otherHost) && (port == null ? 3306 : port) == (otherPort == null ? 3306 : otherPort);
  }

  private static String plain(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static boolean loopback(String host) {
    return host.equals("localhost") || host.endsWith(".localhost")
        || literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
  }

  /** An IP literal's address (no lookup: only literals are parsed); empty for a name. */
  private static Optional<InetAddress> literal(String host) {
    boolean v4 = IPV4.matcher(host).matches();
    if (v4) {
      for (String octet : host.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty(); // not a literal: never looked up
        }
      }
    } else if (!host.contains(":")) {
      return Optional.empty();
    }
    try {
      // getByName parses a literal without asking DNS
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }
}

package org.rdsecho.config;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two host names given to rds-echo (endpoints, export.host, carry.fromHost, verify.host)
 * name the same server, without asking DNS: names compare case-insensitively and without a trailing
 * dot, IP literals by their address in every spelling the client accepts (inet_aton's: {@code
 * 127.1}, {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}; IPv6, IPv4-mapped), and every
 * spelling of this machine ({@code localhost}, {@code *.localhost}, 127.0.0.0/8, {@code ::1}, the
 * unspecified {@code 0.0.0.0}/{@code ::}, which a client connects to as this machine, and the names
 * /etc/hosts gives a loopback address) is one machine, where SSH tunnels to different servers
 * differ only by port. Names in /etc/hosts are their addresses there. A DNS lookup is left out on
 * purpose: a slow resolver would make the check hang, and the names rds-echo meets are compared as
 * configured.
 */
public final class ServerNames {
  /** inet_aton's spellings: one to four parts, each decimal, octal (leading 0) or hex (0x). */
  private static final Pattern ATON =
      Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}");

  private static final String THIS_MACHINE = "this machine";
  private static volatile Map<String, Set<String>> systemHosts;

  private ServerNames() {}

  public static boolean sameHost(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return sameHost(a, b, systemHosts());
  }

  /** As {@link #sameHost(String, String)}, with the given /etc/hosts (name to addresses). */
  static boolean sameHost(String a, String b, Map<String, Set<String>> hosts) {
    if (a == null || b == null) {
      return false;
    }
    return !Collections.disjoint(identities(plain(a), hosts), identities(plain(b), hosts));
  }

  /**
   * A server as the client would reach it, its host resolved once (as {@link #sameHost} does,
   * /etc/hosts included) into what it stands for, so later comparisons are pure.
   *
   * @param host as configured or reported, for messages
   */
  public record Server(String host, int port, Set<String> identities) {
    public Server {
      identities = Set.copyOf(identities);
    }

    /** The same host and port. */
    public boolean same(Server other) {
      return other != null && port == other.port && sameHost(other);
    }

    /** The same host, whatever the ports. */
    public boolean sameHost(Server other) {
      return other != null && !Collections.disjoint(identities, other.identities);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** Resolves {@code host} (null: no server, null) at {@code port} (null: MySQL's 3306). */
  public static Server server(String host, Integer port) {
    return server(host, port, systemHosts());
  }

  static Server server(String host, Integer port, Map<String, Set<String>> hosts) {
    return host == null
        ? null
        : new Server(host, port == null ? 3306 : port, identities(plain(host), hosts));
  }

  /** The same host and port; a null port is MySQL's 3306. */
  public static boolean sameServer(String host, Integer port, String otherHost, Integer otherPort) {
    return sameHost(host, otherHost)
        && (port == null ? 3306 : port) == (otherPort == null ? 3306 : otherPort);
  }

  /** What a host stands for: its name, its address(es), or this machine. */
  private static Set<String> identities(String host, Map<String, Set<String>> hosts) {
    Set<String> ids = new HashSet<>();
    ids.add("name " + host);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      ids.add(THIS_MACHINE);
    }
    address(host).ifPresent(a -> ids.add(identity(a)));
    for (String listed : hosts.getOrDefault(host, Set.of())) {
      address(plain(listed)).ifPresent(a -> ids.add(identity(a)));
    }
    return ids;
  }

  private static String identity(InetAddress address) {
    boolean thisMachine =
        address.isLoopbackAddress()
            || address.isAnyLocalAddress()
            // ::127.0.0.1 (IPv4-compatible, deprecated): counted as this machine rather than risk
            // it
            || (address instanceof Inet6Address v6 && isCompatibleLoopback(v6.getAddress()));
    return thisMachine ? THIS_MACHINE : "address " + address.getHostAddress();
  }

  private static boolean isCompatibleLoopback(byte[] b) {
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[12] == 127;
  }

  private static String plain(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    int scope = h.indexOf('%');
    if (scope > 0 && h.contains(":")) {
      h = h.substring(0, scope);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /** An IP literal's address in any spelling the client parses (no lookup); empty for a name. */
  static Optional<InetAddress> address(String host) {
    if (ATON.matcher(host).matches()) {
      return aton(host);
    }
    if (!host.contains(":")) {
      return Optional.empty();
    }
    try {
      // getByName parses an IPv6 literal without asking DNS
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * inet_aton: the last part fills the bytes the earlier ones leave; anything out of range is not
   * an address.
   */
  private static Optional<InetAddress> aton(String host) {
    String[] parts = host.split("\\.", -1);
    long value = 0;
    for (int i = 0; i < parts.length; i++) {
      long part = number(parts[i]);
      boolean last = i == parts.length - 1;
      long max = last ? (1L << (8 * (5 - parts.length))) - 1 : 255;
      if (part < 0 || part > max) {
        return Optional.empty();
      }
      value = last ? value | part : value | part << (8 * (3 - i));
    }
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** One part's value, or -1 when it is not a number inet_aton reads (or too long to be one). */
  private static long number(String part) {
    try {
      if (part.startsWith("0x")) {
        String digits = part.substring(2);
        return digits.isEmpty() ? 0 : digits.length() > 8 ? -1 : Long.parseLong(digits, 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return part.length() > 12 || !part.matches("[0-7]+") ? -1 : Long.parseLong(part, 8);
      }
      return part.length() > 10 ? -1 : Long.parseLong(part);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Set<String>> systemHosts() {
    Map<String, Set<String>> hosts = systemHosts;
    if (hosts == null) {
      hosts = Map.of();
      Path file = Path.of("/etc/hosts");
      try {
        // a regular file only (never blocks on a FIFO), and only so much of it
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file)) {
          if (Files.size(file) < (1 << 20)) {
            hosts = hostsFile(Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException | RuntimeException e) {
        hosts = Map.of();
      }
      systemHosts = hosts;
    }
    return hosts;
  }

  /** /etc/hosts's text as name (lower case, no trailing dot) to the addresses given it. */
  static Map<String, Set<String>> hostsFile(String text) {
    Map<String, Set<String>> hosts = new HashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (words.length < 2 || address(plain(words[0])).isEmpty()) {
        continue;
      }
      for (int i = 1; i < words.length; i++) {
        hosts.computeIfAbsent(plain(words[i]), k -> new HashSet<>()).add(words[0]);
      }
    }
    return hosts;
  }
}

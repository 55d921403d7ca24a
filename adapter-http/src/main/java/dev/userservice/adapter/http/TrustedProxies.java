package dev.userservice.adapter.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the client's address: the socket peer, unless the peer is a trusted proxy, in which
 * case the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries to
 * the left of that one were written by the client and prove nothing.
 */
final class TrustedProxies {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  static TrustedProxies parse(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.strip();
      int slash = text.indexOf('/');
      String host = slash < 0 ? text : text.substring(0, slash);
      byte[] address = literal(host).orElseThrow(() ->
          new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'"));
      int bits = address.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a CIDR block: '" + entry + "'", e);
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("CIDR prefix out of range: '" + entry + "'");
        }
      }
      blocks.add(new Block(address, prefix));
    }
    return new TrustedProxies(blocks);
  }

  /**
   * The client's address given the socket {@code peer} and every {@code X-Forwarded-For} header
   * value in order of arrival.
   */
  String clientAddress(String peer, List<String> forwardedFor) {
    if (blocks.isEmpty() || !trusts(peer) || forwardedFor.isEmpty()) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    String nearest = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<byte[]> hop = literal(hops.get(i));
      if (hop.isEmpty()) {
        return nearest; // garbage a trusted proxy would not have written: stop at the last good hop
      }
      String address = canonical(hop.get());
      if (!trusts(hop.get())) {
        return address;
      }
      nearest = address;
    }
    return nearest;
  }

  boolean trusts(String address) {
    return literal(address).map(this::trusts).orElse(false);
  }

  private boolean trusts(byte[] address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The bytes of an IP literal; never a DNS lookup (anything else is empty). */
  private static Optional<byte[]> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String host = text.strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(host).getAddress();
      return Optional.of(unmapIpv4(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static byte[] unmapIpv4(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return bytes;
      }
    }
    if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
      return bytes;
    }
    return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
  }

  private static String canonical(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
    }
  }

  private record Block(byte[] network, int prefix) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}

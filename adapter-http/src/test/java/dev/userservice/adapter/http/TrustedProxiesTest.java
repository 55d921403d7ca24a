package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "::1",
      "192.168.1.7"));

  @Test
  void untrustedPeer_isTheClient_whateverItsHeaderSays() {
    assertThat(proxies.clientAddress("203.0.113.5", List.of("1.2.3.4"))).isEqualTo("203.0.113.5");
  }

  @Test
  void trustedPeer_yieldsTheRightMostUntrustedForwardedEntry() {
    assertThat(proxies.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.9, 10.9.9.9")))
        .isEqualTo("198.51.100.9");
    assertThat(proxies.clientAddress("::1", List.of("6.6.6.6", "198.51.100.9")))
        .isEqualTo("198.51.100.9");
  }

  @Test
  void trustedPeerWithoutHeader_orOnlyTrustedHops_fallsBackToTheNearestHop() {
    assertThat(proxies.clientAddress("192.168.1.7", List.of())).isEqualTo("192.168.1.7");
    assertThat(proxies.clientAddress("192.168.1.7", List.of("10.0.0.1"))).isEqualTo("10.0.0.1");
  }

  @Test
  void garbageHop_stopsTheWalkAtTheLastGoodOne() {
    assertThat(proxies.clientAddress("10.0.0.2", List.of("1.1.1.1, evil.example, 10.0.0.3")))
        .isEqualTo("10.0.0.3");
  }

  @Test
  void malformedEntries_areRejectedWithoutDnsLookups() {
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example.com");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cidrPrefixes_matchPartialBytes() {
    TrustedProxies block = TrustedProxies.parse(List.of("172.16.0.0/12"));
    assertThat(block.trusts("172.31.255.255")).isTrue();
    assertThat(block.trusts("172.32.0.0")).isFalse();
    assertThat(block.trusts("::ffff:172.16.0.1")).isTrue();
  }
}

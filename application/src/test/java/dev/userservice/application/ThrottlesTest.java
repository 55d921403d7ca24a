package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThrottlesTest {

  @Test
  @DisplayName("issue 17 #10: every IPv6 address of one /64 is one bucket, in any spelling")
  void ipv6Addresses_areBucketedByTheirSlash64() {
    String bucket = Throttles.addressBucket("2001:db8:0:7::1");

    assertThat(bucket).isEqualTo("2001:db8:0:7::/64");
    assertThat(Throttles.addressBucket("2001:0db8:0000:0007:ffff:ffff:ffff:ffff"))
        .isEqualTo(bucket);
    assertThat(Throttles.addressBucket("[2001:DB8:0:7::abcd]")).isEqualTo(bucket);
    assertThat(Throttles.addressBucket("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    assertThat(Throttles.addressBucket("2001:db8:0:8::1")).isNotEqualTo(bucket);
  }

  @Test
  void ipv4Addresses_stayAlone_andIpv4MappedAddressesCountAsTheirIpv4Address() {
    assertThat(Throttles.addressBucket("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(Throttles.addressBucket("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(Throttles.addressBucket("198.51.100.8")).isNotEqualTo("198.51.100.7");
  }

  @Test
  void anythingElse_isItsOwnBucket_withoutANameLookup() {
    assertThat(Throttles.addressBucket("localhost")).isEqualTo("localhost");
    assertThat(Throttles.addressBucket("not:an:address")).isEqualTo("not:an:address");
    assertThat(Throttles.addressBucket("1:2:3")).isEqualTo("1:2:3");
  }
}

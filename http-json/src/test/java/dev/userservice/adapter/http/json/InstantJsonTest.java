package dev.userservice.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InstantJsonTest {

  static Stream<Instant> edges() {
    return Stream.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.MIN, Instant.MAX,
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("2024-02-29T12:00:00.100Z"), Instant.parse("2026-03-01T00:00:00.000001Z"),
        Instant.parse("2026-03-01T23:59:59.000000010Z"), Instant.parse("1969-07-20T20:17:40Z"));
  }

  @ParameterizedTest
  @MethodSource("edges")
  void atTheEdges_writesWhatIsoInstantWrites(Instant instant) {
    assertThat(InstantJson.format(instant))
        .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
  }

  @Test
  void anyInstant_writesWhatIsoInstantWrites() {
    Random random = new Random(8);
    int[] nanoSteps = {1_000_000_000, 1_000_000, 1_000, 1};
    for (int i = 0; i < 100_000; i++) {
      // Mostly the years a user's timestamps fall in, sometimes any year at all.
      long seconds = i % 10 == 0
          ? random.nextLong() % Instant.MAX.getEpochSecond()
          : -62_167_219_200L + (long) (random.nextDouble() * 315_537_897_600L);
      int step = nanoSteps[random.nextInt(nanoSteps.length)];
      Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000 / step) * step);

      assertThat(InstantJson.format(instant)).as("%d s %d ns", seconds, instant.getNano())
          .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
  }

  @Test
  void theApiMapper_writesInstantsThisWay() throws Exception {
    ObjectMapper mapper = StrictJson.newMapper();
    Instant instant = Instant.parse("2026-03-01T12:00:00.123456Z");

    assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
        .isInstanceOf(InstantJson.class);
    assertThat(mapper.writeValueAsString(Map.of("at", instant)))
        .isEqualTo("{\"at\":\"2026-03-01T12:00:00.123456Z\"}");
  }
}

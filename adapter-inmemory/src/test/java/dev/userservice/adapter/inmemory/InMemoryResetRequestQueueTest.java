package dev.userservice.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Email;
import dev.userservice.domain.port.ResetRequestQueue;
import org.junit.jupiter.api.Test;

class InMemoryResetRequestQueueTest {

  @Test
  void requests_comeOutOldestFirst_atMostMaxAtATime() {
    InMemoryResetRequestQueue queue = new InMemoryResetRequestQueue();
    for (int i = 0; i < 5; i++) {
      assertThat(queue.offer(request("u" + i + "@example.com"))).isTrue();
    }

    assertThat(queue.take(3)).extracting(request -> request.email().value())
        .containsExactly("u0@example.com", "u1@example.com", "u2@example.com");
    assertThat(queue.take(3)).extracting(request -> request.email().value())
        .containsExactly("u3@example.com", "u4@example.com");
    assertThat(queue.take(3)).isEmpty();
  }

  @Test
  void aFullQueue_dropsFurtherRequests_untilTaken() {
    InMemoryResetRequestQueue queue = new InMemoryResetRequestQueue(2);

    assertThat(queue.offer(request("a@example.com"))).isTrue();
    assertThat(queue.offer(request("b@example.com"))).isTrue();
    assertThat(queue.offer(request("c@example.com"))).isFalse();
    queue.take(1);
    assertThat(queue.offer(request("d@example.com"))).isTrue();
    assertThat(queue.take(10)).extracting(request -> request.email().value())
        .containsExactly("b@example.com", "d@example.com");
  }

  private static ResetRequestQueue.Request request(String email) {
    return new ResetRequestQueue.Request(new Email(email), null);
  }
}

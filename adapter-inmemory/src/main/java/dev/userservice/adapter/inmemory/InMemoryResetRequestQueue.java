package dev.userservice.adapter.inmemory;


import dev.userservice.domain.port.ResetRequestQueue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reset requests in memory, bounded, for the worker of the same process. Requests are moments
 * from being handled, so losing the few in flight when the process stops costs a requester one
 * more click, not a letter; the bound keeps a flood of requests from growing memory.
 */
@Singleton
public final class InMemoryResetRequestQueue implements ResetRequestQueue {

  /** The default bound: well above what honest traffic queues between two worker runs. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final Deque<Request> queued = new ArrayDeque<>();

  @Inject
  public InMemoryResetRequestQueue() {
    this(DEFAULT_CAPACITY);
  }

  public InMemoryResetRequestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized boolean offer(Request request) {
    if (queued.size() >= capacity) {
      return false;
    }
    queued.addLast(request);
    return true;
  }

  @Override
  public synchronized List<Request> take(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<Request> taken = new ArrayList<>(Math.min(max, queued.size()));
    while (taken.size() < max && !queued.isEmpty()) {
      taken.add(queued.removeFirst());
    }
    return taken;
  }
}

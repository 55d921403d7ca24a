package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * A port that tests can switch off to play its store being down: while off, every call throws
 * the {@link UnavailableException} the real adapter throws in an outage; while on, every call
 * goes to the adapter it wraps. One wrapper for every port, so the tests of every layer inject
 * outages the same way, and no method is singled out by name.
 *
 * @param <T> the port's interface
 */
public final class Switchable<T> {

  private final T port;
  private volatile boolean down;

  private Switchable(Class<T> type, T adapter, String dependency) {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(dependency, "dependency");
    this.port = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (down && method.getDeclaringClass() != Object.class) {
            throw new UnavailableException(dependency, null);
          }
          try {
            return method.invoke(adapter, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }

  /**
   * {@code adapter} behind a switch, on.
   *
   * @param dependency what the outage names, as the real adapter does ({@code "database"},
   *     {@code "redis"})
   */
  public static <T> Switchable<T> of(Class<T> type, T adapter, String dependency) {
    return new Switchable<>(type, adapter, dependency);
  }

  /** The port to hand to the code under test. */
  public T port() {
    return port;
  }

  /** Switches the store off ({@code true}) or on again. */
  public void down(boolean isDown) {
    this.down = isDown;
  }
}

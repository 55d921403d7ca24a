package dev.userservice.adapter.crypto;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.PasswordHasher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (version 1.3) password hashes in PHC string format,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with a 16-byte random salt and a 32-byte
 * hash. At most {@code maxConcurrentHashes} hashes run at once; up to {@code maxQueuedHashes}
 * further callers wait their turn, and beyond them a caller is refused at once with
 * {@link UnavailableException#busy} rather than queued without limit (each waiting request holds
 * a connection and its memory, and would be answered too late to matter).
 *
 * <p>Hashes are computed by libsodium where its native library loads and agrees with Bouncy
 * Castle on known inputs ({@link SodiumArgon2}), else by Bouncy Castle in pure Java; both give
 * the same PHC strings. libsodium computes one lane only: what it does not take (a parallelism
 * above 1, some imported hashes) Bouncy Castle computes. The choice is made at the first hash (or
 * by {@link #implementation()}, which says which one runs). Bouncy Castle's memory is kept
 * between hashes and reused (cleared after each): once {@code maxConcurrentHashes} hashes have
 * run at once, that hasher holds that many times the configured memory (about 20 MiB each at
 * OWASP's minimum) for its lifetime; libsodium maps it outside the heap for each hash and unmaps
 * it after.
 *
 * <p>Hashes made elsewhere and imported ({@link #adopt}) verify too: Argon2i, Argon2d and
 * Argon2 version 1.0 in PHC form, and the bcrypt, PBKDF2 and scrypt forms of
 * {@link ForeignHashes}, computed on the same bounded threads. {@link #needsRehash} answers true
 * for all of them, so each is replaced by Argon2id at the user's next login.
 */
@Singleton
public final class Argon2PasswordHasher implements PasswordHasher {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  private static final String ALGORITHM = "argon2id";
  private static final Map<String, Integer> TYPES = Map.of(
      "argon2id", Argon2Parameters.ARGON2_id,
      "argon2i", Argon2Parameters.ARGON2_i,
      "argon2d", Argon2Parameters.ARGON2_d);

  // Bounds for hashes read back: a corrupted or hostile string must not allocate without limit.
  private static final int MIN_SALT_BYTES = 8;
  private static final int MAX_SALT_BYTES = 64;
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_HASH_BYTES = 128;

  private static final Pattern PHC = Pattern.compile(
      "\\$([a-z0-9-]{1,32})\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})"
          + "\\$([A-Za-z0-9+/]{1,200})\\$([A-Za-z0-9+/]{1,400})");

  private static final long IDLE_THREAD_SECONDS = 60;
  /**
   * Hashes that may wait per hashing thread by default: the last in the queue then waits for
   * this many hashes' time, short enough for a login to stay worth answering.
   */
  public static final int DEFAULT_QUEUE_PER_THREAD = 16;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final Argon2Settings settings;
  // Hashes run on this pool's platform threads, as many as may run at once, first come first
  // served; callers wait for their result. Request threads may be virtual (Java 21+), and those
  // share one carrier thread per core: a hash, long next to any request, computed on them would
  // stall every other request meanwhile, where the OS time-slices platform threads
  // (docs/performance.md, "Argon2 on its own platform threads").
  private final ThreadPoolExecutor hashing;
  private final BouncyCastleArgon2 bouncyCastle;
  private final boolean nativeAllowed;
  // Chosen at the first use: loading the native library is work a start-up need not wait for.
  private volatile Argon2Engine engine;
  private volatile String implementation;
  private final SecureRandom random = new SecureRandom();
  private final PasswordHash dummy;

  /**
   * A hasher with {@code settings} that runs as many hashes at once as there are processors, with
   * {@link #DEFAULT_QUEUE_PER_THREAD} waiting per processor.
   */
  @Inject
  public Argon2PasswordHasher(Argon2Settings settings) {
    this(settings, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A hasher with {@code settings} that runs at most {@code maxConcurrentHashes} at once, with
   * {@link #DEFAULT_QUEUE_PER_THREAD} waiting per hash that may run.
   */
  public Argon2PasswordHasher(Argon2Settings settings, int maxConcurrentHashes) {
    this(settings, maxConcurrentHashes,
        DEFAULT_QUEUE_PER_THREAD * Math.max(1, maxConcurrentHashes));
  }

  /**
   * A hasher with {@code settings} that runs at most {@code maxConcurrentHashes} at once and lets
   * at most {@code maxQueuedHashes} more wait (zero: none waits).
   */
  public Argon2PasswordHasher(Argon2Settings settings, int maxConcurrentHashes,
      int maxQueuedHashes) {
    this(settings, maxConcurrentHashes, maxQueuedHashes, Argon2PasswordHasher::thread);
  }

  /** As above, with the hashing threads made by {@code threads}; for tests. */
  Argon2PasswordHasher(Argon2Settings settings, int maxConcurrentHashes, int maxQueuedHashes,
      ThreadFactory threads) {
    this(settings, maxConcurrentHashes, maxQueuedHashes, threads, true);
  }

  /**
   * A hasher like {@link #Argon2PasswordHasher(Argon2Settings)} that never loads the native
   * library: to compare the implementations (tests, bench/), or where native code is not wanted.
   */
  public static Argon2PasswordHasher pureJava(Argon2Settings settings) {
    int processors = Runtime.getRuntime().availableProcessors();
    return new Argon2PasswordHasher(settings, processors, DEFAULT_QUEUE_PER_THREAD * processors,
        Argon2PasswordHasher::thread, false);
  }

  private Argon2PasswordHasher(Argon2Settings settings, int maxConcurrentHashes,
      int maxQueuedHashes, ThreadFactory threads, boolean nativeAllowed) {
    if (settings == null) {
      throw new IllegalArgumentException("Argon2 settings are required");
    }
    if (maxConcurrentHashes < 1) {
      throw new IllegalArgumentException(
          "at least one concurrent hash must be allowed: " + maxConcurrentHashes);
    }
    if (maxQueuedHashes < 0) {
      throw new IllegalArgumentException(
          "the hashing queue cannot be negative: " + maxQueuedHashes);
    }
    this.settings = settings;
    BlockingQueue<Runnable> queue = maxQueuedHashes == 0 ? new SynchronousQueue<>()
        : new LinkedBlockingQueue<>(maxQueuedHashes);
    this.hashing = new ThreadPoolExecutor(maxConcurrentHashes, maxConcurrentHashes,
        IDLE_THREAD_SECONDS, TimeUnit.SECONDS, queue, threads);
    // Idle threads end, so a hasher that is dropped (tests, short-lived tools) leaves none behind.
    hashing.allowCoreThreadTimeOut(true);
    this.bouncyCastle = new BouncyCastleArgon2(settings, maxConcurrentHashes);
    this.nativeAllowed = nativeAllowed;
    // Verifying against random bytes costs exactly what a real hash costs and never matches;
    // computing a real hash here instead took a noticeable share of the service's start-up.
    this.dummy = format(randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
  }

  /** The parameters new hashes are made with. */
  public Argon2Settings settings() {
    return settings;
  }

  /**
   * Which implementation computes the hashes, and why the native one does not if it does not,
   * for the start-up log; chooses it now if no hash has yet.
   */
  public String implementation() {
    engine();
    return implementation;
  }

  private Argon2Engine engine() {
    Argon2Engine chosen = engine;
    if (chosen == null) {
      synchronized (this) {
        chosen = engine;
        if (chosen == null) {
          chosen = choose();
          engine = chosen;
        }
      }
    }
    return chosen;
  }

  private Argon2Engine choose() {
    if (!nativeAllowed) {
      implementation = "Argon2 by " + bouncyCastle.describe();
      return bouncyCastle;
    }
    try {
      SodiumArgon2 loaded = SodiumArgon2.load(bouncyCastle);
      implementation = SodiumArgon2.computes(Argon2Parameters.ARGON2_id,
          Argon2Parameters.ARGON2_VERSION_13, settings.iterations(), settings.parallelism(),
          SALT_BYTES, HASH_BYTES)
          ? "Argon2 by " + loaded.describe()
          : "Argon2 by " + bouncyCastle.describe() + " (libsodium computes one lane only;"
              + " the parallelism configured is " + settings.parallelism() + ")";
      return loaded;
    } catch (RuntimeException | LinkageError notLoaded) { // a platform it was not built for
      implementation = "Argon2 by " + bouncyCastle.describe() + " (libsodium did not load: "
          + notLoaded + ")";
      return bouncyCastle;
    }
  }

  @Override
  public PasswordHash hash(Password password) {
    byte[] secret = utf8(password);
    try {
      return hashBytes(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public boolean verify(Password password, PasswordHash hash) {
    Optional<Phc> parsed = Phc.parse(hash.value());
    byte[] secret = utf8(password);
    try {
      if (parsed.isEmpty()) {
        Optional<ForeignHashes.Check> foreign = ForeignHashes.check(hash);
        return foreign.isPresent() && onHashingThread(() -> foreign.get().matches(secret));
      }
      Phc phc = parsed.get();
      byte[] actual = derive(secret, phc.salt(), phc.type(), phc.version(), phc.memoryKib(),
          phc.iterations(), phc.parallelism(), phc.hash().length);
      return MessageDigest.isEqual(actual, phc.hash());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    return Phc.parse(hash.value())
        .map(phc -> phc.type() != Argon2Parameters.ARGON2_id
            || phc.version() != Argon2Parameters.ARGON2_VERSION_13
            || phc.memoryKib() != settings.memoryKib()
            || phc.iterations() != settings.iterations()
            || phc.parallelism() != settings.parallelism()
            || phc.salt().length != SALT_BYTES
            || phc.hash().length != HASH_BYTES)
        .orElse(true);
  }

  @Override
  public PasswordHash adopt(String hash, String field) {
    if (hash != null && Phc.parse(hash).isPresent()) {
      return new PasswordHash(hash);
    }
    try {
      return ForeignHashes.adopt(hash);
    } catch (IllegalArgumentException unsupported) {
      throw InvalidInputException.of(field, unsupported.getMessage());
    }
  }

  @Override
  public void verifyNothing(Password password) {
    verify(password, dummy);
  }

  /** How many hashes wait for a hashing thread now; for tests. */
  int waitingHashes() {
    return hashing.getQueue().size();
  }

  /** What {@link #verifyNothing} verifies against. */
  PasswordHash dummyHash() {
    return dummy;
  }

  private PasswordHash hashBytes(byte[] secret) {
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] hash = derive(secret, salt, Argon2Parameters.ARGON2_id,
        Argon2Parameters.ARGON2_VERSION_13, settings.memoryKib(), settings.iterations(),
        settings.parallelism(), HASH_BYTES);
    return format(salt, hash);
  }

  private PasswordHash format(byte[] salt, byte[] hash) {
    return new PasswordHash("$" + ALGORITHM + "$v=" + Argon2Parameters.ARGON2_VERSION_13
        + "$m=" + settings.memoryKib() + ",t=" + settings.iterations()
        + ",p=" + settings.parallelism()
        + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash));
  }

  private byte[] derive(byte[] secret, byte[] salt, int type, int version, int memoryKib,
      int iterations, int parallelism, int length) {
    Argon2Engine engine = engine();
    return onHashingThread(() -> engine.derive(secret, salt, type, version, memoryKib,
        iterations, parallelism, length));
  }

  // Every hash, ours or imported, runs on the bounded hashing threads.
  private <T> T onHashingThread(Callable<T> work) {
    Future<T> done;
    try {
      done = hashing.submit(work);
    } catch (RejectedExecutionException full) {
      throw UnavailableException.busy("password hashing", full);
    }
    try {
      return done.get();
    } catch (InterruptedException e) {
      done.cancel(false);
      Thread.currentThread().interrupt();
      throw new UnavailableException("password hasher", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("password hashing failed", e.getCause());
    }
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "argon2-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  // Exactly the characters given, as UTF-8: no truncation, no normalization.
  private static byte[] utf8(Password password) {
    return password.value().getBytes(StandardCharsets.UTF_8);
  }

  /** A parsed Argon2 PHC string within the bounds this hasher is willing to compute. */
  private record Phc(int type, int version, int memoryKib, int iterations, int parallelism,
      byte[] salt, byte[] hash) {

    static Optional<Phc> parse(String text) {
      Matcher m = PHC.matcher(text);
      if (!m.matches() || !TYPES.containsKey(m.group(1))) {
        return Optional.empty();
      }
      int version = Integer.parseInt(m.group(2));
      if (version != Argon2Parameters.ARGON2_VERSION_13
          && version != Argon2Parameters.ARGON2_VERSION_10) {
        return Optional.empty();
      }
      int memoryKib = Integer.parseInt(m.group(3));
      int iterations = Integer.parseInt(m.group(4));
      int parallelism = Integer.parseInt(m.group(5));
      if (parallelism < 1 || parallelism > Argon2Settings.MAX_PARALLELISM
          || memoryKib < 8 * parallelism || memoryKib > Argon2Settings.MAX_MEMORY_KIB
          || iterations < 1 || iterations > Argon2Settings.MAX_ITERATIONS) {
        return Optional.empty();
      }
      byte[] salt = decode(m.group(6));
      byte[] hash = decode(m.group(7));
      if (salt == null || hash == null
          || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
          || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
        return Optional.empty();
      }
      return Optional.of(new Phc(TYPES.get(m.group(1)), version, memoryKib, iterations,
          parallelism, salt, hash));
    }

    private static byte[] decode(String text) {
      try {
        return DECODER.decode(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}

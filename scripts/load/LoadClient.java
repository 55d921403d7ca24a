import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load client of scripts/faults.sh and scripts/soak.sh: JDK only, run as a single source
 * file ({@code java scripts/load/LoadClient.java <mode> --option=value ...}).
 *
 * <ul>
 *   <li>{@code load}: mixed traffic at a fixed rate for a fixed time (registrations, logins,
 *       /users/me, refresh, logout, checks that logged-out sessions stay dead, JWKS, health).
 *       Writes requests.csv (one line per request), registered.txt (emails that got 201),
 *       dead.txt (sessions logged out with 204) and unknown-registrations.txt (503 answers).
 *   <li>{@code report}: reads those files (and faults.csv, db-emails.txt, the fake mailbox
 *       records) and prints the summary tables and PASS/FAIL lines; exits 1 on any FAIL.
 * </ul>
 */
public final class LoadClient {

  static final String PASSWORD = "steady traffic passphrase";
  static final Pattern ACCESS = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern REFRESH = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadClient load|report --option=value ...");
      System.exit(2);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("options look like --name=value: " + arg);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    switch (args[0]) {
      case "load" -> {
        new Load(options).run();
        System.exit(0); // the HTTP client's threads would keep the JVM alive
      }
      case "report" -> System.exit(new Report(options).run() ? 0 : 1);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** What the client does; the label is what the summary tables show. */
  enum Op {
    REGISTER("POST /users"),
    LOGIN("POST /security/login"),
    ME("GET /users/me"),
    REFRESH("POST /security/refresh"),
    LOGOUT("POST /security/logout"),
    DEAD_ME("GET /users/me (dead session)"),
    DEAD_REFRESH("POST /security/refresh (dead session)"),
    JWKS("GET /.well-known/jwks.json"),
    LIVE("GET /health/live"),
    READY("GET /health/ready");

    final String label;

    Op(String label) {
      this.label = label;
    }
  }

  record Session(String email, String access, String refresh) {}

  /** One request as the client saw it. Status -1: no answer within the client's timeout. */
  record Result(Op op, long startMs, long tookMs, int status, String retryAfter,
      String contentType) {

    String csv() {
      return String.join(",", op.name(), Long.toString(startMs), Long.toString(tookMs),
          Integer.toString(status), retryAfter == null ? "" : retryAfter,
          contentType == null ? "" : contentType.replace(',', ';'));
    }

    static Result parse(String line) {
      String[] f = line.split(",", -1);
      return new Result(Op.valueOf(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
          Integer.parseInt(f[3]), f[4].isEmpty() ? null : f[4], f[5].isEmpty() ? null : f[5]);
    }

    long endMs() {
      return startMs + tookMs;
    }
  }

  // ---------------------------------------------------------------------------------------------

  static final class Load {

    private final String base;
    private final String managementBase;
    private final int rate;
    private final int seconds;
    private final Path out;
    private final Map<Op, Integer> weights;
    private final int maxSessions;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient client;
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(8, 256, 30,
        TimeUnit.SECONDS, new SynchronousQueue<>());
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final List<String> accounts = new CopyOnWriteArrayList<>();
    private final List<String> registered = new CopyOnWriteArrayList<>();
    private final List<String> unknownRegistrations = new CopyOnWriteArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<Session> dead = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Duration timeout;

    Load(Map<String, String> options) {
      base = required(options, "base");
      // Health is served on the management port, apart from the API.
      managementBase = options.getOrDefault("management", base);
      rate = Integer.parseInt(options.getOrDefault("rate", "50"));
      seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
      out = Path.of(required(options, "out"));
      maxSessions = Integer.parseInt(options.getOrDefault("max-sessions", "300"));
      timeout = Duration.ofSeconds(Integer.parseInt(options.getOrDefault("timeout-s", "20")));
      weights = weights(options.getOrDefault("mix", "faults"));
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4))
          .build();
    }

    private static Map<Op, Integer> weights(String mix) {
      Map<Op, Integer> w = new LinkedHashMap<>();
      // Each registration and login costs one Argon2 hash at the production cost (19 MiB, t=2):
      // the expensive part, kept to a share the two cores serve without queueing.
      switch (mix) {
        case "faults" -> {
          w.put(Op.REGISTER, 6);
          w.put(Op.LOGIN, 6);
          w.put(Op.ME, 32);
          w.put(Op.REFRESH, 14);
          w.put(Op.LOGOUT, 5);
          w.put(Op.DEAD_ME, 5);
          w.put(Op.JWKS, 14);
          w.put(Op.LIVE, 14);
          w.put(Op.READY, 4);
        }
        case "soak" -> {
          w.put(Op.REGISTER, 2);
          w.put(Op.LOGIN, 2);
          w.put(Op.ME, 43);
          w.put(Op.REFRESH, 12);
          w.put(Op.LOGOUT, 3);
          w.put(Op.DEAD_ME, 4);
          w.put(Op.JWKS, 17);
          w.put(Op.LIVE, 15);
          w.put(Op.READY, 2);
        }
        default -> throw new IllegalArgumentException("unknown mix " + mix);
      }
      return w;
    }

    void run() throws Exception {
      Files.createDirectories(out);
      // A few accounts and sessions first, so the mix is the mix from the first second.
      for (int i = 0; i < 10; i++) {
        register();
      }
      for (int i = 0; i < 20; i++) {
        login();
      }
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      long periodNanos = 1_000_000_000L / rate;
      long startedNanos = System.nanoTime();
      long total = (long) rate * seconds;
      AtomicLong issued = new AtomicLong();
      ticker.scheduleAtFixedRate(() -> {
        if (issued.getAndIncrement() >= total) {
          return;
        }
        Op op = pick();
        try {
          workers.execute(() -> perform(op));
        } catch (RejectedExecutionException saturated) {
          skipped.incrementAndGet();
        }
      }, 0, periodNanos, TimeUnit.NANOSECONDS);
      while (issued.get() < total) {
        Thread.sleep(200);
      }
      ticker.shutdownNow();
      workers.shutdown();
      workers.awaitTermination(timeout.toSeconds() + 5, TimeUnit.SECONDS);
      double took = (System.nanoTime() - startedNanos) / 1e9;
      write();
      System.out.printf(Locale.ROOT,
          "load: %d requests in %.0f s (%.1f/s), %d ticks skipped (client saturated)%n",
          results.size(), took, results.size() / took, skipped.get());
    }

    private Op pick() {
      int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
      int r = ThreadLocalRandom.current().nextInt(sum);
      for (Map.Entry<Op, Integer> e : weights.entrySet()) {
        r -= e.getValue();
        if (r < 0) {
          return e.getKey();
        }
      }
      throw new IllegalStateException();
    }

    private void perform(Op op) {
      switch (op) {
        case REGISTER -> register();
        case LOGIN -> login();
        case ME -> me();
        case REFRESH -> refresh();
        case LOGOUT -> logout();
        case DEAD_ME, DEAD_REFRESH -> deadCheck();
        case JWKS -> send(Op.JWKS, get("/.well-known/jwks.json", null));
        case LIVE -> send(Op.LIVE, management("/health/live"));
        case READY -> send(Op.READY, management("/health/ready"));
      }
    }

    private void register() {
      String email = "load-" + runId + "-" + sequence.incrementAndGet() + "@example.com";
      var reply = send(Op.REGISTER, post("/users", null,
          "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
      if (reply == null) {
        unknownRegistrations.add(email);
      } else if (reply.statusCode() == 201) {
        registered.add(email);
        accounts.add(email);
      } else if (reply.statusCode() >= 500) {
        unknownRegistrations.add(email);
      }
    }

    private void login() {
      if (accounts.isEmpty() || sessionCount() >= maxSessions) {
        if (accounts.isEmpty()) {
          register();
        } else {
          logout();
        }
        return;
      }
      String email = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
      var reply = send(Op.LOGIN, post("/security/login", null,
          "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
      if (reply != null && reply.statusCode() == 200) {
        put(new Session(email, field(ACCESS, reply.body()), field(REFRESH, reply.body())));
      }
    }

    private void me() {
      Session session = take();
      if (session == null) {
        // No session to use (they all failed during an outage): no login storm, a cheap call.
        send(Op.JWKS, get("/.well-known/jwks.json", null));
        return;
      }
      var reply = send(Op.ME, get("/users/me", session.access()));
      if (reply == null || reply.statusCode() != 401) {
        put(session);
      }
    }

    private void refresh() {
      Session session = take();
      if (session == null) {
        // No session to use (they all failed during an outage): no login storm, a cheap call.
        send(Op.JWKS, get("/.well-known/jwks.json", null));
        return;
      }
      var reply = send(Op.REFRESH, post("/security/refresh", null,
          "{\"refresh_token\":\"" + session.refresh() + "\"}"));
      if (reply != null && reply.statusCode() == 200) {
        put(new Session(session.email(), field(ACCESS, reply.body()),
            field(REFRESH, reply.body())));
      } else if (reply == null || reply.statusCode() != 401) {
        put(session); // not rotated (503): try again later with the same token
      }
    }

    private void logout() {
      Session session = take();
      if (session == null) {
        // No session to use (they all failed during an outage): no login storm, a cheap call.
        send(Op.JWKS, get("/.well-known/jwks.json", null));
        return;
      }
      var reply = send(Op.LOGOUT, post("/security/logout", null,
          "{\"refresh_token\":\"" + session.refresh() + "\"}"));
      if (reply != null && reply.statusCode() == 204) {
        dead.add(session);
      } else {
        put(session);
      }
    }

    private void deadCheck() {
      if (dead.isEmpty()) {
        send(Op.JWKS, get("/.well-known/jwks.json", null));
        return;
      }
      Session session = dead.get(ThreadLocalRandom.current().nextInt(dead.size()));
      send(Op.DEAD_ME, get("/users/me", session.access()));
      send(Op.DEAD_REFRESH, post("/security/refresh", null,
          "{\"refresh_token\":\"" + session.refresh() + "\"}"));
    }

    private int sessionCount() {
      synchronized (sessions) {
        return sessions.size();
      }
    }

    /** Takes a random session out, so no two requests use one session at once. */
    private Session take() {
      synchronized (sessions) {
        if (sessions.isEmpty()) {
          return null;
        }
        int i = ThreadLocalRandom.current().nextInt(sessions.size());
        Session last = sessions.remove(sessions.size() - 1);
        if (i == sessions.size()) {
          return last;
        }
        Session taken = sessions.get(i);
        sessions.set(i, last);
        return taken;
      }
    }

    private void put(Session session) {
      synchronized (sessions) {
        sessions.add(session);
      }
    }

    private HttpRequest get(String path, String token) {
      return builder(path, token).GET().build();
    }

    private HttpRequest management(String path) {
      return HttpRequest.newBuilder(URI.create(managementBase + path)).timeout(timeout).GET()
          .build();
    }

    private HttpRequest post(String path, String token, String json) {
      return builder(path, token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder builder(String path, String token) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
          .header("Accept", "application/json");
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return b;
    }

    /** Sends and records; {@code null} when no answer came (timeout, connection refused). */
    private HttpResponse<String> send(Op op, HttpRequest request) {
      long start = System.currentTimeMillis();
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
        results.add(new Result(op, start, (System.nanoTime() - t0) / 1_000_000,
            reply.statusCode(), reply.headers().firstValue("Retry-After").orElse(null),
            reply.headers().firstValue("Content-Type").orElse(null)));
        return reply;
      } catch (IOException e) {
        results.add(new Result(op, start, (System.nanoTime() - t0) / 1_000_000, -1, null,
            e.getClass().getSimpleName()));
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    private void write() throws IOException {
      List<String> lines = new ArrayList<>();
      results.forEach(r -> lines.add(r.csv()));
      Files.write(out.resolve("requests.csv"), lines);
      Files.write(out.resolve("registered.txt"), registered);
      Files.write(out.resolve("unknown-registrations.txt"), unknownRegistrations);
      List<String> deadLines = new ArrayList<>();
      dead.forEach(s -> deadLines.add(s.access() + "\t" + s.refresh()));
      Files.write(out.resolve("dead.txt"), deadLines);
      List<String> live = new ArrayList<>();
      synchronized (sessions) {
        sessions.forEach(s -> live.add(s.access() + "\t" + s.refresh()));
      }
      Files.write(out.resolve("live.txt"), live);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A dependency outage as faults.sh recorded it (epoch milliseconds): when the stop began, when
   * it was complete (down), when its start began (up: from then on it may answer), and when
   * /health/ready first answered 200.
   */
  record Fault(String name, long stoppingMs, long downMs, long upMs, long readyMs) {

    /** The operations that need this dependency, so must answer 503 while it is down. */
    Set<Op> affected() {
      return switch (name) {
        case "redis" -> Set.of(Op.REGISTER, Op.LOGIN, Op.ME, Op.REFRESH, Op.LOGOUT, Op.READY);
        case "postgres" -> Set.of(Op.REGISTER, Op.LOGIN, Op.ME, Op.REFRESH, Op.READY);
        default -> Set.of();
      };
    }

    /**
     * The affected operations that may still answer normally: GET /users/me is served from the
     * process's profile cache, checked against the revision the session check reads from Redis,
     * so with only the database down a cached profile is the right answer (one not cached yet is
     * a 503).
     */
    Set<Op> servedFromCache() {
      return name.equals("postgres") ? Set.of(Op.ME) : Set.of();
    }

    /** Whether {@code status} is the normal answer of {@code op} when nothing is down. */
    static boolean normal(Op op, int status) {
      return switch (op) {
        case REGISTER -> status == 201;
        case LOGOUT -> status == 204;
        case DEAD_ME, DEAD_REFRESH -> status == 401;
        default -> status == 200;
      };
    }
  }

  static final class Report {

    private final Path dir;
    private final String base;
    private final String mode;
    private final long boundMs;
    private final long recoveryBoundMs;
    private final List<String> failures = new ArrayList<>();
    private final PrintStream out = System.out;

    Report(Map<String, String> options) {
      dir = Path.of(required(options, "out"));
      base = options.get("base");
      mode = options.getOrDefault("mode", "faults");
      boundMs = Long.parseLong(options.getOrDefault("bound-ms", "5000"));
      recoveryBoundMs = Long.parseLong(options.getOrDefault("recovery-bound-ms", "15000"));
    }

    boolean run() throws Exception {
      List<Result> results = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("requests.csv"))) {
        if (!line.isBlank()) {
          results.add(Result.parse(line));
        }
      }
      results.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
      printStatusTable(results);
      check(!results.isEmpty(), "requests were made: " + results.size());
      long serverErrors = results.stream()
          .filter(r -> r.status() >= 500 && !(mode.equals("faults") && r.status() == 503))
          .count();
      long hangs = results.stream().filter(r -> r.status() == -1).count();
      if (mode.equals("soak")) {
        check(results.stream().noneMatch(r -> r.status() >= 500),
            "no 5xx answers (" + results.stream().filter(r -> r.status() >= 500).count() + ")");
        check(hangs == 0, "every request answered (" + hangs + " without an answer)");
        unexpectedOutsideFaults(results, List.of());
        printLatency(results);
      } else {
        check(serverErrors == 0, "no 5xx other than 503 (" + serverErrors + ")");
        check(hangs == 0, "every request answered within the client timeout (" + hangs
            + " without an answer)");
        List<Fault> faults = readFaults();
        faults(results, faults);
        unexpectedOutsideFaults(results, faults);
        registrations();
        mail();
      }
      deadSessions(results);
      out.println();
      failures.forEach(f -> out.println("FAIL " + f));
      out.println(failures.isEmpty() ? "RESULT: PASS" : "RESULT: FAIL (" + failures.size()
          + " checks failed)");
      return failures.isEmpty();
    }

    private void printStatusTable(List<Result> results) {
      Map<String, Map<Integer, Integer>> table = new TreeMap<>();
      Set<Integer> statuses = new TreeSet<>();
      for (Result r : results) {
        table.computeIfAbsent(r.op().label, k -> new TreeMap<>()).merge(r.status(), 1,
            Integer::sum);
        statuses.add(r.status());
      }
      out.println();
      out.println("Requests by endpoint and status (-1 = no answer)");
      StringBuilder header = new StringBuilder(String.format("%-40s", "endpoint"));
      statuses.forEach(s -> header.append(String.format("%8d", s)));
      header.append(String.format("%9s", "total"));
      out.println(header);
      Map<Integer, Integer> totals = new TreeMap<>();
      table.forEach((label, counts) -> {
        StringBuilder row = new StringBuilder(String.format("%-40s", label));
        int sum = 0;
        for (int s : statuses) {
          int n = counts.getOrDefault(s, 0);
          sum += n;
          totals.merge(s, n, Integer::sum);
          row.append(String.format("%8s", n == 0 ? "." : Integer.toString(n)));
        }
        row.append(String.format("%9d", sum));
        out.println(row);
      });
      StringBuilder row = new StringBuilder(String.format("%-40s", "all"));
      statuses.forEach(s -> row.append(String.format("%8d", totals.get(s))));
      row.append(String.format("%9d", results.size()));
      out.println(row);
    }

    private void printLatency(List<Result> results) {
      out.println();
      out.println("Latency by endpoint (ms): p50 / p95 / p99 / max");
      Map<String, List<Long>> by = new TreeMap<>();
      results.forEach(r -> by.computeIfAbsent(r.op().label, k -> new ArrayList<>())
          .add(r.tookMs()));
      by.forEach((label, times) -> {
        Collections.sort(times);
        out.printf(Locale.ROOT, "%-40s %6d %6d %6d %6d%n", label, pct(times, 50), pct(times, 95),
            pct(times, 99), times.get(times.size() - 1));
      });
    }

    private static long pct(List<Long> sorted, int p) {
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private List<Fault> readFaults() throws IOException {
      List<Fault> faults = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("faults.csv"))) {
        String[] f = line.split(",");
        if (f.length >= 5) {
          faults.add(new Fault(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]),
              Long.parseLong(f[3]), Long.parseLong(f[4])));
        }
      }
      return faults;
    }

    private void faults(List<Result> results, List<Fault> faults) {
      out.println();
      out.println("Per fault: answers to requests made entirely while the dependency was down");
      out.printf("%-9s %6s %8s %6s %6s %6s %9s %9s %11s %9s%n", "fault", "down s", "requests",
          "503", "other", "bad", "max ms", "ready s", "recovered s", "last 503");
      for (Fault fault : faults) {
        List<Result> during = results.stream()
            .filter(r -> r.startMs() >= fault.downMs() && r.endMs() <= fault.upMs()).toList();
        int unavailable = 0;
        int other = 0;
        List<String> bad = new ArrayList<>();
        long maxMs = 0;
        for (Result r : during) {
          maxMs = Math.max(maxMs, r.tookMs());
          // Checking a dead session needs Redis (both checks) and the database (a refresh loads
          // the user first); without them the right answer is 503, never a success.
          boolean affected = fault.affected().contains(r.op())
              || (r.op() == Op.DEAD_REFRESH && !fault.affected().isEmpty())
              || (r.op() == Op.DEAD_ME && fault.name().equals("redis"));
          if (r.status() == 503) {
            unavailable++;
          } else {
            other++;
          }
          if (affected) {
            boolean ok = r.status() == 503 && r.retryAfter() != null
                && r.contentType() != null && r.contentType().startsWith("application/problem+json")
                || fault.servedFromCache().contains(r.op()) && Fault.normal(r.op(), r.status());
            if (!ok) {
              bad.add(r.op().label + " -> " + r.status() + " (Retry-After " + r.retryAfter()
                  + ", " + r.contentType() + ")");
            }
          } else if (!Fault.normal(r.op(), r.status())) {
            bad.add(r.op().label + " -> " + r.status() + " (should be unaffected)");
          }
          if (r.tookMs() > boundMs) {
            bad.add(r.op().label + " took " + r.tookMs() + " ms");
          }
        }
        // Recovery: the last 503 after the dependency came back, and the first normal answer.
        long nextDown = faults.stream().mapToLong(Fault::stoppingMs)
            .filter(stopping -> stopping > fault.upMs()).min().orElse(Long.MAX_VALUE);
        long last503 = results.stream()
            .filter(r -> r.startMs() >= fault.upMs() && r.endMs() < nextDown
                && r.status() == 503)
            .mapToLong(Result::endMs).max().orElse(fault.upMs());
        long recovered = Math.max(0, last503 - fault.upMs());
        out.printf(Locale.ROOT, "%-9s %6.1f %8d %6d %6d %6d %9d %9.1f %11.1f %9s%n",
            fault.name(), (fault.upMs() - fault.downMs()) / 1000.0, during.size(), unavailable,
            other, bad.size(), maxMs, (fault.readyMs() - fault.upMs()) / 1000.0,
            recovered / 1000.0, last503 == fault.upMs() ? "-" : "+" + (last503 - fault.upMs())
                + "ms");
        bad.stream().distinct().limit(10).forEach(b -> out.println("    bad: " + b));
        check(!during.isEmpty(), fault.name() + ": requests were made while it was down");
        if (!fault.affected().isEmpty()) {
          check(unavailable > 0, fault.name() + ": affected requests got 503 while it was down");
        }
        check(bad.isEmpty(), fault.name() + ": while down, affected requests got 503 +"
            + " Retry-After within " + boundMs + " ms and the others their normal answer ("
            + bad.size() + " did not)");
        check(recovered <= recoveryBoundMs, fault.name() + ": recovered without a restart"
            + " within " + recoveryBoundMs / 1000 + " s of coming back (" + recovered + " ms)");
        boolean normalAfter = results.stream()
            .anyMatch(r -> r.startMs() >= last503 && fault.affected().contains(r.op())
                && Fault.normal(r.op(), r.status()));
        if (!fault.affected().isEmpty()) {
          check(normalAfter, fault.name() + ": affected endpoints answer normally again");
        }
      }
    }

    /** Outside the fault windows (and their recovery), every answer must be the normal one. */
    private void unexpectedOutsideFaults(List<Result> results, List<Fault> faults) {
      Map<String, Integer> odd = new TreeMap<>();
      for (Result r : results) {
        boolean nearFault = faults.stream().anyMatch(f -> r.endMs() >= f.stoppingMs()
            && r.startMs() <= f.upMs() + recoveryBoundMs);
        if (!nearFault && !Fault.normal(r.op(), r.status())) {
          odd.merge(r.op().label + " -> " + r.status(), 1, Integer::sum);
        }
      }
      out.println();
      out.println("Answers other than the normal one, away from any fault: "
          + (odd.isEmpty() ? "none" : odd));
      // A 401 on a live session or a 429 would be a bug of the service or of this client;
      // 5xx are failed above.
      check(odd.isEmpty(), "away from faults every request got its normal answer");
    }

    private void registrations() throws IOException {
      Set<String> registered = new TreeSet<>(lines("registered.txt"));
      Set<String> inDatabase = new HashSet<>(lines("db-emails.txt"));
      List<String> missing = registered.stream().filter(e -> !inDatabase.contains(e)).toList();
      List<String> unknown = lines("unknown-registrations.txt");
      long unknownStored = unknown.stream().filter(inDatabase::contains).count();
      out.println();
      out.printf("Registrations: %d got 201, %d of them in the database; %d got 503, of which %d"
          + " were stored anyway%n", registered.size(), registered.size() - missing.size(),
          unknown.size(), unknownStored);
      check(missing.isEmpty(), "every registration that got 201 exists in the database ("
          + missing.size() + " missing" + (missing.isEmpty() ? "" : ", e.g. " + missing.get(0))
          + ")");
    }

    private void mail() throws IOException {
      Map<String, Integer> letters = new HashMap<>();
      Pattern logged = Pattern.compile("Fake mail for \\[([^\\]]+)\\]: (.*)");
      int fromLogs = 0;
      try (var files = Files.list(dir)) {
        for (Path file : files.filter(p -> p.getFileName().toString().matches("mail-stopped-\\d+\\.log"))
            .toList()) {
          for (String line : Files.readAllLines(file)) {
            Matcher m = logged.matcher(line);
            if (m.find() && m.group(2).toLowerCase(Locale.ROOT).contains("verification")) {
              letters.merge(m.group(1).toLowerCase(Locale.ROOT), 1, Integer::sum);
              fromLogs++;
            }
          }
        }
      }
      int fromApi = 0;
      String json = Files.readString(dir.resolve("mail-final.json"));
      Matcher m = Pattern.compile("\"address\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"count\"\\s*:\\s*(\\d+)")
          .matcher(json);
      while (m.find()) {
        int n = Integer.parseInt(m.group(2));
        letters.merge(m.group(1).toLowerCase(Locale.ROOT), n, Integer::sum);
        fromApi += n;
      }
      List<String> registered = lines("registered.txt");
      List<String> without = registered.stream()
          .filter(e -> !letters.containsKey(e.toLowerCase(Locale.ROOT))).toList();
      long duplicates = registered.stream()
          .filter(e -> letters.getOrDefault(e.toLowerCase(Locale.ROOT), 0) > 1).count();
      String outbox = Files.exists(dir.resolve("outbox.txt"))
          ? Files.readString(dir.resolve("outbox.txt")).strip() : "?";
      out.printf("Mail: %d letters received by the stopped fake SMTP server (its log), %d by the"
          + " running one (its HTTP API); outbox by status: %s%n", fromLogs, fromApi, outbox);
      out.printf("      %d registered addresses without a letter, %d with more than one%n",
          without.size(), duplicates);
      check(without.isEmpty(), "every registered address received its verification letter ("
          + without.size() + " did not" + (without.isEmpty() ? "" : ", e.g. " + without.get(0))
          + ")");
      check(!outbox.contains("pending") && !outbox.contains("abandoned"),
          "the outbox holds no pending or abandoned mail (" + outbox + ")");
    }

    /** Sessions logged out during the run must still be dead: access and refresh token. */
    private void deadSessions(List<Result> results) throws Exception {
      long alive = results.stream().filter(r -> (r.op() == Op.DEAD_ME
          || r.op() == Op.DEAD_REFRESH) && r.status() >= 200 && r.status() < 300).count();
      List<String> dead = lines("dead.txt");
      int checked = 0;
      int working = 0;
      if (base != null) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String line : dead) {
          String[] tokens = line.split("\t");
          HttpResponse<String> me = client.send(HttpRequest.newBuilder(URI.create(base
                  + "/users/me")).header("Authorization", "Bearer " + tokens[0])
              .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
          HttpResponse<String> refresh = client.send(HttpRequest.newBuilder(URI.create(base
                  + "/security/refresh")).header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"" + tokens[1]
                  + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
          checked++;
          if (me.statusCode() != 401 || refresh.statusCode() != 401) {
            working++;
          }
        }
      }
      out.println();
      out.printf("Dead sessions: %d logged out during the run; during the run %d checks of them"
          + " succeeded; afterwards %d checked again, %d still work%n", dead.size(), alive,
          checked, working);
      check(alive == 0, "no logged-out session worked during the run (" + alive + ")");
      check(working == 0, "no logged-out session works afterwards (" + working + " of " + checked
          + ")");
    }

    private List<String> lines(String name) throws IOException {
      Path file = dir.resolve(name);
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void check(boolean ok, String what) {
      out.println((ok ? "PASS " : "FAIL ") + what);
      if (!ok) {
        failures.add(what);
      }
    }
  }

  static String field(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + body);
    }
    return m.group(1);
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + "= is required");
    }
    return value;
  }
}

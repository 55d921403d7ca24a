import dev.userservice.adapter.postgres.JooqUserRepository;
import dev.userservice.adapter.postgres.PostgresDatabase;
import dev.userservice.adapter.postgres.PostgresSettings;
import dev.userservice.domain.Email;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Times JooqUserRepository on 100k users: insert, find-by-email, and the first and a deep keyset
 * page under filters. Single-threaded, one connection in use at a time: latency, not throughput
 * under load. Usage: UserRepositoryBench jdbcUrl user password
 */
public final class UserRepositoryBench {

  private static final int SEEDED = 100_000;
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final PasswordHash HASH =
      new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");

  public static void main(String[] args) {
    try (PostgresDatabase db = new PostgresDatabase(new PostgresSettings(args[0], args[1],
        args.length > 2 ? args[2] : "", 4))) {
      db.migrate();
      long seedStart = System.nanoTime();
      // One multi-row INSERT ... SELECT: 100k users over ~28 hours, 1 in 100 an admin,
      // 2 in 3 verified; several users share each created_at second.
      db.dsl().execute("""
          INSERT INTO user_service.users (id, email, first_name, password_hash, role, email_verified_at,
                             ever_verified, created_at, updated_at, version)
          SELECT gen_random_uuid(), 'seed' || g || '@bench' || (g % 10) || '.test', 'User ' || g,
                 {0}, CASE WHEN g % 100 = 0 THEN 'ADMIN' ELSE 'USER' END,
                 CASE WHEN g % 3 > 0 THEN {1}::timestamptz + (g / 1) * interval '1 second' END,
                 g % 3 > 0,
                 {1}::timestamptz + (g / 1) * interval '1 second',
                 {1}::timestamptz + (g / 1) * interval '1 second', 0
          FROM generate_series(1, {2}) AS g
          """, org.jooq.impl.DSL.val(HASH.value()), org.jooq.impl.DSL.val(T0.toString()),
          org.jooq.impl.DSL.val(SEEDED));
      db.dsl().execute("ANALYZE user_service.users");
      System.out.printf("seeded %,d users in %.1f s (one INSERT ... SELECT generate_series)%n",
          SEEDED, (System.nanoTime() - seedStart) / 1e9);

      JooqUserRepository users = new JooqUserRepository(db.dsl(), NO_TOTP);
      Instant later = T0.plusSeconds(SEEDED + 10);
      time("insert (one user per call)", 2_000, 200, i -> users.insert(User.register(
          new UserId(UUID.randomUUID()), new Email("new" + i + "-" + System.nanoTime() + "@bench.test"),
          null, null, HASH, Role.USER, later.plusMillis(i))));
      time("findByEmail (hit)", 5_000, 500, i -> {
        int g = 1 + ThreadLocalRandom.current().nextInt(SEEDED);
        if (users.findByEmail(new Email("seed" + g + "@bench" + (g % 10) + ".test")).isEmpty()) {
          throw new IllegalStateException("seeded user " + g + " not found");
        }
      });

      UserFilter verifiedUsers = new UserFilter(null, Role.USER, true, null, null);
      // The cursor of a page ~90,000 users deep (created at second 10,000 of 100,000).
      UserCursor deep = new UserCursor(T0.plusSeconds(10_000), new UserId(new UUID(-1L, -1L)));
      // The 2,000 users inserted above are the newest and unverified: this first page skips them.
      time("list first page, role=USER verified=true, limit 20", 2_000, 200,
          i -> users.list(verifiedUsers, null, 20));
      time("list deep page (~90k in), role=USER verified=true, limit 20", 2_000, 200,
          i -> users.list(verifiedUsers, deep, 20));
      UserFilter admins = new UserFilter(null, Role.ADMIN, null, null, null);
      time("list deep page (~90k in), role=ADMIN, limit 20", 2_000, 200,
          i -> users.list(admins, deep, 20));
      UserFilter substring = new UserFilter("d4242", null, null, null, null);
      time("list first page, email contains 'd4242', limit 20", 1_000, 100,
          i -> users.list(substring, null, 20));
      time("count, role=USER verified=true (scans the matches)", 100, 10,
          i -> users.count(verifiedUsers));
    }
  }

  private static void time(String name, int runs, int warmup, IntConsumer op) {
    for (int i = 0; i < warmup; i++) {
      op.accept(-i - 1);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      op.accept(i);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1_000;
    System.out.printf("%-62s n=%5d  mean %8.0f us  p50 %8.0f us  p99 %8.0f us  (%,.0f ops/s)%n",
        name, runs, mean, nanos[runs / 2] / 1e3, nanos[(int) (runs * 0.99)] / 1e3, 1e6 / mean);
  }

  // The seeded accounts have no one-time password: nothing is ever sealed or opened.
  private static final dev.userservice.domain.port.SecretBox NO_TOTP =
      new dev.userservice.domain.port.SecretBox() {
        @Override
        public byte[] seal(byte[] plaintext, byte[] context) {
          throw new UnsupportedOperationException("the bench seals nothing");
        }

        @Override
        public byte[] open(byte[] sealed, byte[] context) {
          throw new UnsupportedOperationException("the bench opens nothing");
        }
      };
}

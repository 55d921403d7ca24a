package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Role;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@link UserConditions} is what the once-rendered list SQL is cached by: it must
 * decide that SQL alone, and the values must match its bind markers.
 */
class UserConditionsTest {

  private static final DSLContext DSL_CONTEXT =
      DSL.using(SQLDialect.POSTGRES, PostgresDatabase.jooqSettings(PostgresSettings.DEFAULT_SCHEMA));
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  @DisplayName("every combination of filters and cursor: one shape, one SQL, a value per marker")
  void theShape_decidesTheSql_andTheValuesMatchItsMarkers() {
    Map<Integer, String> sqlByShape = new HashMap<>();
    Set<String> sqls = new HashSet<>();
    for (String email : new String[] {null, "ada", "bo%b_"}) {
      for (Role role : new Role[] {null, Role.USER, Role.ADMIN}) {
        for (Boolean verified : new Boolean[] {null, true, false}) {
          for (Instant after : new Instant[] {null, T}) {
            for (Instant before : new Instant[] {null, T.plusSeconds(60)}) {
              for (UserCursor cursor : Arrays.asList(null,
                  new UserCursor(T, new UserId(UUID.randomUUID())))) {
                UserConditions where = UserConditions.of(
                    new UserFilter(email, role, verified, after, before), cursor);
                String sql = DSL_CONTEXT.selectFrom(USERS).where(where.condition()).getSQL();
                assertThat(sql.chars().filter(c -> c == '?').count())
                    .as(sql).isEqualTo(where.values().size());
                String earlier = sqlByShape.putIfAbsent(where.shape(), sql);
                assertThat(earlier == null ? sql : earlier).as("shape %s", where.shape())
                    .isEqualTo(sql);
                sqls.add(sql);
              }
            }
          }
        }
      }
    }
    assertThat(sqlByShape).as("one shape per SQL").hasSameSizeAs(sqls)
        .hasSize(2 * 2 * 3 * 2 * 2 * 2);
  }

  @Test
  void likeWildcardsInTheSubstring_areEscaped() {
    assertThat(UserConditions.escapeLike("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
  }
}

package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.userservice.domain.port.MetadataMatch;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The conditions of an admin list or count: a {@link UserFilter} and the cursor as one jOOQ
 * condition, the values it binds (in the order it renders them) and its shape, which records the
 * {@link Part}s present and alone decides the rendered SQL (the once-rendered list statement of
 * {@link RenderedStatements.Users#page} is cached by it). The email substring uses ILIKE, served
 * by the trigram index.
 */
record UserConditions(Condition condition, List<Object> values, int shape) {

  private static final char LIKE_ESCAPE = '\\';

  /** The kinds of condition; each sets its own bit of the shape. */
  enum Part {
    EMAIL_CONTAINS, ROLE, VERIFIED, NOT_VERIFIED, CREATED_AFTER, CREATED_BEFORE, BEFORE_CURSOR,
    STATUS, APP_METADATA_STRING, APP_METADATA_NUMBER, APP_METADATA_BOOLEAN
  }

  static UserConditions of(UserFilter filter, UserCursor after) {
    UserFilter f = filter == null ? UserFilter.ANY : filter;
    Builder where = new Builder();
    if (f.emailContains() != null && !f.emailContains().isEmpty()) {
      String pattern = "%" + escapeLike(f.emailContains()) + "%";
      where.add(Part.EMAIL_CONTAINS, USERS.EMAIL.likeIgnoreCase(pattern, LIKE_ESCAPE), pattern);
    }
    if (f.role() != null) {
      where.add(Part.ROLE, USERS.ROLE.eq(f.role().name()), f.role().name());
    }
    if (f.emailVerified() != null) {
      if (f.emailVerified()) {
        where.add(Part.VERIFIED, USERS.EMAIL_VERIFIED_AT.isNotNull());
      } else {
        where.add(Part.NOT_VERIFIED, USERS.EMAIL_VERIFIED_AT.isNull());
      }
    }
    if (f.createdAfter() != null) {
      where.add(Part.CREATED_AFTER, USERS.CREATED_AT.gt(f.createdAfter()), f.createdAfter());
    }
    if (f.createdBefore() != null) {
      where.add(Part.CREATED_BEFORE, USERS.CREATED_AT.lt(f.createdBefore()), f.createdBefore());
    }
    if (f.status() != null) {
      where.add(Part.STATUS, USERS.STATUS.eq(f.status().wireName()), f.status().wireName());
    }
    if (f.appMetadata() != null) {
      appMetadata(f.appMetadata(), where);
    }
    if (after != null) {
      where.add(Part.BEFORE_CURSOR,
          row(USERS.CREATED_AT, USERS.ID).lt(after.createdAt(), after.id().value()),
          after.createdAt(), after.id().value());
    }
    return new UserConditions(where.condition, where.values, where.shape);
  }

  /**
   * The member as a string, or as the number or boolean the value spells, by containment
   * ({@code @>}), which the GIN index on {@code app_metadata} serves; {@code jsonb} compares
   * numbers by value, as {@link MetadataMatch#matches} does.
   */
  private static void appMetadata(MetadataMatch match, Builder where) {
    List<Condition> any = new ArrayList<>(3);
    List<Object> bound = new ArrayList<>(6);
    List<Part> parts = new ArrayList<>(3);
    any.add(contains("text", match.key(), match.value()));
    bound.addAll(List.of(match.key(), match.value()));
    parts.add(Part.APP_METADATA_STRING);
    BigDecimal number = match.number();
    if (number != null) {
      any.add(contains("numeric", match.key(), number));
      bound.addAll(List.of(match.key(), number));
      parts.add(Part.APP_METADATA_NUMBER);
    }
    Boolean bool = match.bool();
    if (bool != null) {
      any.add(contains("boolean", match.key(), bool));
      bound.addAll(List.of(match.key(), bool));
      parts.add(Part.APP_METADATA_BOOLEAN);
    }
    where.add(DSL.or(any), bound, parts);
  }

  private static Condition contains(String type, String key, Object value) {
    return DSL.condition("{0} @> jsonb_build_object(cast({1} as text), cast({2} as " + type + "))",
        USERS.APP_METADATA, DSL.val(key), DSL.val(value));
  }

  static String escapeLike(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
        escaped.append(LIKE_ESCAPE);
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /** Adds a condition, its bound values and its part together, so none can be left out. */
  private static final class Builder {

    private Condition condition = noCondition();
    private final List<Object> values = new ArrayList<>(6);
    private int shape;

    void add(Part part, Condition added, Object... bound) {
      add(added, Arrays.asList(bound), List.of(part));
    }

    void add(Condition added, List<Object> bound, List<Part> parts) {
      condition = condition.and(added);
      values.addAll(bound);
      for (Part part : parts) {
        shape |= 1 << part.ordinal();
      }
    }
  }
}

package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;

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
    STATUS
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
    if (after != null) {
      where.add(Part.BEFORE_CURSOR,
          row(USERS.CREATED_AT, USERS.ID).lt(after.createdAt(), after.id().value()),
          after.createdAt(), after.id().value());
    }
    return new UserConditions(where.condition, where.values, where.shape);
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
      condition = condition.and(added);
      values.addAll(Arrays.asList(bound));
      shape |= 1 << part.ordinal();
    }
  }
}

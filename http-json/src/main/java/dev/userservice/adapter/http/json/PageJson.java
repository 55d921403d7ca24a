package dev.userservice.adapter.http.json;

import java.util.List;

/**
 * One page of a list: its items and the cursor of the next page, {@code null} on the last.
 *
 * @param <T> the document of one item
 */
public record PageJson<T>(List<T> items, String nextCursor) {}

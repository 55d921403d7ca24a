/**
 * The Redis adapter (Lettuce): sessions and refresh-token rotation, one-time codes, rate limits
 * and login throttles, each change one Lua script; over a client of its own or the
 * application's Lettuce client or connection ({@code RedisConnection}).
 */
package dev.userservice.adapter.redis;

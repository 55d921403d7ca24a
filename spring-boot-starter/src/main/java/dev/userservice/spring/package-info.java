/**
 * The Spring Boot starter: auto-configuration that builds the service over the application's
 * {@code DataSource}, Lettuce client and mail sender, binds {@code user-service.*}, makes every
 * use case a bean, runs the background jobs with the context, and gives Spring Security an
 * introspector that accepts our access tokens ({@code AccessTokenIntrospector}). The only
 * package of ours that uses Spring; docs/embedding.md, "Spring Boot starter".
 */
package dev.userservice.spring;

/**
 * The HTTP API's JSON without a web framework, shared by the two adapters that serve the API
 * (adapter-http on Javalin, the Spring Boot starter's MVC controllers), so both read and answer
 * alike: the strict reader and its errors ({@link StrictJson}), the request and response
 * documents, and the parsing of query parameters and edit bodies into commands and queries.
 *
 * <p>No Javalin, Spring or servlet API here (bootstrap's ArchitectureTest checks it): each
 * adapter reads the request with its own framework and hands plain values over (the body as bytes
 * or a {@code JsonNode}, the query as a map, the content type as a string), and turns the
 * 415 and 413 answers into its framework's own.
 */
package dev.userservice.adapter.http.json;

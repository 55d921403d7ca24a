/**
 * The HTTP API's routes as Spring MVC controllers, answering as adapter-http does (openapi.json);
 * on only with {@code user-service.web.enabled=true}.
 */
package dev.userservice.spring.web;

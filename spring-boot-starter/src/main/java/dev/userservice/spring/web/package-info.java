/**
 * The HTTP API's routes as Spring MVC controllers, answering as adapter-http does (openapi.json);
 * on only with {@code user-service.web.enabled=true}. The documents, the strict JSON reading and
 * the parsing of parameters and bodies come from http-json
 * ({@code dev.userservice.adapter.http.json}), which adapter-http calls too; these controllers
 * add only Spring's side.
 */
package dev.userservice.spring.web;

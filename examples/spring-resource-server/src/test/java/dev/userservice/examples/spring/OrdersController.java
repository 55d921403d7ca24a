package dev.userservice.examples.spring;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's own endpoints; who may call which is decided in {@link OrdersApplication}. */
@RestController
class OrdersController {

  /** The caller's orders, found by the user id the token names ({@code sub}). */
  @GetMapping("/orders")
  Map<String, Object> orders(@AuthenticationPrincipal Jwt token) {
    return Map.of("owner", token.getSubject(), "orders", List.of());
  }

  @GetMapping("/admin/report")
  Map<String, Object> report(@AuthenticationPrincipal Jwt token) {
    return Map.of("requested_by", token.getSubject(), "open_orders", 0);
  }
}

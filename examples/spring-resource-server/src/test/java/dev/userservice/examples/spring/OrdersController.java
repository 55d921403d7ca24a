package dev.userservice.examples.spring;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's own endpoints; who may call which is decided in {@link OrdersApplication}. */
@RestController
class OrdersController {

  /**
   * The caller's orders, found by the user id the token names ({@code sub}: the name of the
   * caller, whether the token was verified as a JWT or introspected).
   */
  @GetMapping("/orders")
  Map<String, Object> orders(Principal caller) {
    return Map.of("owner", caller.getName(), "orders", List.of());
  }

  @GetMapping("/admin/report")
  Map<String, Object> report(Principal caller) {
    return Map.of("requested_by", caller.getName(), "open_orders", 0);
  }
}

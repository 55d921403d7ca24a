package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the management port's {@code /metrics} shows of a running service: the names the README
 * and the Grafana dashboard (docs/grafana) are built from.
 */
class MetricsTest {

  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of("REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("metrics")));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void requestLatency_hasTheFixedHistogramBuckets_from5msTo5s() {
    assertThat(app.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

    String metrics = scrape();

    String series = "http_server_requests_seconds_bucket{method=\"GET\","
        + "route=\"/.well-known/jwks.json\",status=\"200\",le=\"";
    for (String bound : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
        "1.0", "2.5", "5.0", "+Inf"}) {
      assertThat(metrics).contains(series + bound + "\"}");
    }
    assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\","
        + "route=\"/.well-known/jwks.json\",status=\"200\"}");
  }

  @Test
  void pool_redis_mail_andBuildInfo_arePublished() {
    String metrics = scrape();

    assertThat(metrics)
        .contains("hikaricp_connections_active{pool=\"user-service-postgres\"}")
        .contains("hikaricp_connections_pending{pool=\"user-service-postgres\"}")
        .contains("hikaricp_connections_acquire_seconds_count{pool=\"user-service-postgres\"}")
        .contains("lettuce_command_completion_seconds_bucket{")
        .contains("mail_sent_total ")
        .contains("mail_failed_total ")
        .contains("mail_abandoned_total ")
        .contains("mail_outbox_oldest_age_seconds ")
        .contains("mail_queue_depth ")
        .contains("user_service_build_info{version=\"" + BuildInfo.version() + "\"} 1");
    assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void theStarterGrafanaDashboard_usesOnlyMetricsTheServicePublishes() throws Exception {
    assertThat(app.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
    String dashboard = Files.readString(Path.of("..", "docs", "grafana", "user-service.json"));
    Set<String> used = new TreeSet<>();
    Matcher names = Pattern.compile(
        "\\b(?:http_server_requests_seconds|hikaricp|lettuce|mail|user_service)_[a-z_]+\\b")
        .matcher(dashboard);
    while (names.find()) {
      used.add(names.group());
    }
    String metrics = scrape();

    assertThat(used).hasSizeGreaterThan(10);
    assertThat(used).allSatisfy(name -> assertThat(Pattern.compile("(?m)^" + name + "[{ ]")
        .matcher(metrics).find()).as(name).isTrue());
  }

  private static String scrape() {
    var reply = app.management("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    return reply.raw().body();
  }
}

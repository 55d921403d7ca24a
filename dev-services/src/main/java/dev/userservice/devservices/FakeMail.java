package dev.userservice.devservices;

import dev.userservice.fakemail.FakeMailServer;
import dev.userservice.fakemail.FakeMailWeb;
import dev.userservice.fakemail.Mailbox;
import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * The fake mail server and client as {@code start-dev} runs them inside the service: SMTP on
 * loopback, and the fake mail client's routes added to the service's HTTP API.
 */
public final class FakeMail implements AutoCloseable {

  private final FakeMailServer server;
  private final FakeMailWeb web;

  private FakeMail(FakeMailServer server, FakeMailWeb web) {
    this.server = server;
    this.web = web;
  }

  /** Starts the fake SMTP server on {@code 127.0.0.1:smtpPort}. */
  public static FakeMail start(int smtpPort) {
    Mailbox mailbox = new Mailbox();
    FakeMailServer server = new FakeMailServer(mailbox, "127.0.0.1", smtpPort).start();
    return new FakeMail(server, new FakeMailWeb(mailbox));
  }

  /** Adds the fake mail client ({@code /fake-mail}) to an HTTP API being configured. */
  public void addRoutes(JavalinConfig config) {
    web.addRoutes(config);
  }

  /**
   * The paths below which the fake mail client serves pages (its inbox page, and the JSON that
   * page reads), for the HTTP API's page rules.
   */
  public List<String> pagePrefixes() {
    return List.of(FakeMailWeb.ROOT);
  }

  @Override
  public void close() {
    server.close();
  }
}

package dev.userservice.adapter.http;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the API on the in-memory adapters until killed, for looking at {@code /docs} in a browser
 * ({@code scripts/swagger-ui-check.sh}). Prints {@code PORT=<n>} once it listens.
 */
final class DocsServer {

  private DocsServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    TestApi app = TestApi.start(TestApi.newKey(), HttpSettings.defaults(), null, port);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("PORT=" + app.api.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}

package dev.userservice.bootstrap;

/** Picks the log format before the first logger exists. */
final class Logging {

  private Logging() {}

  static void configure(String format) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile",
          "json".equalsIgnoreCase(format) ? "logback-json.xml" : "logback.xml");
    }
  }
}

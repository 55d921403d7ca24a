package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (the system's headless Chromium, through its
 * chromedriver; nothing is downloaded) against the real application on PostgreSQL, Redis and the
 * fake mail server: signing in, finding a user, ending a session, suspending, changing a role,
 * and the refusals (a non-administrator, a forged form token). Screenshots of the main pages go
 * to {@code target/console-screenshots}. One browser for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String ADMIN_PASSWORD = "first operator passphrase for tests";
  private static final String PASSWORD = "correct horse battery";
  private static final String WEBHOOK_URL = "https://93.184.215.14/console-hook";
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
      + "connect-src 'self'";

  private static RunningApp app;
  private static ChromeDriver browser;
  private static String base;
  private static String email;
  private static String userId;

  @BeforeAll
  static void start() throws IOException {
    // Missing browser parts fail the test, naming the part: a skipped browser test proves nothing.
    assertThat(Files.isExecutable(CHROMIUM)).as("chromium is missing: " + CHROMIUM
        + " (apt-get install chromium)").isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER)).as("chromedriver is missing: " + CHROMEDRIVER
        + " (apt-get install chromium-driver)").isTrue();
    app = RunningApp.start(Map.of("ADMIN_CONSOLE_ENABLED", "true",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("console")));
    base = app.uri("").toString();
    // The browser and its driver given by path: Selenium Manager, which would look for (and
    // fetch) others, never runs.
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--window-size=1280,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    Files.createDirectories(SCREENSHOTS);

    email = EndToEndTest.unique("console-fragment");
    assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD)).status())
        .isEqualTo(201);
    String access = login(email).path("access_token").asText();
    userId = app.get("/users/me", access).text("id");
    // Verified, so the role change below is allowed.
    assertThat(app.post("/users/me/verification", access,
        Map.of("code", app.awaitCode(email, "verification"))).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      try {
        // The database is shared with the other end-to-end tests, which count webhooks.
        String admin = adminToken();
        for (JsonNode hook : app.get("/webhooks", admin).json().path("items")) {
          if (hook.path("url").asText().equals(WEBHOOK_URL)) {
            app.delete("/webhooks/" + hook.path("id").asText(), admin);
          }
        }
      } finally {
        app.close();
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("a non-administrator with the right password is refused like a wrong password")
  void nonAdministrator_isRefused() {
    open("/admin/sign-in");
    screenshot("sign-in");
    signIn(email, PASSWORD);

    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
        .isEqualTo("Wrong email or password.");
    assertThat(browser.getCurrentUrl()).endsWith("/admin/sign-in");
    assertThat(browser.findElements(By.linkText("Users"))).isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("an administrator signs in and finds a user by a fragment of the email")
  void signIn_andFindAUserByFragment() {
    open("/admin/sign-in");
    signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(browser.getCurrentUrl()).endsWith("/admin/users");
    screenshot("users");

    String fragment = email.substring(0, email.indexOf('@')).substring(8);
    WebElement search = browser.findElement(By.id("email"));
    search.sendKeys(fragment);
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver
        .findElements(By.cssSelector("#results tbody tr")).size() == 1);
    assertThat(browser.getCurrentUrl()).contains("email=" + fragment);
    browser.findElement(By.linkText(email)).click();

    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(email);
    assertThat(browser.getCurrentUrl()).endsWith("/admin/users/" + userId);
  }

  @Test
  @Order(3)
  @DisplayName("ending a session from the user's page: its refresh token no longer works")
  void endASession() {
    String refresh = login(email).path("refresh_token").asText();
    String session = refresh.split("\\.")[1];
    open("/admin/users/" + userId);
    screenshot("user", 1800);

    submit(By.cssSelector("form[action$='/sessions/" + session + "/end'] button"));

    assertThat(notice()).isEqualTo("The session was ended.");
    assertThat(app.post("/security/refresh", null, Map.of("refresh_token", refresh)).status())
        .isEqualTo(401);
    assertThat(browser.findElements(By.cssSelector("form[action$='/sessions/" + session
        + "/end']"))).isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName("suspending and reactivating, recorded with the administrator as the actor")
  void suspendAndReactivate() {
    open("/admin/users/" + userId);
    browser.findElement(By.id("reason")).sendKeys("console test");
    submit(By.xpath("//button[text()='Suspend']"));

    assertThat(notice()).startsWith("The account was suspended");
    assertThat(app.post("/security/login", null, Map.of("email", email, "password", PASSWORD))
        .status()).isEqualTo(401);
    JsonNode suspended = auditEvents("user_suspended");
    assertThat(suspended).isNotEmpty();
    assertThat(suspended.get(0).path("actor").asText()).isEqualTo("admin");
    assertThat(suspended.get(0).path("actor_id").asText()).isEqualTo(adminId());

    submit(By.xpath("//button[text()='Reactivate']"));

    assertThat(notice()).isEqualTo("The account was reactivated.");
    assertThat(login(email).has("access_token")).isTrue();
    assertThat(auditEvents("user_reactivated")).isNotEmpty();
  }

  @Test
  @Order(5)
  @DisplayName("changing a role")
  void changeRole() {
    open("/admin/users/" + userId);
    new Select(browser.findElement(By.id("role")))
        .selectByValue("ADMIN");
    submit(By.xpath("//button[text()='Change role']"));

    assertThat(notice()).startsWith("The role was changed");
    assertThat(app.get("/users/" + userId, adminToken()).text("role")).isEqualTo("ADMIN");
    assertThat(auditEvents("role_changed").get(0).path("actor_id").asText())
        .isEqualTo(adminId());

    new Select(browser.findElement(By.id("role")))
        .selectByValue("USER");
    submit(By.xpath("//button[text()='Change role']"));
    assertThat(notice()).startsWith("The role was changed");
    assertThat(app.get("/users/" + userId, adminToken()).text("role")).isEqualTo("USER");
  }

  @Test
  @Order(6)
  @DisplayName("a forged form token is refused and changes nothing")
  void forgedFormToken_isRefused() {
    open("/admin/users/" + userId);
    ((JavascriptExecutor) browser).executeScript("document.querySelectorAll("
        + "'input[name=form_token]').forEach(function (input) { input.value = 'forged'; });");
    submit(By.xpath("//button[text()='Suspend']"));

    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
        .contains("did not come from your console session");
    assertThat(app.get("/users/" + userId, adminToken()).text("status")).isEqualTo("active");
  }

  @Test
  @Order(7)
  @DisplayName("events, service accounts (created, then deleted) and webhooks; the secrets are"
      + " shown once")
  void eventsClientsAndWebhooks() {
    open("/admin/events?user_id=" + userId);
    assertThat(browser.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
    screenshot("events");

    open("/admin/clients");
    browser.findElement(By.id("name")).sendKeys("reporting job");
    browser.findElement(By.id("scope")).sendKeys("reports:read");
    submit(By.xpath("//button[text()='Create']"));
    assertThat(browser.findElement(By.cssSelector(".secret")).getText()).contains("Secret");
    screenshot("clients");
    submit(By.cssSelector("button[aria-label='Delete reporting job']"));
    assertThat(notice()).isEqualTo("The service account was deleted.");
    assertThat(browser.findElements(By.xpath("//th[text()='reporting job']"))).isEmpty();

    open("/admin/webhooks");
    browser.findElement(By.id("url")).sendKeys(WEBHOOK_URL);
    browser.findElement(By.id("types")).sendKeys("user_suspended user_deleted");
    submit(By.xpath("//button[text()='Create']"));
    assertThat(browser.findElement(By.cssSelector(".secret")).getText()).contains("Secret");
    open("/admin/webhooks");
    submit(By.xpath("//button[text()='Disable']"));
    assertThat(notice()).isEqualTo("The webhook was disabled.");
    screenshot("webhooks");
  }

  @Test
  @Order(8)
  @DisplayName("on a narrow screen the user list fits")
  void narrowScreen() {
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      open("/admin/users");
      Object overflow = ((JavascriptExecutor) browser).executeScript(
          "return document.documentElement.scrollWidth > window.innerWidth;");
      assertThat(overflow).isEqualTo(false);
      screenshot("users-narrow", 1400);
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  @Order(9)
  @DisplayName("every page carries the exact policy, and the browser reported no violation of it")
  void contentSecurityPolicy() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(app.uri("/admin/sign-in")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains(CSP);

    List<String> violations = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      if (entry.getMessage().contains("Content Security Policy")
          || entry.getMessage().contains("Refused to")) {
        violations.add(entry.getMessage());
      }
    }
    assertThat(violations).isEmpty();
  }

  private static void open(String path) {
    browser.get(base + path);
  }

  private static void signIn(String address, String password) {
    browser.findElement(By.id("email")).clear();
    browser.findElement(By.id("email")).sendKeys(address);
    browser.findElement(By.id("password")).sendKeys(password);
    submit(By.xpath("//button[text()='Sign in']"));
  }

  /**
   * Clicks the form button {@code button} and waits for the answer's page to replace this one,
   * so what the test reads next (a notice, the API) comes after the form was handled.
   */
  private static void submit(By button) {
    WebElement element = browser.findElement(button);
    element.click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> leftTheDocument(element));
  }

  /**
   * Whether {@code element} is gone with the page it was on. Selenium's {@code stalenessOf}
   * waits for a stale-element error only; Chromium sometimes answers a probe made while the next
   * page replaces the old one with "Node with given id does not belong to the document" instead,
   * which says the same (a CI run failed on it).
   */
  private static boolean leftTheDocument(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (WebDriverException probe) {
      if (String.valueOf(probe.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw probe;
    }
  }

  private static String notice() {
    return browser.findElement(By.cssSelector("[role=status]")).getText();
  }

  private static void screenshot(String name) {
    screenshot(name, 1000);
  }

  /** A screenshot of the page at the window's width and {@code height}, the window restored. */
  private static void screenshot(String name, int height) {
    Dimension before = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(before.getWidth(), height));
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      browser.manage().window().setSize(before);
    }
  }

  private static JsonNode login(String address) {
    RunningApp.Reply reply = app.post("/security/login", null,
        Map.of("email", address, "password", PASSWORD));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.json();
  }

  private static String adminToken() {
    return EndToEndTest.adminToken(app);
  }

  private static String adminId() {
    return app.get("/users/me", adminToken()).text("id");
  }

  /** The audit trail's events of {@code type} about the user, newest first. */
  private static JsonNode auditEvents(String type) {
    return app.get("/audit-events?user_id=" + userId + "&type=" + type, adminToken()).json()
        .get("items");
  }
}

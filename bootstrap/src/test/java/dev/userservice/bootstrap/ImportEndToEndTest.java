package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users imported with the hashes their old systems made, through the jar's {@code import FILE}
 * and through {@code POST /users/import}, against real PostgreSQL and Redis; they log in with
 * their old passwords, and the stored hash is Argon2id from then on.
 */
class ImportEndToEndTest {

  private static final String PASSWORD = "lètmein correct horse";
  // Made by Spring Security's BCryptPasswordEncoder ($2b, cost 5) and by Python's hashlib as
  // Django 5 writes pbkdf2_sha256, both from PASSWORD.
  private static final String BCRYPT =
      "$2b$05$6ujoPYBa4112ncKfQ7H9.uKK0rLNtW0AtiBy6XiMEEJKe95Bk3dRq";
  private static final String DJANGO = "pbkdf2_sha256$870000$seasaltDjango22chars00"
      + "$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0=";

  @TempDir
  Path dir;

  @Test
  void theImportCommand_importsAFile_idempotently_andTheUsersLogInWithTheirOldPasswords()
      throws IOException {
    String ada = unique("ada");
    String bob = unique("bob");
    Path file = dir.resolve("users.ndjson");
    Files.writeString(file, String.join("\n",
        line(ada, BCRYPT, true),
        line(bob, DJANGO, false),
        "{\"email\": \"broken\"}") + "\n");

    Run first = importFile(file);
    List<String> answers = Files.readAllLines(dir.resolve("users.ndjson.answers.ndjson"));
    Run again = importFile(file);

    assertThat(first.status()).as(first.err()).isEqualTo(1);
    assertThat(answers).hasSize(4);
    assertThat(answers.subList(0, 3)).allSatisfy(a -> assertThat(a).startsWith("{\"line\":"));
    assertThat(answers.get(0)).contains("\"status\":\"created\"");
    assertThat(answers.get(2)).contains("\"status\":\"rejected\"");
    String summary = "{\"summary\":{\"created\":2,\"duplicates\":0,\"rejected\":1}}";
    assertThat(answers.get(3)).isEqualTo(summary);
    assertThat(first.out()).contains(summary);
    assertThat(again.out())
        .contains("{\"summary\":{\"created\":0,\"duplicates\":2,\"rejected\":1}}");
    assertThat(storedHash(ada)).isEqualTo(BCRYPT);
    assertThat(storedHash(bob)).startsWith("$pbkdf2-sha256$i=870000$");
    assertThat(auditTypes(ada)).containsExactly("user_imported");

    try (RunningApp app = RunningApp.start(Map.of())) {
      for (String email : List.of(ada, bob)) {
        assertThat(app.post("/security/login", null,
            Map.of("email", email, "password", PASSWORD + "?")).status()).isEqualTo(401);
        var login = app.post("/security/login", null,
            Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(storedHash(email)).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
      }
    }
  }

  @Test
  void theEndpoint_streamsAnswersBack_fromAnAdministrator() throws Exception {
    String cy = unique("cy");
    try (RunningApp app = RunningApp.start(Map.of())) {
      String admin = app.post("/security/login", null, Map.of("email", "admin@example.com",
          "password", "first operator passphrase for tests")).text("access_token");
      HttpRequest request = HttpRequest.newBuilder(app.uri("/users/import"))
          .header("Authorization", "Bearer " + admin)
          .header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(line(cy, BCRYPT, true) + "\n")).build();

      HttpResponse<String> reply = HttpClient.newHttpClient().send(request,
          HttpResponse.BodyHandlers.ofString());

      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.body()).contains("\"status\":\"created\"")
          .contains("{\"summary\":{\"created\":1,\"duplicates\":0,\"rejected\":0}}");
      assertThat(app.post("/security/login", null, Map.of("email", cy, "password", PASSWORD))
          .status()).isEqualTo(200);
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run importFile(Path file) {
    Map<String, String> env = new HashMap<>(TestServices.environment());
    env.put("FAKE_MAIL_ENABLED", "false");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"import", file.toString()}, new Environment(env),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String line(String email, String hash, boolean verified) {
    return "{\"email\": \"" + email + "\", \"password_hash\": \"" + hash
        + "\", \"email_verified\": " + verified + "}";
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static String storedHash(String email) {
    return query("SELECT password_hash FROM users WHERE email = ?", email).get(0);
  }

  private static List<String> auditTypes(String email) {
    return query("SELECT e.type FROM audit_events e JOIN users u ON u.id = e.user_id"
        + " WHERE u.email = ? ORDER BY e.id", email);
  }

  private static List<String> query(String sql, String parameter) {
    Map<String, String> env = TestServices.environment();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (var rows = statement.executeQuery()) {
        List<String> values = new java.util.ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.userservice.adapter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.http.json.StrictJson;
import dev.userservice.application.ImportUsers;
import dev.userservice.application.ImportUsers.Entry;
import dev.userservice.application.ImportUsers.Result;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.RequestContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Users to import as NDJSON (one JSON object per line), read as they arrive and answered line by
 * line, also NDJSON: memory holds one line at a time however long the stream. Used by
 * {@code POST /users/import} and by the server jar's {@code import FILE} command.
 *
 * <p>A line is an object with {@code email} and {@code password_hash}, and optionally
 * {@code first_name}, {@code last_name}, {@code email_verified} and {@code role}.
 * {@code password_hash} is a string in a format the password hasher adopts, or Keycloak's
 * exported password credential (the object with {@code secretData} and {@code credentialData}),
 * PBKDF2 or Argon2, written here as the string the hasher adopts. Blank lines are skipped; a
 * line longer than {@link #MAX_LINE_BYTES}, not UTF-8, not a JSON object or with unknown fields
 * is rejected alone.
 *
 * <p>Each answer line is {@code {"line":n,"status":"created","id":...}}, {@code "duplicate"} or
 * {@code "rejected"} with {@code errors}; the last is {@code {"summary":{...}}}, or, when the
 * import had to stop after answers went out (the database went down), {@code {"aborted":...}}.
 */
public final class UserImportStream {

  /** The longest line read; the rest of a longer one is skipped unread. */
  public static final int MAX_LINE_BYTES = 16 * 1024;

  private static final Set<String> FIELDS = Set.of("email", "password_hash", "first_name",
      "last_name", "email_verified", "role", "metadata", "app_metadata");
  // Answers are sent in batches: one flush per line would cost a packet per user.
  private static final int FLUSH_EVERY = 256;

  private final ObjectMapper mapper;

  UserImportStream(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A stream with the API's JSON conventions, for the command line. */
  public static UserImportStream create() {
    return new UserImportStream(StrictJson.newMapper());
  }

  /**
   * Imports every line of {@code in} through {@code useCase} as {@code actor} ({@code null}:
   * trusted code), writing an answer line to {@code out} per input line and the summary last.
   * Errors before the first answer (forbidden, throttled, store down) propagate unchanged, so
   * the caller can still answer them as problems.
   *
   * @throws Aborted when the import stopped after answers went out; the answers end with
   *     {@code {"aborted":...}}
   * @throws UncheckedIOException when {@code in} cannot be read or {@code out} written
   */
  public ImportUsers.Summary run(ImportUsers useCase, Actor actor, RequestContext request,
      InputStream in, OutputStream out) {
    Answers answers = new Answers(out);
    ImportUsers.Summary summary;
    try {
      summary = useCase.importUsers(actor, request, new Lines(in), answers::write);
    } catch (RuntimeException stopped) {
      if (answers.count == 0) {
        throw stopped;
      }
      ObjectNode aborted = mapper.createObjectNode();
      aborted.put("aborted", stopped.getMessage());
      answers.writeNode(aborted);
      answers.flush();
      throw new Aborted(stopped);
    }
    ObjectNode last = mapper.createObjectNode();
    last.putObject("summary").put("created", summary.created())
        .put("duplicates", summary.duplicates()).put("rejected", summary.rejected());
    answers.writeNode(last);
    answers.flush();
    return summary;
  }

  /** The import stopped after some answers were written; the cause says why. */
  public static final class Aborted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Aborted(RuntimeException cause) {
      super("the import stopped: " + cause.getMessage(), cause);
    }
  }

  /** The answer lines, written as results come. */
  private final class Answers {

    private final OutputStream out;
    private long count;

    Answers(OutputStream out) {
      this.out = out;
    }

    void write(Result result) {
      ObjectNode node = mapper.createObjectNode();
      node.put("line", result.line());
      if (result instanceof Result.Created created) {
        node.put("status", "created").put("id", created.id().toString());
      } else if (result instanceof Result.Duplicate) {
        node.put("status", "duplicate");
      } else {
        var errors = node.put("status", "rejected").putArray("errors");
        for (FieldError error : ((Result.Rejected) result).errors()) {
          errors.addObject().put("field", error.field()).put("message", error.message());
        }
      }
      writeNode(node);
      if (++count % FLUSH_EVERY == 0) {
        flush();
      }
    }

    void writeNode(JsonNode node) {
      try {
        out.write(mapper.writeValueAsBytes(node));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The entries of {@code in}, one line read per entry asked for. */
  private final class Lines implements Iterator<Entry> {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long number;
    private Entry next;
    private boolean ended;

    Lines(InputStream in) {
      this.in = new BufferedInputStream(in);
    }

    @Override
    public boolean hasNext() {
      while (next == null && !ended) {
        next = readEntry();
      }
      return next != null;
    }

    @Override
    public Entry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Entry entry = next;
      next = null;
      return entry;
    }

    // Null for a blank line or the end of the stream.
    private Entry readEntry() {
      line.reset();
      boolean tooLong = false;
      boolean any = false;
      try {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
          any = true;
          if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
          } else {
            tooLong = true;
          }
        }
        if (b < 0) {
          ended = true;
          if (!any) {
            return null;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      number++;
      if (tooLong) {
        return Entry.unreadable(number, "is longer than " + MAX_LINE_BYTES + " bytes");
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(line.toByteArray())).toString();
      } catch (CharacterCodingException e) {
        return Entry.unreadable(number, "is not UTF-8");
      }
      if (text.isBlank()) {
        return null;
      }
      return entry(number, text);
    }
  }

  private Entry entry(long number, String text) {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JacksonException e) {
      return Entry.unreadable(number, "is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      return Entry.unreadable(number, "must be a JSON object");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return Entry.unreadable(number, "has the unknown field " + name);
      }
    }
    JsonNode verified = node.path("email_verified");
    if (!verified.isMissingNode() && !verified.isNull() && !verified.isBoolean()) {
      return Entry.unreadable(number, "has an email_verified that is not true or false");
    }
    String hash;
    try {
      hash = passwordHash(node.path("password_hash"));
    } catch (IllegalArgumentException e) {
      return Entry.unreadable(number, e.getMessage());
    }
    return new Entry(number, text(node, "email"), text(node, "first_name"),
        text(node, "last_name"), verified.isBoolean() ? verified.booleanValue() : null,
        text(node, "role"), hash, null, json(node, "metadata"), json(node, "app_metadata"));
  }

  // Any JSON but null goes on as text; the use case tells an object from anything else.
  private static String json(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.toString();
  }

  // Non-strings stay null here and are reported by the use case as missing or invalid.
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.textValue() : null;
  }

  private String passwordHash(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isObject()) {
      return KeycloakCredential.canonical(value, mapper);
    }
    return null;
  }

  /** Keycloak's exported password credential, as the PBKDF2 string the hasher adopts. */
  static final class KeycloakCredential {

    private KeycloakCredential() {}

    /**
     * {@code credentialData} names the algorithm and iterations (and, for Argon2, the other
     * parameters in {@code additionalParameters}, each a list of one string), {@code secretData}
     * the Base64 salt and hash; each is an object or, as Keycloak exports them, a string holding
     * one. PBKDF2 becomes {@code $pbkdf2-<digest>$i=...}, Argon2 its PHC string.
     *
     * @throws IllegalArgumentException saying what is missing or unsupported
     */
    static String canonical(JsonNode credential, ObjectMapper mapper) {
      JsonNode data = embedded(credential.path("credentialData"), mapper);
      JsonNode secret = embedded(credential.path("secretData"), mapper);
      JsonNode iterations = data.path("hashIterations");
      JsonNode salt = secret.path("salt");
      JsonNode value = secret.path("value");
      if (!iterations.canConvertToInt() || !salt.isTextual() || !value.isTextual()) {
        throw new IllegalArgumentException(
            "has a Keycloak credential without hashIterations, salt or value");
      }
      String saltAndHash = "$" + unpadded(salt.textValue()) + "$" + unpadded(value.textValue());
      String algorithm = data.path("algorithm").asText("");
      if (algorithm.equals("argon2")) {
        JsonNode parameters = data.path("additionalParameters");
        String version = switch (parameter(parameters, "version", "1.3")) {
          case "1.3" -> "19";
          case "1.0" -> "16";
          default -> throw new IllegalArgumentException(
              "has a Keycloak Argon2 credential of an unknown version");
        };
        return "$argon2" + parameter(parameters, "type", "id") + "$v=" + version
            + "$m=" + parameter(parameters, "memory", "") + ",t=" + iterations.intValue()
            + ",p=" + parameter(parameters, "parallelism", "1") + saltAndHash;
      }
      String digest = switch (algorithm) {
        case "pbkdf2" -> "sha1";
        case "pbkdf2-sha256" -> "sha256";
        case "pbkdf2-sha512" -> "sha512";
        default -> throw new IllegalArgumentException("has a Keycloak credential whose algorithm "
            + "is not argon2, pbkdf2, pbkdf2-sha256 or pbkdf2-sha512");
      };
      return "$pbkdf2-" + digest + "$i=" + iterations.intValue() + saltAndHash;
    }

    // Keycloak writes each additional parameter as a list of one string. The hasher checks the
    // assembled string, so a wrong value here is rejected there.
    private static String parameter(JsonNode parameters, String name, String otherwise) {
      JsonNode value = parameters.path(name);
      if (value.isArray() && value.size() == 1) {
        value = value.get(0);
      }
      return value.isValueNode() && !value.isNull() ? value.asText() : otherwise;
    }

    private static JsonNode embedded(JsonNode node, ObjectMapper mapper) {
      if (!node.isTextual()) {
        return node;
      }
      try {
        return mapper.readTree(node.textValue());
      } catch (JacksonException e) {
        throw new IllegalArgumentException("has a Keycloak credential that is not valid JSON");
      }
    }

    private static String unpadded(String base64) {
      int end = base64.length();
      while (end > 0 && base64.charAt(end - 1) == '=') {
        end--;
      }
      return base64.substring(0, end);
    }
  }
}

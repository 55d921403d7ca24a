package dev.userservice.adapter.postgres;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.userservice.adapter.postgres.jooq.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The service's tables live in a schema of their own ({@code user_service} unless the
 * application names another), created by the service's Flyway migrations
 * ({@value #LOCATION}), which keep their history in that schema's {@value #HISTORY_TABLE}: a
 * host application's own {@code users} table, {@code db/migration} scripts and
 * {@code flyway_schema_history} never meet ours.
 *
 * <p>Releases before this layout kept the tables in {@code public} with the history in
 * {@code public.flyway_schema_history}. {@link #moveLegacyLayout} moves such a deployment once.
 */
final class Migrations {

  static final String LOCATION = "db/user-service/migration";
  static final String HISTORY_TABLE = "user_service_schema_history";
  static final String DEFAULT_SCHEMA = "user_service";

  private static final String LEGACY_SCHEMA = "public";
  private static final String LEGACY_HISTORY = "flyway_schema_history";
  private static final String FIRST_SCRIPT = "V1__users.sql";
  // Lower case only, so the name is the same quoted or not; at most PostgreSQL's 63 bytes.
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /**
   * Run on each migration connection: V1 creates its email index with {@code pg_trgm}'s operator
   * class, named without a schema. The extension exists once per database; when another schema
   * holds it already (another deployment of the service, the host's own), {@code CREATE
   * EXTENSION IF NOT EXISTS} does nothing and that schema must be on the search path.
   */
  static final String TRGM_ON_SEARCH_PATH = "SELECT set_config('search_path',"
      + " current_setting('search_path') || ', ' || quote_ident(n.nspname), false)"
      + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
      + " WHERE e.extname = 'pg_trgm'";

  private Migrations() {}

  /**
   * {@code schema} when it is a name the service can own: lower-case letters, digits and
   * underscores, not {@code public} nor a system schema ({@code pg_*}, {@code information_schema}).
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkedSchema(String schema) {
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMA_NAME.matcher(schema).matches() || schema.equals(LEGACY_SCHEMA)
        || schema.startsWith("pg_") || schema.equals("information_schema")) {
      throw new IllegalArgumentException("the schema must be a name of the service's own"
          + " (lower-case letters, digits, underscores; not public, pg_* or information_schema): "
          + schema);
    }
    return schema;
  }

  /**
   * Moves a deployment of the old layout into {@code schema}, once: when {@code schema} has no
   * history table yet, and {@code public.flyway_schema_history} records the service's first
   * migration (its name and its checksum: a host's own script may share the name), every table of the service found in {@code public} moves into {@code schema}
   * ({@code ALTER TABLE … SET SCHEMA}, which takes their indexes, constraints and sequences
   * along), and the history rows of the service's migrations move into {@value #HISTORY_TABLE};
   * the old history table is dropped when nothing else is left in it. One transaction, under an
   * advisory lock, so instances starting together move it once. Anything else (a fresh
   * database; a host's own {@code public.users} with a history of its own) is left alone.
   *
   * @return whether it moved anything
   */
  static boolean moveLegacyLayout(DataSource dataSource, String schema) {
    DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES);
    return db.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      t.execute("SELECT pg_advisory_xact_lock({0})",
          DSL.val(PostgresJobLock.lockKey("move-legacy-schema")));
      if (exists(t, schema, HISTORY_TABLE) || !exists(t, LEGACY_SCHEMA, LEGACY_HISTORY)) {
        return false;
      }
      Table<?> legacyHistory = table(name(LEGACY_SCHEMA, LEGACY_HISTORY));
      Field<String> script = field(name("script"), String.class);
      Field<Integer> checksum = field(name("checksum"), Integer.class);
      List<String> ours = t.selectDistinct(script, checksum).from(legacyHistory)
          .where(script.isNotNull())
          .fetch(row -> isOurs(row.value1(), row.value2()) ? row.value1() : null).stream()
          .filter(Objects::nonNull).toList();
      if (!ours.contains(FIRST_SCRIPT)) {
        return false;
      }
      t.createSchemaIfNotExists(name(schema)).execute();
      for (Table<?> ourTable : UserService.USER_SERVICE.getTables()) {
        if (exists(t, LEGACY_SCHEMA, ourTable.getName())) {
          t.execute("ALTER TABLE {0} SET SCHEMA {1}", name(LEGACY_SCHEMA, ourTable.getName()),
              name(schema));
        }
      }
      moveTriggerFunctions(t, schema);
      Table<?> history = table(name(schema, HISTORY_TABLE));
      t.execute("CREATE TABLE {0} (LIKE {1} INCLUDING ALL)", history, legacyHistory);
      Condition ourRows = script.in(ours);
      t.insertInto(history).select(t.selectFrom(legacyHistory).where(ourRows)).execute();
      t.deleteFrom(legacyHistory).where(ourRows).execute();
      if (!t.fetchExists(legacyHistory)) {
        t.dropTable(legacyHistory).execute();
      }
      return true;
    });
  }

  /**
   * Moves the functions that triggers on the moved tables run (V8's webhook fan-out) from
   * {@code public} into {@code schema}, and has them look up names there: they were created with
   * the search path of their migration ({@code SET search_path FROM CURRENT}), then
   * {@code public}.
   */
  private static void moveTriggerFunctions(DSLContext t, String schema) {
    List<String> functions = t.fetch("SELECT DISTINCT format('%I.%I(%s)', pn.nspname, p.proname,"
        + " pg_get_function_identity_arguments(p.oid)) FROM pg_trigger tr"
        + " JOIN pg_class c ON c.oid = tr.tgrelid JOIN pg_proc p ON p.oid = tr.tgfoid"
        + " JOIN pg_namespace pn ON pn.oid = p.pronamespace"
        + " WHERE NOT tr.tgisinternal AND c.relnamespace = {0}::regnamespace AND pn.nspname = {1}",
        DSL.inline(schema), DSL.inline(LEGACY_SCHEMA)).getValues(0, String.class);
    for (String function : functions) {
      // The signature comes from the catalog, quoted by format('%I').
      t.execute("ALTER FUNCTION " + function + " SET SCHEMA {0}", name(schema));
      String moved = name(schema).toString() + function.substring(function.indexOf('.'));
      t.execute("ALTER FUNCTION " + moved + " SET search_path = {0}", name(schema));
    }
  }

  /**
   * Whether {@code script}, applied with {@code checksum}, is one of the service's migrations: the
   * same name and the same content. A host's own script may have our name ({@code V1__users.sql}
   * is a common one), and its table must stay where it is.
   */
  private static boolean isOurs(String script, Integer checksum) {
    if (checksum == null || !script.matches("V[0-9_]+__[A-Za-z0-9_]+\\.sql")) {
      return false;
    }
    URL resource = Migrations.class.getClassLoader().getResource(LOCATION + "/" + script);
    return resource != null && flywayChecksum(resource) == checksum;
  }

  /**
   * The checksum Flyway records for an SQL script: the CRC-32 of its lines in UTF-8, without
   * line endings or a leading byte-order mark.
   */
  static int flywayChecksum(URL script) {
    CRC32 crc = new CRC32();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(script.openStream(), StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      for (; line != null; line = reader.readLine()) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + script, e);
    }
    return (int) crc.getValue();
  }

  private static boolean exists(DSLContext t, String schema, String table) {
    return t.fetchExists(table(name("pg_tables")),
        field(name("schemaname")).eq(schema).and(field(name("tablename")).eq(table)));
  }
}

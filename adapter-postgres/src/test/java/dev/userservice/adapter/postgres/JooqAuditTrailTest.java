package dev.userservice.adapter.postgres;

import static dev.userservice.domain.port.TestUsers.T0;
import static dev.userservice.domain.port.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditTrailContract;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail contract against PostgreSQL, and what only a real database can show: a change
 * and its events commit together or not at all, even when the failure comes between them.
 */
class JooqAuditTrailTest extends AuditTrailContract {

  /** Events from this request fail to insert, as a full disk or a lost connection would. */
  private static final RequestContext DOOMED = new RequestContext(null, null, "doomed");

  private final DSLContext dsl = TestDatabase.get().dsl();
  private final JooqUserRepository users = new JooqUserRepository(dsl, TestDatabase.totpBox());
  private final JooqAuditTrail trail = new JooqAuditTrail(dsl);

  @Override
  protected Store newStore() {
    TestDatabase.clean();
    return new Store(trail, users);
  }

  @AfterEach
  void dropTheFault() {
    dsl.execute("DROP TRIGGER IF EXISTS audit_events_doomed ON audit_events");
    dsl.execute("DROP FUNCTION IF EXISTS audit_events_doomed()");
  }

  @Test
  void aFailingAuditInsert_undoesTheChange_andEveryEventOfIt() {
    injectFault();
    User ada = user().build();
    users.insert(ada);
    UserEvent.Meta fine = UserEvent.Meta.bySystem(T0, ada.id());
    UserEvent.Meta doomed = new UserEvent.Meta(T0, ada.id(), fine.actor(), null, DOOMED);

    assertThatThrownBy(() -> users.update(ada.withRole(Role.ADMIN, T0), List.of(
        new UserEvent.RoleChanged(fine, Role.USER, Role.ADMIN),
        new UserEvent.ProfileUpdated(doomed, List.of()))));
    assertThat(users.findById(ada.id()).orElseThrow().role()).isEqualTo(Role.USER);

    User bob = user().build();
    assertThatThrownBy(() -> users.insert(bob, List.of(new UserEvent.Registered(
        new UserEvent.Meta(T0, bob.id(), fine.actor(), null, DOOMED), bob.email()))));
    assertThat(users.findById(bob.id())).isEmpty();

    assertThatThrownBy(() -> users.delete(ada.id(), List.of(new UserEvent.UserDeleted(doomed))));
    assertThat(users.findById(ada.id())).isPresent();

    User carol = user().createdAt(T0.minusSeconds(3600)).build();
    users.insert(carol);
    assertThatThrownBy(() -> users.deleteNeverVerifiedCreatedBefore(T0,
        id -> new UserEvent.UserPurged(doomed.about(id))));
    assertThat(users.findById(carol.id())).isPresent();

    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).isEmpty();
  }

  @Test
  void anEventAlone_thatFails_leavesNoRow() {
    injectFault();
    User ada = user().build();

    assertThatThrownBy(() -> trail.record(List.of(
        new UserEvent.LoggedOut(UserEvent.Meta.bySelf(T0, ada.id(), null, null)),
        new UserEvent.LoggedOutEverywhere(new UserEvent.Meta(T0, ada.id(),
            UserEvent.Meta.bySelf(T0, ada.id(), null, null).actor(), null, DOOMED)))));

    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).isEmpty();
  }

  private void injectFault() {
    dsl.execute("CREATE FUNCTION audit_events_doomed() RETURNS trigger LANGUAGE plpgsql AS $$"
        + " BEGIN IF NEW.request_id = 'doomed' THEN RAISE EXCEPTION 'injected fault'; END IF;"
        + " RETURN NEW; END $$");
    dsl.execute("CREATE TRIGGER audit_events_doomed BEFORE INSERT ON audit_events"
        + " FOR EACH ROW EXECUTE FUNCTION audit_events_doomed()");
  }
}

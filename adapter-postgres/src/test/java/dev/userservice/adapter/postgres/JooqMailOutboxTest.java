package dev.userservice.adapter.postgres;

import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.MailOutboxContract;

/** The {@link MailOutbox} contract against PostgreSQL. */
class JooqMailOutboxTest extends MailOutboxContract {

  @Override
  protected MailOutbox newOutbox() {
    TestDatabase.clean();
    return new JooqMailOutbox(TestDatabase.get().dsl(), TestDatabase.outboxBox());
  }
}

package dev.userservice.adapter.postgres;

import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.TransactionalRunnable;

/**
 * Transactions on one connection taken from the pool once. jOOQ's own
 * {@link DSLContext#transactionResult} asks the pool again to roll back when the first ask
 * failed, so in a database outage it waited the pool's connection timeout three times instead
 * of once, and a request that needed a transaction answered 503 later than its bound.
 */
final class Transactions {

  private Transactions() {}

  static <T> T result(DSLContext dsl, TransactionalCallable<T> work) {
    return dsl.connectionResult(
        connection -> dsl.configuration().derive(connection).dsl().transactionResult(work));
  }

  static void run(DSLContext dsl, TransactionalRunnable work) {
    dsl.connection(connection -> dsl.configuration().derive(connection).dsl().transaction(work));
  }
}

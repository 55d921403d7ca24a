-- The audit trail: one row per domain event (dev.userservice.domain.event). An event that records
-- a change to a user is inserted in the transaction of that change; the others (a failed login, a
-- logout) on their own. Rows are deleted AUDIT_RETENTION after occurred_at. No foreign key to
-- users: the trail outlives the accounts it names. Never a password, hash, code or token.
CREATE TABLE audit_events (
    id             bigserial    NOT NULL,
    occurred_at    timestamptz  NOT NULL,
    type           varchar(40)  NOT NULL,
    user_id        uuid,
    actor_kind     varchar(16)  NOT NULL,
    actor_id       uuid,
    session_id     varchar(22),
    client_address text,
    user_agent     text,
    request_id     text,
    details        jsonb        NOT NULL,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id),
    CONSTRAINT audit_events_actor_kind_check
        CHECK (actor_kind IN ('self', 'admin', 'system', 'anonymous')),
    CONSTRAINT audit_events_actor_check
        CHECK ((actor_id IS NULL) = (actor_kind IN ('system', 'anonymous')))
);

-- Newest first, ties broken by id: a keyset page is one index range scan; the prune is a range
-- at the other end of the same index.
CREATE INDEX audit_events_occurred_at_id_idx ON audit_events (occurred_at DESC, id DESC);

-- [jooq ignore start]
-- The filters by account (GET /users/me/events, GET /audit-events?user_id=) and by actor.
CREATE INDEX audit_events_user_id_idx ON audit_events (user_id, occurred_at DESC, id DESC)
    WHERE user_id IS NOT NULL;
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, occurred_at DESC, id DESC)
    WHERE actor_id IS NOT NULL;
-- [jooq ignore stop]

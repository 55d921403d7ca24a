-- Webhooks: HTTP endpoints administrators register, and the outbox of deliveries to them.
-- Signing secrets are kept only sealed (AES-GCM under a key derived from SECRET_KEY_FILE, bound
-- to the endpoint's id); the secret a rotation replaced still signs until previous_secret_until.
CREATE TABLE webhook_endpoints (
    id                     uuid        NOT NULL,
    url                    text        NOT NULL,
    description            text        NOT NULL,
    -- NULL: every event type.
    event_types            text[],
    enabled                boolean     NOT NULL,
    disabled_reason        text,
    sealed_secret          bytea       NOT NULL,
    sealed_previous_secret bytea,
    previous_secret_until  timestamptz,
    consecutive_failures   integer     NOT NULL DEFAULT 0,
    failing_since          timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CONSTRAINT webhook_endpoints_pkey PRIMARY KEY (id)
);

-- One row per event (or ping) per endpoint. An event's delivery refers to its audit entry and
-- goes when the trail prunes it; a ping has none. A worker claims due rows with FOR UPDATE SKIP
-- LOCKED and leases them (locked_until), as the mail outbox does.
CREATE TABLE webhook_deliveries (
    id                   bigserial   NOT NULL,
    endpoint_id          uuid        NOT NULL,
    event_id             bigint,
    event_type           varchar(40) NOT NULL,
    -- The account the event is about: deliveries about one user go in order, per endpoint.
    user_id              uuid,
    status               varchar(16) NOT NULL DEFAULT 'pending',
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz NOT NULL,
    locked_until         timestamptz,
    last_response_status integer,
    last_error           text,
    last_attempt_at      timestamptz,
    created_at           timestamptz NOT NULL,
    finished_at          timestamptz,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_endpoint_fkey FOREIGN KEY (endpoint_id)
        REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_event_fkey FOREIGN KEY (event_id)
        REFERENCES audit_events (id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_status_check
        CHECK (status IN ('pending', 'delivered', 'abandoned')),
    CONSTRAINT webhook_deliveries_attempts_check CHECK (attempts >= 0)
);

-- An endpoint's history, newest first.
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);
-- The foreign key's lookups when the audit trail is pruned.
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

-- [jooq ignore start]
-- The claim scans pending rows in due order; the order rule looks for an earlier pending row of
-- the same endpoint and user.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, user_id, id)
    WHERE status = 'pending';

-- Every audit entry is queued for each enabled endpoint that receives its type, in the
-- transaction that inserts the entry: whoever writes the trail (a change's transaction, the
-- audit trail, events recorded after an outage) cannot forget the webhooks, and a rolled-back
-- change queues nothing. Times are the event's, from the service's clock.
CREATE FUNCTION webhook_deliveries_fan_out() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, user_id, next_attempt_at,
                                    created_at)
    SELECT e.id, NEW.id, NEW.type, NEW.user_id, NEW.occurred_at, NEW.occurred_at
      FROM webhook_endpoints e
     WHERE e.enabled AND (e.event_types IS NULL OR NEW.type = ANY (e.event_types));
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit_events_webhooks AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION webhook_deliveries_fan_out();
-- [jooq ignore stop]

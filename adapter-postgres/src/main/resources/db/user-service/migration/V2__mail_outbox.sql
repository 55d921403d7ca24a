-- Mail waiting to be delivered. Use cases insert and return; a worker claims due rows with
-- FOR UPDATE SKIP LOCKED, leases them (locked_until) and records the outcome.
CREATE TABLE mail_outbox (
    id              bigserial    NOT NULL,
    recipient       varchar(254) NOT NULL,
    subject         text         NOT NULL,
    text_body       text         NOT NULL,
    html_body       text         NOT NULL,
    status          varchar(16)  NOT NULL DEFAULT 'pending',
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz  NOT NULL,
    sent_at         timestamptz,
    CONSTRAINT mail_outbox_pkey PRIMARY KEY (id),
    CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'abandoned')),
    CONSTRAINT mail_outbox_attempts_check CHECK (attempts >= 0),
    CONSTRAINT mail_outbox_sent_check CHECK (status <> 'sent' OR sent_at IS NOT NULL)
);

-- [jooq ignore start]
-- The claim query scans pending rows in due order; sent and abandoned rows never enter it.
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id)
    WHERE status = 'pending';
-- [jooq ignore stop]

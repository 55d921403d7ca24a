-- Registered OAuth clients (service accounts) for the client_credentials grant. The secret is
-- kept only as its keyed hash (HMAC-SHA-256 under the server secret, lower-case hex); the scopes
-- an administrator allowed are space-delimited, sorted, as OAuth writes them (RFC 6749 §3.3).
-- created_by has no foreign key: a client outlives the administrator who registered it.
CREATE TABLE oauth_clients (
    id          varchar(64)   NOT NULL,
    name        varchar(100)  NOT NULL,
    scope       text          NOT NULL,
    secret_hash varchar(64)   NOT NULL,
    created_at  timestamptz   NOT NULL,
    created_by  uuid,
    CONSTRAINT oauth_clients_pkey PRIMARY KEY (id),
    -- The first-party client's id, which users' tokens carry, is never a registered client's.
    CONSTRAINT oauth_clients_id_check CHECK (id <> 'user-service')
);

-- Newest first, ties broken by id.
CREATE INDEX oauth_clients_created_at_id_idx ON oauth_clients (created_at DESC, id DESC);

-- A registered client that authenticated is an event's actor of its own kind; its id is in the
-- event's details.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_kind_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_kind_check
    CHECK (actor_kind IN ('self', 'admin', 'system', 'anonymous', 'client'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_check
    CHECK ((actor_id IS NULL) = (actor_kind IN ('system', 'anonymous', 'client')));

-- Suspension: an administrator disables an account (status 'disabled', with an optional reason)
-- and may enable it again. Existing accounts are active.
ALTER TABLE users ADD COLUMN status varchar(16) NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN status_reason varchar(200);
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled'));
ALTER TABLE users ADD CONSTRAINT users_status_reason_check
    CHECK (status_reason IS NULL OR status = 'disabled');

-- [jooq ignore start]
-- Disabled accounts are rare: the list filtered by status=disabled gets its own ordered index,
-- like the other rare filter values (V1); status=active uses the main one.
CREATE INDEX users_disabled_created_at_id_idx ON users (created_at DESC, id DESC)
    WHERE status = 'disabled';
-- [jooq ignore stop]

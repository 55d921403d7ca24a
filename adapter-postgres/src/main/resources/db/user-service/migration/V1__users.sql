-- Accounts. Emails arrive trimmed and lower-cased from the domain, so a plain varchar with a
-- unique constraint gives case-insensitive uniqueness (citext would not: pgjdbc binds strings
-- as varchar, and citext = varchar compares case-sensitively).
CREATE TABLE users (
    id                uuid         NOT NULL,
    email             varchar(254) NOT NULL,
    first_name        varchar(50),
    last_name         varchar(50),
    password_hash     text         NOT NULL,
    role              varchar(16)  NOT NULL,
    email_verified_at timestamptz,
    ever_verified     boolean      NOT NULL DEFAULT false,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL DEFAULT 0,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (role IN ('USER', 'ADMIN')),
    CONSTRAINT users_verified_check CHECK (email_verified_at IS NULL OR ever_verified),
    CONSTRAINT users_version_check CHECK (version >= 0)
);

-- The admin list: newest first, ties broken by id; a keyset page is one index range scan.
CREATE INDEX users_created_at_id_idx ON users (created_at DESC, id DESC);

-- [jooq ignore start]
-- Rare values of the list filters get their own ordered index, so a filtered page stops after
-- "limit" rows instead of skipping the majority; common values (USER, verified) use the one above.
-- The admin index also serves anyAdmin() and the lock taken before demoting or deleting an admin.
CREATE INDEX users_admins_created_at_id_idx ON users (created_at DESC, id DESC)
    WHERE role = 'ADMIN';
CREATE INDEX users_unverified_created_at_id_idx ON users (created_at DESC, id DESC)
    WHERE email_verified_at IS NULL;

-- The purge: DELETE ... WHERE NOT ever_verified AND created_at < cutoff.
CREATE INDEX users_never_verified_created_at_idx ON users (created_at)
    WHERE NOT ever_verified;

-- The email substring filter (ILIKE '%...%') on a large table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
-- [jooq ignore stop]

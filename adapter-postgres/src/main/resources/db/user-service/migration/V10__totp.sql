-- A second factor: the account's time-based one-time password (RFC 6238) and its recovery codes.
-- totp_secret is the shared secret sealed with AES-GCM under the server secret, bound to the
-- account's id (never stored in clear); totp_confirmed_at is null while the owner is enrolling,
-- set once they proved their authenticator holds the secret: only then do logins need it.
-- recovery_codes lists the keyed hashes (hex) of the unused recovery codes, separated by spaces.
ALTER TABLE users ADD COLUMN totp_secret bytea;
ALTER TABLE users ADD COLUMN totp_confirmed_at timestamptz;
ALTER TABLE users ADD COLUMN recovery_codes text;
ALTER TABLE users ADD CONSTRAINT users_totp_check
    CHECK ((totp_confirmed_at IS NULL AND recovery_codes IS NULL) OR totp_secret IS NOT NULL);

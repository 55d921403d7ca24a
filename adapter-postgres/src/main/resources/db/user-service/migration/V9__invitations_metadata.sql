-- Invitations: an administrator creates the account and mails its owner a code to set the
-- password. invited_until is when the pending invitation expires (NULL: none pending); it is
-- cleared when the email is verified. Until it has passed by the unverified-account lifetime, the
-- purge of never-verified accounts leaves the account alone, so an expired invitation can still be
-- sent again.
ALTER TABLE users ADD COLUMN invited_until timestamptz;
ALTER TABLE users ADD CONSTRAINT users_invitation_check
    CHECK (invited_until IS NULL OR email_verified_at IS NULL);

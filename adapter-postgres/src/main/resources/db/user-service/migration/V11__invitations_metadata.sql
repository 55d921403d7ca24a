-- Invitations: an administrator creates the account and mails its owner a code to set the
-- password. invited_until is when the pending invitation expires (NULL: none pending); it is
-- cleared when the email is verified. Until it has passed by the unverified-account lifetime, the
-- purge of never-verified accounts leaves the account alone, so an expired invitation can still be
-- sent again.
ALTER TABLE users ADD COLUMN invited_until timestamptz;
ALTER TABLE users ADD CONSTRAINT users_invitation_check
    CHECK (invited_until IS NULL OR email_verified_at IS NULL);

-- Custom attributes: metadata the owner may edit, app_metadata only administrators (and trusted
-- code) write. Each a JSON object; the service keeps them within 4 KiB and five levels of
-- nesting (dev.userservice.domain.Metadata) and reads them back in its canonical form.
ALTER TABLE users ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN app_metadata jsonb NOT NULL DEFAULT '{}';
ALTER TABLE users ADD CONSTRAINT users_metadata_check CHECK (jsonb_typeof(metadata) = 'object');
ALTER TABLE users ADD CONSTRAINT users_app_metadata_check
    CHECK (jsonb_typeof(app_metadata) = 'object');

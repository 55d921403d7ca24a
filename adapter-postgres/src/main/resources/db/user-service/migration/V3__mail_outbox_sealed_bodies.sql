-- Letters carry one-time codes. While a letter waits, its bodies are kept only sealed
-- (sealed_body: AES-GCM under a key derived from SECRET_KEY_FILE, bound to recipient and
-- subject); once it is sent or abandoned they are forgotten, and finished rows are deleted
-- MAIL_RETENTION after finished_at. A letter past expires_at (its code expired) is never sent.
ALTER TABLE mail_outbox ADD COLUMN sealed_body bytea;
ALTER TABLE mail_outbox ADD COLUMN expires_at timestamptz;
ALTER TABLE mail_outbox ADD COLUMN finished_at timestamptz;
ALTER TABLE mail_outbox ALTER COLUMN text_body DROP NOT NULL;
ALTER TABLE mail_outbox ALTER COLUMN html_body DROP NOT NULL;

-- [jooq ignore start]
-- Rows written before this migration hold their bodies in clear: those already sent or abandoned
-- forget them now; a pending one is sent as it is, then forgets them like any other.
UPDATE mail_outbox
   SET text_body = NULL, html_body = NULL, finished_at = COALESCE(sent_at, next_attempt_at)
 WHERE status <> 'pending';

ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_finished_check
    CHECK (status = 'pending' OR finished_at IS NOT NULL);
-- What the database itself guarantees: a finished letter keeps no body, sealed or clear.
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_finished_blank_check
    CHECK (status = 'pending'
           OR (sealed_body IS NULL AND text_body IS NULL AND html_body IS NULL));

-- The prune: DELETE ... WHERE status <> 'pending' AND finished_at < cutoff.
CREATE INDEX mail_outbox_finished_idx ON mail_outbox (finished_at)
    WHERE status <> 'pending';
-- [jooq ignore stop]

-- The language of an account's letters: a BCP 47 tag in canonical case (en, ru, pt-BR), at most
-- 35 characters (RFC 5646's recommended minimum buffer). Which tags are valid depends on the
-- templates the service runs with, so the domain checks them, not a constraint. Accounts that
-- existed before get English, the language every letter was in until now.
ALTER TABLE users ADD COLUMN locale varchar(35) NOT NULL DEFAULT 'en';

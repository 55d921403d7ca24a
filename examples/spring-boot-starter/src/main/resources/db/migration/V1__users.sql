-- The shop's own users, which it had before it added the user service.
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL
);

INSERT INTO users (login, display_name) VALUES ('legacy', 'A customer from before');

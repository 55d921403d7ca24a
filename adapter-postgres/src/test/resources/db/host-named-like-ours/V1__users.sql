-- A host application's own first migration, named as ours is (V1__users.sql), as many are.
CREATE TABLE users (
    id    bigint PRIMARY KEY,
    login text   NOT NULL
);
INSERT INTO users (id, login) VALUES (1, 'host-user');

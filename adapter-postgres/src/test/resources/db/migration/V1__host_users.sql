-- A host application's own migration, in the folder every Spring Boot application uses, with a
-- table named as ours: the service's migrations must neither run it nor touch its table.
CREATE TABLE users (
    id    bigint PRIMARY KEY,
    login text   NOT NULL
);
INSERT INTO users (id, login) VALUES (1, 'host-user');

-- GET /users?app_metadata[key]=value finds users by containment (app_metadata @> {"key": value}),
-- which this index serves; jsonb_path_ops indexes values only, smaller than the default operator
-- class and enough for @>.
-- [jooq ignore start]
CREATE INDEX users_app_metadata_idx ON users USING gin (app_metadata jsonb_path_ops);
-- [jooq ignore stop]

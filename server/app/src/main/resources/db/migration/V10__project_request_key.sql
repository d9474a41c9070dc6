-- The Idempotency-Key a researcher sent with the request that created a project: the same request sent again (its
-- response lost, or a 503 after the insert committed) returns that project instead of creating a second one.
alter table project add column request_key text;
create unique index project_request_key on project (owner_id, request_key) where request_key is not null;

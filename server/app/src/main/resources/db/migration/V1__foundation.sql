-- Attention Flow: the first slice. PostgreSQL is the truth; Redis holds only what can be rebuilt from here.

create table server_secret (
    id         smallint primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null default now()
);

create table researcher (
    id         bigserial primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

create table player (
    id         bigserial primary key,
    name       text        not null,
    guest      boolean     not null default true,
    points     bigint      not null default 0,
    answers    integer     not null default 0,
    created_at timestamptz not null default now()
);

-- Bearer tokens, stored as SHA-256 so a database leak does not leak credentials.
create table credential (
    token_hash bytea primary key,
    role       text   not null check (role in ('admin', 'researcher', 'player')),
    subject_id bigint not null
);

create table project (
    id                bigserial primary key,
    owner_id          bigint           not null references researcher (id),
    name              text             not null,
    game_type         text             not null,
    labels            text[]           not null,
    min_answers       integer          not null check (min_answers >= 1),
    max_answers       integer          not null check (max_answers >= min_answers),
    target_confidence double precision not null check (target_confidence > 0 and target_confidence <= 1),
    gold_rate         double precision not null check (gold_rate >= 0 and gold_rate <= 1),
    method            text             not null,
    status            text             not null check (status in ('draft', 'active', 'paused', 'completed')),
    created_at        timestamptz      not null default now()
);

create table item (
    id           bigserial primary key,
    project_id   bigint  not null references project (id) on delete cascade,
    external_id  text    not null,
    fields       jsonb   not null,
    gold         text,
    answer_count integer not null default 0,
    retired      boolean not null default false,
    unique (project_id, external_id)
);
create index item_open on item (project_id) where not retired;

-- One row per submitted round: makes a round token single-use and a re-sent submission idempotent.
create table round_submission (
    round_id     uuid primary key,
    project_id   bigint      not null references project (id) on delete cascade,
    player_id    bigint      not null references player (id),
    request_hash bytea       not null,
    response     jsonb       not null,
    submitted_at timestamptz not null default now()
);

create table answer (
    id          bigserial primary key,
    project_id  bigint      not null references project (id) on delete cascade,
    item_id     bigint      not null references item (id) on delete cascade,
    player_id   bigint      not null references player (id),
    round_id    uuid        not null,
    label       text        not null,
    created_at  timestamptz not null default now(),
    unique (item_id, player_id)
);
create index answer_by_project on answer (project_id, id);

-- Output agreement (Tag match): every word typed is kept (so a partner who leaves loses nothing, and later
-- players can be paired with a recorded partner); matches per round; agreed tags per item.

create table tag_word (
    id         bigserial primary key,
    round_id   uuid        not null,
    item_id    bigint      not null references item (id) on delete cascade,
    player_id  bigint      not null references player (id),
    word       text        not null,
    word_key   text        not null,
    created_at timestamptz not null default now()
);
create index tag_word_by_item on tag_word (item_id, id);

create table round_match (
    round_id uuid   not null,
    item_id  bigint not null references item (id) on delete cascade,
    tag      text   not null,
    primary key (round_id, item_id, tag)
);

create table item_tag (
    item_id    bigint  not null references item (id) on delete cascade,
    tag        text    not null,
    agreements integer not null,
    primary key (item_id, tag)
);

-- AI helpers' suggestions per item; players' streaks of right gold answers and sign-up credentials.

alter table item add column ai_answer text;
alter table item add column ai_confidence double precision;

alter table player add column streak integer not null default 0;
alter table player add column best_streak integer not null default 0;
alter table player add column password_hash text;
create unique index player_registered_name on player (lower(name)) where not guest;

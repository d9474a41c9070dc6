-- Item posteriors and worker reliability for retirement and allocation; allocation policy per project;
-- objective values of structured answers.

alter table item add column posterior double precision[];
alter table item add column confidence double precision not null default 0;

alter table project add column policy text not null default 'need' check (policy in ('need', 'breadth', 'fixed', 'random'));

alter table answer add column objective double precision;

-- One-coin accuracy of each player per project, from the last full re-estimation.
create table player_reliability (
    project_id bigint           not null references project (id) on delete cascade,
    player_id  bigint           not null references player (id),
    accuracy   double precision not null check (accuracy >= 0 and accuracy <= 1),
    answers    integer          not null,
    primary key (project_id, player_id)
);

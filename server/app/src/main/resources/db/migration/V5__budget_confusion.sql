-- A project's answer budget: once this many answers are spent, nothing more is served (null: no budget).
alter table project add column answer_budget bigint check (answer_budget > 0);

-- Each player's confusion matrix (row = true label, column = given label, flattened) from the last full
-- re-estimation, for matching players to the items where their answers tell most.
alter table player_reliability add column confusion double precision[];

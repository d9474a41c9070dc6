-- Answers recorded against a project's answer budget, kept by the answer transactions of projects that have one, so
-- that PostgreSQL itself refuses answers beyond it. Claims in Redis cut rounds to what is left of the budget, but a
-- lost and rebuilt index forgets the rounds that were in flight, and their answers still arrive.
alter table project add column budget_spent bigint not null default 0;
update project p set budget_spent = (select count(*) from answer a where a.project_id = p.id) where p.answer_budget is not null;

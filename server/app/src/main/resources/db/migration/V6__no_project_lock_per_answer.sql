-- Every answer and every round submission checked its project foreign key, which takes a share lock on the one
-- project row; with many rounds committing at once, PostgreSQL then builds a multixact of all their lockers for
-- each new one (measured under load: multixact pages written continuously, CPU in PostgreSQL rising with the
-- players). The project is already fixed through the item: answer.item_id references item, whose project_id
-- references project, and the answer path stores the item's own project id. Deleting a project still removes
-- its answers through the item (the server deletes no project; if it ever does, it deletes the round
-- submissions too).
alter table answer drop constraint answer_project_id_fkey;
alter table round_submission drop constraint round_submission_project_id_fkey;

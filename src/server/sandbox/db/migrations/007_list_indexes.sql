-- Indexes that hand the long lists their rows already in page order, so a deep ordinal page
-- (LIMIT ... OFFSET 90000) steps over narrow index entries instead of whole table rows or a sort.
-- Finding a page's ids reads the table for no column but calendar_visible (see below); only the
-- page's own rows are loaded afterwards.

-- GET /accounts/:id/courses in Canvas's default order (id), over the courses that are not deleted
-- (the default state filter), with the state, term and account filters answered from the index.
CREATE INDEX courses_live_by_id
  ON courses(root_account_id, id, workflow_state, enrollment_term_id, account_id)
  WHERE workflow_state <> 'deleted';

-- GET /accounts/:id/sub_accounts?recursive=true: level by level, by id within a level.
CREATE INDEX accounts_by_depth ON accounts(depth, id, path, workflow_state);

-- The account calendar lists, by name then id, with the subtree and state filters answered from the
-- index. It starts as accounts_name did, which it replaces. calendar_visible stays out of every
-- index: a bulk visibility update of 1,000 calendars would have to move 1,000 index entries too,
-- which measured as twice the cost of the update itself.
CREATE INDEX accounts_by_name ON accounts(name COLLATE NOCASE, id, path, workflow_state);
DROP INDEX accounts_name;

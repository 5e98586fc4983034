-- Account reports: Canvas's account_reports (one row per run) and the attachments their files
-- become. The bytes live on disk next to the database (`<db file>.files/`), named by
-- attachments.storage_path. Self-contained: depends on nothing after 001.
--
-- Unlike the tenant tables, report timestamps are stored as full ISO 8601 UTC with milliseconds
-- (`2024-03-05T17:04:11.123Z`): `run_time` is a fractional number of seconds, and the serializer
-- formats every timestamp in the caller's zone anyway.

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id), -- the context, as Canvas's report files
  user_id INTEGER REFERENCES users(id), -- who ran the report
  uuid TEXT NOT NULL UNIQUE, -- also the download `verifier`
  display_name TEXT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  storage_path TEXT NOT NULL, -- relative to the files directory
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX attachments_account ON attachments(account_id);

CREATE TABLE account_reports (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  report_type TEXT NOT NULL,
  workflow_state TEXT NOT NULL DEFAULT 'created'
    CHECK (workflow_state IN ('created', 'running', 'compiling', 'complete', 'error', 'aborted', 'deleted')),
  progress INTEGER NOT NULL DEFAULT 0,
  current_line INTEGER,
  parameters TEXT NOT NULL DEFAULT '{}', -- JSON object, as submitted plus locale/extra_text
  message TEXT,
  attachment_id INTEGER REFERENCES attachments(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  started_at TEXT,
  ended_at TEXT
);
CREATE INDEX account_reports_history ON account_reports(account_id, report_type, created_at);
CREATE INDEX account_reports_state ON account_reports(workflow_state);

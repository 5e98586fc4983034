-- The tenant: one root account with its tree, terms, courses, users, enrollments, roles and
-- admins. Timestamps are ISO 8601 UTC strings with whole seconds ('2025-08-25T06:00:00Z'),
-- exactly as Canvas serializes them, so serializers pass them through unchanged.

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  parent_account_id INTEGER REFERENCES accounts(id),
  root_account_id INTEGER REFERENCES accounts(id), -- NULL for a root account
  -- Materialized path of ids, '/1/' for the root and '/1/5/23/' for a grandchild, so that a
  -- subtree is one indexed range scan (path >= '/1/5/' AND path < '/1/50').
  path TEXT NOT NULL,
  depth INTEGER NOT NULL,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'deleted')),
  sis_account_id TEXT,
  integration_id TEXT,
  sis_import_id INTEGER,
  lti_guid TEXT NOT NULL,
  default_time_zone TEXT, -- NULL inherits the root's zone
  default_storage_quota_mb INTEGER NOT NULL DEFAULT 500,
  default_user_storage_quota_mb INTEGER NOT NULL DEFAULT 50,
  default_group_storage_quota_mb INTEGER NOT NULL DEFAULT 50,
  course_template_id INTEGER,
  settings TEXT NOT NULL DEFAULT '{}', -- JSON: the account settings Canvas exposes
  services TEXT NOT NULL DEFAULT '{}', -- JSON: {service: boolean}
  calendar_visible INTEGER NOT NULL DEFAULT 0,
  calendar_auto_subscribe INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX accounts_parent ON accounts(parent_account_id, workflow_state);
CREATE INDEX accounts_path ON accounts(path);
CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE);
CREATE UNIQUE INDEX accounts_sis ON accounts(root_account_id, sis_account_id) WHERE sis_account_id IS NOT NULL;

CREATE TABLE enrollment_terms (
  id INTEGER PRIMARY KEY,
  root_account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  sis_term_id TEXT,
  start_at TEXT,
  end_at TEXT,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'deleted')),
  grading_period_group_id INTEGER,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX enrollment_terms_sis ON enrollment_terms(root_account_id, sis_term_id) WHERE sis_term_id IS NOT NULL;

CREATE TABLE courses (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  course_code TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  root_account_id INTEGER NOT NULL REFERENCES accounts(id),
  enrollment_term_id INTEGER NOT NULL REFERENCES enrollment_terms(id),
  uuid TEXT NOT NULL UNIQUE,
  sis_course_id TEXT,
  integration_id TEXT,
  sis_import_id INTEGER,
  -- Canvas's model states; the API shows created/claimed as 'unpublished'.
  workflow_state TEXT NOT NULL CHECK (workflow_state IN ('created', 'claimed', 'available', 'completed', 'deleted')),
  start_at TEXT,
  conclude_at TEXT,
  restrict_enrollments_to_course_dates INTEGER NOT NULL DEFAULT 0,
  is_public INTEGER NOT NULL DEFAULT 0,
  is_public_to_auth_users INTEGER NOT NULL DEFAULT 0,
  public_syllabus INTEGER NOT NULL DEFAULT 0,
  public_syllabus_to_auth INTEGER NOT NULL DEFAULT 0,
  blueprint INTEGER NOT NULL DEFAULT 0,
  blueprint_associated INTEGER NOT NULL DEFAULT 0,
  homeroom_course INTEGER NOT NULL DEFAULT 0,
  template INTEGER NOT NULL DEFAULT 0,
  default_view TEXT NOT NULL DEFAULT 'modules',
  time_zone TEXT,
  license TEXT,
  storage_quota_mb INTEGER NOT NULL DEFAULT 500,
  storage_quota_used_mb REAL NOT NULL DEFAULT 0,
  syllabus_body TEXT,
  course_format TEXT,
  grading_standard_id INTEGER,
  grade_passback_setting TEXT,
  course_color TEXT,
  friendly_name TEXT,
  apply_assignment_group_weights INTEGER NOT NULL DEFAULT 0,
  hide_final_grades INTEGER NOT NULL DEFAULT 0,
  post_manually INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX courses_account ON courses(account_id, workflow_state);
CREATE INDEX courses_term ON courses(enrollment_term_id);
CREATE INDEX courses_name ON courses(name COLLATE NOCASE);
CREATE UNIQUE INDEX courses_sis ON courses(root_account_id, sis_course_id) WHERE sis_course_id IS NOT NULL;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sortable_name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  email TEXT,
  workflow_state TEXT NOT NULL DEFAULT 'registered' CHECK (workflow_state IN ('pre_registered', 'registered', 'deleted')),
  time_zone TEXT,
  locale TEXT,
  pronouns TEXT,
  last_login TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_sortable_name ON users(sortable_name COLLATE NOCASE);

-- Logins. A user belongs to a root account through an active pseudonym there.
CREATE TABLE pseudonyms (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id), -- the root account
  unique_id TEXT NOT NULL,
  sis_user_id TEXT,
  integration_id TEXT,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'suspended', 'deleted')),
  created_at TEXT NOT NULL
);
CREATE INDEX pseudonyms_user ON pseudonyms(user_id);
CREATE UNIQUE INDEX pseudonyms_login ON pseudonyms(account_id, unique_id COLLATE NOCASE) WHERE workflow_state <> 'deleted';
CREATE UNIQUE INDEX pseudonyms_sis ON pseudonyms(account_id, sis_user_id) WHERE sis_user_id IS NOT NULL AND workflow_state <> 'deleted';

CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  base_role_type TEXT NOT NULL,
  workflow_state TEXT NOT NULL CHECK (workflow_state IN ('built_in', 'active', 'inactive', 'deleted')),
  account_id INTEGER REFERENCES accounts(id), -- NULL for built-in roles
  root_account_id INTEGER NOT NULL REFERENCES accounts(id),
  permissions TEXT NOT NULL DEFAULT '{}', -- JSON {permission: boolean}, for custom account roles
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  course_id INTEGER NOT NULL REFERENCES courses(id),
  type TEXT NOT NULL CHECK (type IN ('StudentEnrollment', 'TeacherEnrollment', 'TaEnrollment', 'DesignerEnrollment', 'ObserverEnrollment')),
  role_id INTEGER NOT NULL REFERENCES roles(id),
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'invited', 'creation_pending', 'completed', 'inactive', 'rejected', 'deleted')),
  created_at TEXT NOT NULL
);
CREATE INDEX enrollments_course ON enrollments(course_id, type, workflow_state);
CREATE INDEX enrollments_user ON enrollments(user_id);
CREATE INDEX enrollments_course_members ON enrollments(course_id, workflow_state, user_id);

-- Account admins (Canvas's account_users).
CREATE TABLE account_users (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role_id INTEGER NOT NULL REFERENCES roles(id),
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'deleted')),
  created_at TEXT NOT NULL
);
CREATE INDEX account_users_user ON account_users(user_id, workflow_state);
CREATE INDEX account_users_account ON account_users(account_id);

CREATE TABLE terms_of_service (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
  terms_type TEXT NOT NULL CHECK (terms_type IN ('default', 'custom', 'no_terms')),
  passive INTEGER NOT NULL DEFAULT 1,
  content TEXT
);

-- API access tokens. Only an HMAC of the token is stored (see http/auth.ts).
CREATE TABLE access_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  token_hint TEXT NOT NULL,
  purpose TEXT,
  scopes TEXT NOT NULL DEFAULT '[]', -- JSON array of 'url:GET|/api/v1/...'
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'pending', 'deleted')),
  expires_at TEXT,
  last_used_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX access_tokens_user ON access_tokens(user_id);

-- Browser sessions of the dashboard (sandbox mode): which demo user each cookie acts as.
CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);

-- Per-database secrets and facts (the HMAC key that hashes tokens, the scale generated).
CREATE TABLE sandbox_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

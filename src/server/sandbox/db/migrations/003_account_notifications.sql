-- Account notifications (global announcements): Canvas's account_notifications, their role
-- targeting (account_notification_roles) and each user's closed ones (the closed_notifications
-- user preference). Timestamps in Canvas's output format, as everywhere in the sandbox.

CREATE TABLE account_notifications (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  user_id INTEGER REFERENCES users(id), -- the author
  subject TEXT NOT NULL,
  message TEXT NOT NULL, -- sanitized HTML
  icon TEXT NOT NULL DEFAULT 'warning',
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  -- Stored as sent but not serialized, as on Canvas; the sandbox neither mails nor runs surveys.
  send_message INTEGER NOT NULL DEFAULT 0,
  required_account_service TEXT,
  months_in_display_cycle INTEGER,
  domain_specific INTEGER NOT NULL DEFAULT 0,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'deleted')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX account_notifications_account ON account_notifications(account_id, workflow_state, start_at);

-- One row per targeted role; role_id NULL is the NilEnrollment pseudo-role (users without
-- enrollments). A notification without rows is for everyone.
CREATE TABLE account_notification_roles (
  id INTEGER PRIMARY KEY,
  account_notification_id INTEGER NOT NULL REFERENCES account_notifications(id) ON DELETE CASCADE,
  role_id INTEGER REFERENCES roles(id)
);
CREATE INDEX account_notification_roles_notification ON account_notification_roles(account_notification_id);

-- Notifications a user dismissed for themselves.
CREATE TABLE closed_account_notifications (
  user_id INTEGER NOT NULL REFERENCES users(id),
  account_notification_id INTEGER NOT NULL REFERENCES account_notifications(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, account_notification_id)
) WITHOUT ROWID;

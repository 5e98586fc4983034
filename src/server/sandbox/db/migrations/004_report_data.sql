-- What account reports read that the first migrations did not keep: course sections, enrollment
-- and login activity, and which rows an SIS import created (Canvas's sis_batch_id).

-- Canvas's course_sections. Every course has its default section, named after the course when the
-- course is made; the sandbox does not cross-list, so nonxlist_course_id stays NULL.
CREATE TABLE course_sections (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id),
  root_account_id INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  sis_source_id TEXT,
  integration_id TEXT,
  sis_batch_id INTEGER,
  workflow_state TEXT NOT NULL DEFAULT 'active' CHECK (workflow_state IN ('active', 'deleted')),
  default_section INTEGER NOT NULL DEFAULT 0,
  start_at TEXT,
  end_at TEXT,
  restrict_enrollments_to_section_dates INTEGER NOT NULL DEFAULT 0,
  nonxlist_course_id INTEGER REFERENCES courses(id),
  created_at TEXT NOT NULL
);
CREATE INDEX course_sections_course ON course_sections(course_id, default_section);
CREATE UNIQUE INDEX course_sections_sis ON course_sections(root_account_id, sis_source_id) WHERE sis_source_id IS NOT NULL;

-- An SIS-created course's default section carries the course's SIS id, as the registrar's feed
-- sends one section per course.
INSERT INTO course_sections (course_id, root_account_id, name, sis_source_id, sis_batch_id, default_section, created_at)
SELECT id, root_account_id, name, sis_course_id, sis_import_id, 1, created_at FROM courses ORDER BY id;

-- Courses made after this migration (the generator's, the course-create endpoint's) get theirs too.
CREATE TRIGGER courses_default_section AFTER INSERT ON courses
BEGIN
  INSERT INTO course_sections (course_id, root_account_id, name, sis_source_id, sis_batch_id, default_section, created_at)
  VALUES (NEW.id, NEW.root_account_id, NEW.name, NEW.sis_course_id, NEW.sis_import_id, 1, NEW.created_at);
END;

ALTER TABLE enrollments ADD COLUMN course_section_id INTEGER REFERENCES course_sections(id);
-- Canvas's enrollments.last_activity_at: the last time the user did something in the course.
ALTER TABLE enrollments ADD COLUMN last_activity_at TEXT;
ALTER TABLE enrollments ADD COLUMN sis_batch_id INTEGER;

UPDATE enrollments SET course_section_id = (
  SELECT s.id FROM course_sections s WHERE s.course_id = enrollments.course_id AND s.default_section = 1
);

-- An enrollment added without a section lands in the course's default section, as in Canvas.
CREATE TRIGGER enrollments_default_section AFTER INSERT ON enrollments WHEN NEW.course_section_id IS NULL
BEGIN
  UPDATE enrollments SET course_section_id = (
    SELECT s.id FROM course_sections s WHERE s.course_id = NEW.course_id AND s.default_section = 1
  ) WHERE id = NEW.id;
END;

-- Canvas's pseudonyms.last_request_at (the last page or API request) and current_login_ip.
ALTER TABLE pseudonyms ADD COLUMN last_request_at TEXT;
ALTER TABLE pseudonyms ADD COLUMN current_login_ip TEXT;
ALTER TABLE pseudonyms ADD COLUMN sis_batch_id INTEGER;
ALTER TABLE enrollment_terms ADD COLUMN sis_batch_id INTEGER;
ALTER TABLE account_users ADD COLUMN sis_batch_id INTEGER;

-- Existing tenants: activity derived deterministically from what they already hold. Requests follow
-- the last login by up to ~3 hours; campus addresses come from the login id.
UPDATE pseudonyms SET
  last_request_at = (
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', u.last_login, '+' || ((pseudonyms.id * 7919) % 10800) || ' seconds')
    FROM users u WHERE u.id = pseudonyms.user_id AND u.last_login IS NOT NULL
  ),
  current_login_ip = (
    SELECT '10.' || (16 + pseudonyms.id % 16) || '.' || ((pseudonyms.id / 16) % 256) || '.' || (1 + (pseudonyms.id * 31) % 254)
    FROM users u WHERE u.id = pseudonyms.user_id AND u.last_login IS NOT NULL
  );
-- Active enrollments in running or finished courses: most have some activity before the user's last
-- request; about one in eight never opened the course.
UPDATE enrollments SET last_activity_at = (
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', p.last_request_at, '-' || ((enrollments.id * 104729) % 1209600) || ' seconds')
  FROM pseudonyms p
  WHERE p.user_id = enrollments.user_id AND p.last_request_at IS NOT NULL AND p.last_request_at > enrollments.created_at
  ORDER BY p.id LIMIT 1
)
WHERE workflow_state IN ('active', 'completed') AND (enrollments.id * 2654435761) % 8 <> 0
  AND course_id IN (SELECT id FROM courses WHERE workflow_state IN ('available', 'completed'));

-- Rows with an SIS id came from the registrar's imports, except a few logins given SIS ids by hand.
-- Accounts and courses keep their sis_import_id as it is (their APIs already show it); the sections
-- and enrollments of a course with an SIS id came from the feed (observers are linked by hand).
UPDATE enrollment_terms SET sis_batch_id = 1 WHERE sis_term_id IS NOT NULL;
UPDATE pseudonyms SET sis_batch_id = 4 WHERE sis_user_id IS NOT NULL AND id % 29 <> 0;
UPDATE course_sections SET sis_batch_id = coalesce(sis_batch_id, 3) WHERE sis_source_id IS NOT NULL;
UPDATE enrollments SET sis_batch_id = 3
WHERE type <> 'ObserverEnrollment' AND course_id IN (SELECT id FROM courses WHERE sis_course_id IS NOT NULL);

-- The blueprint a course is associated with (Canvas's master_courses child subscription); existing
-- tenants link each associated course to the first live blueprint of the same title.
ALTER TABLE courses ADD COLUMN blueprint_course_id INTEGER REFERENCES courses(id);
CREATE INDEX blueprint_titles ON courses(blueprint, name);
UPDATE courses SET blueprint_course_id = (
  SELECT b.id FROM courses b
  WHERE b.blueprint = 1 AND b.workflow_state <> 'deleted' AND b.name = 'Blueprint: ' || courses.name
  ORDER BY b.id LIMIT 1
) WHERE blueprint_associated = 1;
DROP INDEX blueprint_titles;

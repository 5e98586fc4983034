import { NIL_ENROLLMENT_ROLE } from '../../../api/schemas/accountNotification.ts';
import { isoSeconds } from '../time.ts';
import { type Db, readMeta } from './connection.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Author = 'admin' | 'subadmin';
type Target = 'root' | 'demoCollege';

interface SeedNotification {
  target: Target;
  author: Author;
  subject: string;
  message: string;
  icon: 'warning' | 'information' | 'question' | 'error' | 'calendar';
  /** Offsets from the seeding time, in hours. */
  startHours: number;
  endHours: number;
  /** Role names (built-in or custom) or `NilEnrollment`; empty = everyone. */
  roles: string[];
}

/**
 * A term's worth of announcements around "now": current, scheduled, recently ended (within the
 * four months `include_past` reaches) and long gone; for everyone and for particular roles; at the
 * root and in the demo college, where the demo teacher and student have their courses.
 */
const SEED_NOTIFICATIONS: readonly SeedNotification[] = [
  {
    target: 'root',
    author: 'admin',
    subject: 'Scheduled maintenance: Canvas unavailable Saturday 02:00–04:00',
    message:
      '<p>Canvas will be <strong>unavailable on Saturday from 02:00 to 04:00</strong> (Mountain Time) while we apply a platform upgrade.</p><p>Please submit work due that morning before the window starts. Status updates: <a href="https://status.northfield.example.edu" target="_blank">status.northfield.example.edu</a>.</p>',
    icon: 'calendar',
    startHours: -2 * 24,
    endHours: 5 * 24,
    roles: [],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Course evaluations are open',
    message:
      '<p>Tell us about your courses this term. Evaluations are anonymous and take about five minutes per course.</p><ul><li>Open until the last day of classes</li><li>Find them under <em>Account → Course Evaluations</em></li></ul>',
    icon: 'information',
    startHours: -3 * 24,
    endHours: 10 * 24,
    roles: ['StudentEnrollment'],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Midterm grades due Friday at 17:00',
    message:
      '<p>Please post midterm grades for all undergraduate sections by <strong>Friday at 17:00</strong>. Grades post to the registrar automatically from the Canvas gradebook.</p>',
    icon: 'warning',
    startHours: -24,
    endHours: 4 * 24,
    roles: ['TeacherEnrollment', 'TaEnrollment', 'Grader'],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'New admin console training sessions',
    message:
      '<p>The LMS team runs 45-minute walkthroughs of the new account tools every Tuesday and Thursday. Reply to the calendar invitation to book a seat.</p>',
    icon: 'question',
    startHours: -6 * 24,
    endHours: 21 * 24,
    roles: ['AccountAdmin', 'Department Admin'],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Not seeing your courses yet?',
    message:
      '<p>Courses appear once your instructor publishes them and registration has synced, usually within a day of enrolling. Still missing after that? Contact the IT Service Desk.</p>',
    icon: 'question',
    startHours: -10 * 24,
    endHours: 30 * 24,
    roles: ['NilEnrollment'],
  },
  {
    target: 'demoCollege',
    author: 'subadmin',
    subject: 'Engineering Hall east entrance closed for renovation',
    message:
      '<p>The east entrance of Engineering Hall is closed until the end of the month. Use the north or west doors; labs on the ground floor are reachable through the west corridor.</p>',
    icon: 'information',
    startHours: -4 * 24,
    endHours: 18 * 24,
    roles: [],
  },
  {
    target: 'demoCollege',
    author: 'subadmin',
    subject: 'Engineering career fair next week',
    message:
      '<p>More than 60 employers are coming to the Engineering career fair. Bring printed copies of your résumé; the career centre reviews them on a walk-in basis until the day before.</p>',
    icon: 'calendar',
    startHours: 5 * 24,
    endHours: 12 * 24,
    roles: ['StudentEnrollment'],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Spring break: campus offices closed',
    message:
      '<p>Campus offices are closed during spring break. Canvas stays available; the IT Service Desk answers by chat only.</p>',
    icon: 'calendar',
    startHours: 14 * 24,
    endHours: 23 * 24,
    roles: [],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Resolved: login problems on Monday morning',
    message:
      '<p>Some users could not sign in on Monday between 08:10 and 09:25 because of a single sign-on outage. The issue is resolved; no coursework was lost.</p>',
    icon: 'error',
    startHours: -12 * 24,
    endHours: -11 * 24,
    roles: [],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Add/drop deadline',
    message: '<p>The last day to add or drop a course without a W grade is this Friday.</p>',
    icon: 'warning',
    startHours: -45 * 24,
    endHours: -38 * 24,
    roles: ['StudentEnrollment'],
  },
  {
    target: 'root',
    author: 'admin',
    subject: 'Welcome to the new term',
    message:
      '<p>Welcome back! Check that your courses are listed on your dashboard and update your notification preferences.</p>',
    icon: 'information',
    startHours: -200 * 24,
    endHours: -185 * 24,
    roles: [],
  },
];

function metaId(db: Db, key: string): number {
  const value = readMeta(db, key);
  if (!value) throw new Error(`seedAccountNotifications needs sandbox_meta ${key}; seed after the tenant`);
  return Number(value);
}

/**
 * Adds demo account notifications dated around `now` (the real clock: visibility is computed
 * against it). Needs a generated tenant (demo users and college in sandbox_meta, built-in and
 * custom roles). Returns the ids created.
 */
export function seedAccountNotifications(db: Db, now: Date): number[] {
  const rootRow = db
    .prepare('SELECT id FROM accounts WHERE parent_account_id IS NULL ORDER BY id LIMIT 1')
    .get() as { id: number } | undefined;
  if (!rootRow) throw new Error('seedAccountNotifications needs a generated tenant');
  const accounts: Record<Target, number> = {
    root: rootRow.id,
    demoCollege: metaId(db, 'demo_subadmin_account'),
  };
  const authors: Record<Author, number> = {
    admin: metaId(db, 'demo_user:admin'),
    subadmin: metaId(db, 'demo_user:subadmin'),
  };
  const roleIdByName = new Map(
    (
      db
        .prepare(
          `SELECT id, name FROM roles WHERE root_account_id = ? AND workflow_state IN ('built_in', 'active') ORDER BY id`,
        )
        .all(rootRow.id) as { id: number; name: string }[]
    ).map((role) => [role.name, role.id]),
  );
  // Whole hours read like times an admin would pick.
  const base = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const insertNotification = db.prepare(
    `INSERT INTO account_notifications (account_id, user_id, subject, message, icon, start_at, end_at,
       workflow_state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
  );
  const insertRole = db.prepare(
    'INSERT INTO account_notification_roles (account_notification_id, role_id) VALUES (?, ?)',
  );
  return db.transaction(() =>
    SEED_NOTIFICATIONS.map((seed) => {
      const startAt = isoSeconds(new Date(base + seed.startHours * HOUR_MS));
      // Written three days before it starts, but never later than now.
      const createdAt = isoSeconds(new Date(Math.min(base + seed.startHours * HOUR_MS - 3 * DAY_MS, base)));
      const { lastInsertRowid } = insertNotification.run(
        accounts[seed.target],
        authors[seed.author],
        seed.subject,
        seed.message,
        seed.icon,
        startAt,
        isoSeconds(new Date(base + seed.endHours * HOUR_MS)),
        createdAt,
        createdAt,
      );
      const id = Number(lastInsertRowid);
      for (const name of seed.roles) {
        const roleId = name === NIL_ENROLLMENT_ROLE ? null : roleIdByName.get(name);
        if (roleId === undefined) throw new Error(`seedAccountNotifications: no role ${name}`);
        insertRole.run(id, roleId);
      }
      return id;
    }),
  )();
}

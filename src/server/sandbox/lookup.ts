import type { Db } from './db/connection.ts';
import type { RequestContext } from './http/context.ts';
import { errors } from './http/errors.ts';

export interface AccountRow {
  id: number;
  name: string;
  uuid: string;
  parent_account_id: number | null;
  root_account_id: number | null;
  path: string;
  depth: number;
  workflow_state: 'active' | 'deleted';
  sis_account_id: string | null;
  integration_id: string | null;
  sis_import_id: number | null;
  lti_guid: string;
  default_time_zone: string | null;
  default_storage_quota_mb: number;
  default_user_storage_quota_mb: number;
  default_group_storage_quota_mb: number;
  course_template_id: number | null;
  settings: string;
  services: string;
  calendar_visible: number;
  calendar_auto_subscribe: number;
  created_at: string;
  updated_at: string;
}

/** The domain root account of the sandbox: the tenant has exactly one root. */
export function domainRootAccountId(db: Db): number {
  const row = db
    .prepare('SELECT id FROM accounts WHERE parent_account_id IS NULL ORDER BY id LIMIT 1')
    .get() as { id: number } | undefined;
  if (!row) throw new Error('The sandbox has no root account; run npm run sandbox:reset');
  return row.id;
}

/** `1~123` is Canvas's short global id: shard 1 is our only shard. */
function localId(text: string): number | undefined {
  const match = /^(?:\d+~)?(\d+)$/.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

function decodeHex(hex: string): string | undefined {
  return /^(?:[0-9a-f]{2})+$/i.test(hex) ? Buffer.from(hex, 'hex').toString('utf8') : undefined;
}

export interface AccountLookupOptions {
  /** Soft-deleted accounts resolve too (Canvas's `find_child` does; `Account.active` does not). */
  includeDeleted?: boolean;
}

/**
 * Resolves an account reference as Canvas's `api_find` does: numeric id, `1~id`, `self` and
 * `default` (the domain root), `sis_account_id:`, `sis_integration_id:`, `lti_context_id:`,
 * `uuid:`, and `hex:sis_...:`. Unknown → Canvas's 404.
 */
export function findAccount(db: Db, reference: string, options: AccountLookupOptions = {}): AccountRow {
  let ref = reference;
  const hex = /^hex:(sis_account_id|sis_integration_id):(.*)$/.exec(ref);
  if (hex?.[1] && hex[2] !== undefined) {
    const decoded = decodeHex(hex[2]);
    if (decoded === undefined) throw errors.notFound();
    ref = `${hex[1]}:${decoded}`;
  }
  let row: AccountRow | undefined;
  const byColumn = (column: string, value: string) =>
    db
      .prepare(`SELECT * FROM accounts WHERE ${column} = ? ORDER BY workflow_state = 'active' DESC LIMIT 1`)
      .get(value) as AccountRow | undefined;
  if (ref === 'self' || ref === 'default') row = byColumn('id', String(domainRootAccountId(db)));
  else if (ref.startsWith('sis_account_id:'))
    row = byColumn('sis_account_id', ref.slice('sis_account_id:'.length));
  else if (ref.startsWith('sis_integration_id:'))
    row = byColumn('integration_id', ref.slice('sis_integration_id:'.length));
  else if (ref.startsWith('lti_context_id:')) row = byColumn('lti_guid', ref.slice('lti_context_id:'.length));
  else if (ref.startsWith('uuid:')) row = byColumn('uuid', ref.slice('uuid:'.length));
  else {
    const id = localId(ref);
    if (id !== undefined) row = byColumn('id', String(id));
  }
  if (!row || (row.workflow_state === 'deleted' && !options.includeDeleted)) throw errors.notFound();
  return row;
}

/** The path account of a route (`:account_id` or `:id`), active only, as `get_context` loads it. */
export function pathAccount(ctx: RequestContext, name = 'account_id'): AccountRow {
  const reference = ctx.pathParams[name];
  if (reference === undefined) throw errors.notFound();
  return findAccount(ctx.db, reference);
}

export interface UserRow {
  id: number;
  name: string;
  sortable_name: string;
  short_name: string;
  uuid: string;
  email: string | null;
  workflow_state: 'pre_registered' | 'registered' | 'deleted';
  time_zone: string | null;
  locale: string | null;
  pronouns: string | null;
  last_login: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Resolves a user reference: numeric id, `self`, `sis_user_id:`, `sis_login_id:`
 * (case-insensitive), `sis_integration_id:`, `uuid:`.
 */
export function findUser(ctx: RequestContext, reference: string): UserRow {
  const { db } = ctx;
  let id: number | undefined;
  const viaLogin = (where: string, value: string) =>
    (
      db
        .prepare(`SELECT user_id FROM pseudonyms WHERE ${where} AND workflow_state <> 'deleted' LIMIT 1`)
        .get(value) as { user_id: number } | undefined
    )?.user_id;
  if (reference === 'self') id = ctx.requireUser().id;
  else if (reference.startsWith('sis_user_id:')) id = viaLogin('sis_user_id = ?', reference.slice(12));
  else if (reference.startsWith('sis_login_id:'))
    id = viaLogin('unique_id = ? COLLATE NOCASE', reference.slice('sis_login_id:'.length));
  else if (reference.startsWith('sis_integration_id:'))
    id = viaLogin('integration_id = ?', reference.slice('sis_integration_id:'.length));
  else if (reference.startsWith('uuid:')) {
    id = (
      db.prepare('SELECT id FROM users WHERE uuid = ?').get(reference.slice(5)) as { id: number } | undefined
    )?.id;
  } else id = localId(reference);
  const row =
    id === undefined
      ? undefined
      : (db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined);
  if (!row) throw errors.notFound();
  return row;
}

export interface CourseRow {
  id: number;
  name: string;
  course_code: string;
  account_id: number;
  root_account_id: number;
  enrollment_term_id: number;
  uuid: string;
  sis_course_id: string | null;
  integration_id: string | null;
  sis_import_id: number | null;
  workflow_state: 'created' | 'claimed' | 'available' | 'completed' | 'deleted';
  start_at: string | null;
  conclude_at: string | null;
  restrict_enrollments_to_course_dates: number;
  is_public: number;
  is_public_to_auth_users: number;
  public_syllabus: number;
  public_syllabus_to_auth: number;
  blueprint: number;
  blueprint_associated: number;
  homeroom_course: number;
  template: number;
  default_view: string;
  time_zone: string | null;
  license: string | null;
  storage_quota_mb: number;
  storage_quota_used_mb: number;
  syllabus_body: string | null;
  course_format: string | null;
  grading_standard_id: number | null;
  grade_passback_setting: string | null;
  course_color: string | null;
  friendly_name: string | null;
  apply_assignment_group_weights: number;
  hide_final_grades: number;
  post_manually: number;
  created_at: string;
  updated_at: string;
}

/** Resolves a course reference: numeric id, `sis_course_id:`, `sis_integration_id:`, `uuid:`. */
export function findCourse(db: Db, reference: string): CourseRow {
  const by = (column: string, value: string | number) =>
    db.prepare(`SELECT * FROM courses WHERE ${column} = ? LIMIT 1`).get(value) as CourseRow | undefined;
  let row: CourseRow | undefined;
  if (reference.startsWith('sis_course_id:'))
    row = by('sis_course_id', reference.slice('sis_course_id:'.length));
  else if (reference.startsWith('sis_integration_id:'))
    row = by('integration_id', reference.slice('sis_integration_id:'.length));
  else if (reference.startsWith('uuid:')) row = by('uuid', reference.slice(5));
  else {
    const id = localId(reference);
    if (id !== undefined) row = by('id', id);
  }
  if (!row) throw errors.notFound();
  return row;
}

export interface TermRow {
  id: number;
  root_account_id: number;
  name: string;
  sis_term_id: string | null;
  start_at: string | null;
  end_at: string | null;
  workflow_state: 'active' | 'deleted';
  grading_period_group_id: number | null;
  is_default: number;
  created_at: string;
}

/**
 * Resolves a term of a root account: numeric id, `sis_term_id:`, `default` (the default term),
 * `current` (an active term whose dates contain now; Canvas picks the one starting last).
 */
export function findTerm(db: Db, rootAccountId: number, reference: string, now = new Date()): TermRow {
  let row: TermRow | undefined;
  if (reference === 'default') {
    row = db
      .prepare('SELECT * FROM enrollment_terms WHERE root_account_id = ? AND is_default = 1')
      .get(rootAccountId) as TermRow | undefined;
  } else if (reference === 'current') {
    const at = now.toISOString();
    row = db
      .prepare(
        `SELECT * FROM enrollment_terms WHERE root_account_id = ? AND workflow_state = 'active'
           AND start_at <= ? AND end_at >= ? ORDER BY start_at DESC LIMIT 1`,
      )
      .get(rootAccountId, at, at) as TermRow | undefined;
  } else if (reference.startsWith('sis_term_id:')) {
    row = db
      .prepare('SELECT * FROM enrollment_terms WHERE root_account_id = ? AND sis_term_id = ?')
      .get(rootAccountId, reference.slice('sis_term_id:'.length)) as TermRow | undefined;
  } else {
    const id = localId(reference);
    if (id !== undefined) {
      row = db
        .prepare('SELECT * FROM enrollment_terms WHERE root_account_id = ? AND id = ?')
        .get(rootAccountId, id) as TermRow | undefined;
    }
  }
  if (!row) throw errors.notFound();
  return row;
}

/** SQL range that selects an account's subtree (itself included) via the materialized path. */
export function subtreeRange(path: string): [string, string] {
  // '/1/5/' .. '/1/50': '/' sorts just below '0', so the range holds exactly the '/1/5/...' paths.
  return [path, `${path.slice(0, -1)}0`];
}

import type { Db } from './db/connection.ts';
import type { RequestContext } from './http/context.ts';
import { errors } from './http/errors.ts';

/**
 * The account rights the sandbox knows, a subset of Canvas's Account policy that covers every
 * endpoint we serve. `GET /accounts/:id/permissions` with no names evaluates all of them.
 */
export const ACCOUNT_RIGHTS = [
  'read',
  'read_as_admin',
  'manage',
  'manage_account_settings',
  'manage_account_memberships',
  'manage_account_calendar_visibility',
  'manage_account_calendar_events',
  'manage_alerts',
  'manage_courses_admin',
  'manage_courses_add',
  'manage_courses_delete',
  'manage_courses_conclude',
  'manage_courses_publish',
  'create_courses',
  'read_course_list',
  'read_course_content',
  'manage_sis',
  'read_sis',
  'import_sis',
  'manage_storage_quotas',
  'manage_user_logins',
  'view_user_logins',
  'read_email_addresses',
  'manage_students',
  'read_roster',
  'manage_role_overrides',
  'read_terms',
  'manage_terms',
  'read_reports',
  'view_notifications',
  'manage_developer_keys',
  'manage_feature_flags',
  'manage_lti_add',
  'manage_data_services',
  'become_user',
  'view_statistics',
  'view_analytics',
  'manage_grades',
  'view_all_grades',
  'manage_content',
  'manage_groups',
  'manage_outcomes',
  'add_course_template',
  'edit_course_template',
  'delete_course_template',
  'undelete_courses',
  'moderate_user_content',
  'view_audit_trail',
] as const;

export type AccountRight = (typeof ACCOUNT_RIGHTS)[number];

/** Any active admin membership, whatever its role, lets the admin see the account. */
const MEMBERSHIP_RIGHTS: AccountRight[] = ['read', 'read_as_admin', 'manage'];

interface MembershipRow {
  role_name: string;
  base_role_type: string;
  permissions: string;
}

/** Ids on a materialized path: '/1/5/23/' → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => Number(segment));
}

/**
 * The rights `userId` holds on the account at `accountPath`: admin memberships on the account or
 * any ancestor apply, as Canvas's account_users do down the tree.
 */
export function accountRights(db: Db, userId: number, accountPath: string): Set<AccountRight> {
  const ids = pathIds(accountPath);
  const memberships = db
    .prepare(
      `SELECT r.name AS role_name, r.base_role_type, r.permissions
       FROM account_users au
       JOIN roles r ON r.id = au.role_id AND r.workflow_state IN ('built_in', 'active')
       JOIN accounts a ON a.id = au.account_id AND a.workflow_state = 'active'
       WHERE au.user_id = ? AND au.workflow_state = 'active'
         AND au.account_id IN (SELECT value FROM json_each(?))`,
    )
    .all(userId, JSON.stringify(ids)) as MembershipRow[];
  const rights = new Set<AccountRight>();
  for (const membership of memberships) {
    if (membership.role_name === 'AccountAdmin') return new Set(ACCOUNT_RIGHTS);
    for (const right of MEMBERSHIP_RIGHTS) rights.add(right);
    const granted = JSON.parse(membership.permissions) as Record<string, boolean>;
    for (const right of ACCOUNT_RIGHTS) if (granted[right]) rights.add(right);
  }
  return rights;
}

/**
 * Canvas's `authorized_action`: the caller must be signed in (401) and hold at least one of
 * `anyOf` on the account (403). Returns all of the caller's rights there for finer checks.
 */
export function authorizeAccount(
  ctx: RequestContext,
  account: { path: string },
  ...anyOf: AccountRight[]
): Set<AccountRight> {
  const user = ctx.requireUser();
  const rights = accountRights(ctx.db, user.id, account.path);
  if (anyOf.length > 0 && !anyOf.some((right) => rights.has(right))) throw errors.unauthorized();
  return rights;
}

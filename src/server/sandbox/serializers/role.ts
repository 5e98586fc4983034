import type { RequestContext } from '../http/context.ts';
import type { AccountRow } from '../lookup.ts';
import { accountJson, cachedAccount } from './account.ts';
import { isoInZone } from './user.ts';

export interface RoleRow {
  id: number;
  name: string;
  label: string;
  base_role_type: string;
  workflow_state: 'built_in' | 'active' | 'inactive' | 'deleted';
  account_id: number | null;
  root_account_id: number;
  /** JSON `{permission: boolean}`: a custom role's overrides. */
  permissions: string;
  created_at: string;
  updated_at: string;
}

/** The base types a permission's defaults are written against (`RoleOverride` `true_for`/`available_to`). */
type BaseRole =
  | 'AccountAdmin'
  | 'AccountMembership'
  | 'TeacherEnrollment'
  | 'TaEnrollment'
  | 'DesignerEnrollment'
  | 'StudentEnrollment'
  | 'ObserverEnrollment';

interface PermissionDefinition {
  /** Granular permissions belong to a group (`manage_courses_add` → `manage_courses`). */
  group?: string;
  trueFor: readonly BaseRole[];
  availableTo: readonly BaseRole[];
  /** Only root accounts offer it (`manage_developer_keys`). */
  rootOnly?: boolean;
}

const ACCOUNT_ROLES: readonly BaseRole[] = ['AccountAdmin', 'AccountMembership'];
const COURSE_ADMIN_ROLES: readonly BaseRole[] = ['TeacherEnrollment', 'TaEnrollment', 'DesignerEnrollment'];
const EVERY_ROLE: readonly BaseRole[] = [
  ...ACCOUNT_ROLES,
  ...COURSE_ADMIN_ROLES,
  'StudentEnrollment',
  'ObserverEnrollment',
];

function accountOnly(group?: string): PermissionDefinition {
  return { group, trueFor: ['AccountAdmin'], availableTo: ACCOUNT_ROLES };
}

function courseAdmin(trueFor: readonly BaseRole[], group?: string): PermissionDefinition {
  return {
    group,
    trueFor: ['AccountAdmin', ...trueFor],
    availableTo: [...ACCOUNT_ROLES, ...COURSE_ADMIN_ROLES],
  };
}

/**
 * The permissions the sandbox's roles report, with Canvas's defaults (`RoleOverride::PERMISSIONS`):
 * which base roles have each one by default, and which may have it turned on at all.
 */
const PERMISSIONS: Readonly<Record<string, PermissionDefinition>> = {
  add_course_template: accountOnly('manage_course_templates'),
  become_user: accountOnly(),
  delete_course_template: accountOnly('manage_course_templates'),
  edit_course_template: accountOnly('manage_course_templates'),
  import_sis: accountOnly(),
  manage_account_calendar_events: accountOnly(),
  manage_account_calendar_visibility: accountOnly(),
  manage_account_memberships: accountOnly(),
  manage_account_settings: accountOnly(),
  manage_alerts: accountOnly(),
  manage_content: courseAdmin(COURSE_ADMIN_ROLES),
  manage_course_visibility: courseAdmin(COURSE_ADMIN_ROLES),
  manage_courses_add: accountOnly('manage_courses'),
  manage_courses_admin: accountOnly('manage_courses'),
  manage_courses_conclude: courseAdmin(['TeacherEnrollment'], 'manage_courses'),
  manage_courses_delete: courseAdmin(['TeacherEnrollment'], 'manage_courses'),
  manage_courses_publish: courseAdmin(['TeacherEnrollment', 'DesignerEnrollment'], 'manage_courses'),
  manage_data_services: accountOnly(),
  manage_developer_keys: { ...accountOnly(), rootOnly: true },
  manage_feature_flags: accountOnly(),
  manage_grades: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  manage_lti_add: courseAdmin(COURSE_ADMIN_ROLES, 'manage_lti'),
  manage_outcomes: courseAdmin(COURSE_ADMIN_ROLES),
  manage_role_overrides: accountOnly(),
  manage_sis: accountOnly(),
  manage_storage_quotas: accountOnly(),
  manage_students: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  manage_user_logins: accountOnly(),
  moderate_user_content: accountOnly(),
  post_to_forum: {
    trueFor: ['AccountAdmin', ...COURSE_ADMIN_ROLES, 'StudentEnrollment'],
    availableTo: EVERY_ROLE,
  },
  read_announcements: {
    trueFor: EVERY_ROLE.filter((role) => role !== 'AccountMembership'),
    availableTo: EVERY_ROLE,
  },
  read_course_list: accountOnly(),
  read_email_addresses: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  read_forum: { trueFor: EVERY_ROLE.filter((role) => role !== 'AccountMembership'), availableTo: EVERY_ROLE },
  read_reports: accountOnly(),
  read_roster: {
    trueFor: ['AccountAdmin', ...COURSE_ADMIN_ROLES, 'StudentEnrollment'],
    availableTo: EVERY_ROLE,
  },
  read_sis: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  send_messages: {
    trueFor: ['AccountAdmin', ...COURSE_ADMIN_ROLES, 'StudentEnrollment'],
    availableTo: EVERY_ROLE,
  },
  undelete_courses: accountOnly(),
  view_all_grades: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  view_analytics: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
  view_audit_trail: courseAdmin([]),
  view_notifications: accountOnly(),
  view_statistics: accountOnly(),
  view_user_logins: courseAdmin(['TeacherEnrollment', 'TaEnrollment']),
};

/** The built-in roles `GET /roles` lists, in Canvas's order; `AccountMembership`/`NoPermissions` stay hidden. */
export const VISIBLE_BUILT_IN_ROLES = [
  'StudentEnrollment',
  'TeacherEnrollment',
  'TaEnrollment',
  'DesignerEnrollment',
  'ObserverEnrollment',
  'AccountAdmin',
] as const;

/** Which defaults apply to a role: the built-in AccountAdmin has its own, other account roles are memberships. */
function baseRoleOf(role: RoleRow): BaseRole | undefined {
  if (role.workflow_state === 'built_in' && role.name === 'AccountAdmin') return 'AccountAdmin';
  const base = role.base_role_type;
  return (EVERY_ROLE as readonly string[]).includes(base) ? (base as BaseRole) : undefined;
}

function isAccountRole(role: RoleRow): boolean {
  return role.base_role_type === 'AccountMembership' || role.base_role_type === 'AccountAdmin';
}

function parseOverrides(role: RoleRow): Record<string, unknown> {
  const parsed: unknown = JSON.parse(role.permissions);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

const ENABLED_EVERYWHERE = { applies_to_self: true, applies_to_descendants: true };

/**
 * `permission_json` for each permission the account offers: the role's default, or its explicit
 * override (with the default it replaced as `prior_default`).
 */
function permissionsJson(account: AccountRow, role: RoleRow): Record<string, Record<string, unknown>> {
  const base = baseRoleOf(role);
  const overrides = parseOverrides(role);
  const isRoot = account.root_account_id === null;
  const json: Record<string, Record<string, unknown>> = {};
  for (const [name, definition] of Object.entries(PERMISSIONS)) {
    if (definition.rootOnly && !isRoot) continue;
    const available = base !== undefined && definition.availableTo.includes(base);
    const byDefault = base !== undefined && definition.trueFor.includes(base);
    const override = overrides[name];
    const explicit = available && typeof override === 'boolean';
    const enabled = explicit ? override === true : byDefault;
    const entry: Record<string, unknown> = { enabled, locked: !available, readonly: !available, explicit };
    if (explicit) entry.prior_default = byDefault;
    if (definition.group) entry.group = definition.group;
    if (enabled) Object.assign(entry, ENABLED_EVERYWHERE);
    json[name] = entry;
  }
  return json;
}

export interface RoleJsonOptions {
  /** The account the roles are listed for: it decides which permissions are offered. */
  account: AccountRow;
  /** IANA zone of the caller; `created_at` is pre-formatted in it. */
  callerZone: string;
}

/** `role_json` (`lib/api/v1/role.rb`). */
export function roleJson(
  ctx: RequestContext,
  role: RoleRow,
  options: RoleJsonOptions,
): Record<string, unknown> {
  const builtInAccountRole = role.workflow_state === 'built_in' && isAccountRole(role);
  const json: Record<string, unknown> = {
    id: role.id,
    role: role.name,
    label: role.label,
    last_updated_at: role.updated_at,
    base_role_type: builtInAccountRole ? 'AccountMembership' : role.base_role_type,
    workflow_state: role.workflow_state,
    created_at: isoInZone(role.created_at, options.callerZone),
    permissions: permissionsJson(options.account, role),
    is_account_role: isAccountRole(role),
  };
  if (role.account_id !== null) {
    const owner = cachedAccount(ctx, role.account_id);
    if (owner) json.account = accountJson(ctx, owner);
  }
  return json;
}

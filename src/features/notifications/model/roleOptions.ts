import { type AccountNotification, NIL_ENROLLMENT_ROLE } from '../../../api/schemas/accountNotification.ts';
import type { Role } from '../../../api/schemas/role.ts';

export interface RoleOption {
  /** What goes into `account_notification_roles[]`: the role id, or `NilEnrollment`. */
  value: string;
  label: string;
}

export interface RoleGroups {
  course: RoleOption[];
  account: RoleOption[];
}

export const NO_ENROLLMENTS_LABEL = 'Users with no enrollments';

/** Canvas's English labels for built-in role names, for roles the roles list doesn't cover. */
const BUILT_IN_LABELS: Record<string, string> = {
  StudentEnrollment: 'Student',
  TeacherEnrollment: 'Teacher',
  TaEnrollment: 'TA',
  DesignerEnrollment: 'Designer',
  ObserverEnrollment: 'Observer',
  AccountAdmin: 'Account Admin',
  [NIL_ENROLLMENT_ROLE]: NO_ENROLLMENTS_LABEL,
};

/**
 * The choices as Canvas's own form groups them: course roles (enrollment types and custom roles based
 * on them, plus users with no enrollments) and account roles. Inactive roles can't be targeted.
 */
export function groupRoleOptions(roles: readonly Role[]): RoleGroups {
  const groups: RoleGroups = { course: [], account: [] };
  for (const role of roles) {
    if (role.workflow_state === 'inactive') continue;
    const option = { value: String(role.id), label: role.label };
    (role.is_account_role ? groups.account : groups.course).push(option);
  }
  groups.course.push({ value: NIL_ENROLLMENT_ROLE, label: NO_ENROLLMENTS_LABEL });
  return groups;
}

/** The targeted roles' labels, in Canvas's order; an empty list means everyone. */
export function targetLabels(
  notification: Pick<AccountNotification, 'role_ids' | 'roles'>,
  rolesById: ReadonlyMap<number, Role>,
): string[] {
  return notification.role_ids.map((roleId, index) => {
    if (roleId === null) return NO_ENROLLMENTS_LABEL;
    const known = rolesById.get(roleId)?.label;
    if (known) return known;
    const name = notification.roles[index] ?? `Role ${roleId}`;
    return BUILT_IN_LABELS[name] ?? name;
  });
}

/** Labels for composer values (role ids or names). */
export function selectedRoleLabels(
  values: readonly string[],
  rolesById: ReadonlyMap<number, Role>,
): string[] {
  return values.map((value) => {
    if (/^\d+$/.test(value)) return rolesById.get(Number(value))?.label ?? `Role ${value}`;
    return BUILT_IN_LABELS[value] ?? value;
  });
}

import { describe, expect, it } from 'vitest';
import type { Role } from '../../../api/schemas/role.ts';
import { groupRoleOptions, selectedRoleLabels, targetLabels } from './roleOptions.ts';

function role(
  id: number,
  name: string,
  label: string,
  isAccountRole: boolean,
  workflowState: Role['workflow_state'] = 'built_in',
): Role {
  return {
    id,
    role: name,
    label,
    base_role_type: isAccountRole ? 'AccountMembership' : name,
    workflow_state: workflowState,
    is_account_role: isAccountRole,
    created_at: '2025-01-01T00:00:00-07:00',
    last_updated_at: '2025-01-01T07:00:00Z',
    permissions: {},
  };
}

const roles = [
  role(1, 'StudentEnrollment', 'Student', false),
  role(2, 'TeacherEnrollment', 'Teacher', false),
  role(6, 'AccountAdmin', 'Account Admin', true),
  role(9, 'Department Admin', 'Department Admin', true, 'active'),
  role(10, 'Grader', 'Grader', false, 'active'),
  role(11, 'Retired', 'Retired', false, 'inactive'),
];
const rolesById = new Map(roles.map((entry) => [entry.id, entry]));

describe('groupRoleOptions', () => {
  it('groups course and account roles as Canvas does, leaving inactive roles out', () => {
    expect(groupRoleOptions(roles)).toEqual({
      course: [
        { value: '1', label: 'Student' },
        { value: '2', label: 'Teacher' },
        { value: '10', label: 'Grader' },
        { value: 'NilEnrollment', label: 'Users with no enrollments' },
      ],
      account: [
        { value: '6', label: 'Account Admin' },
        { value: '9', label: 'Department Admin' },
      ],
    });
  });
});

describe('targetLabels', () => {
  it('labels targeted roles, including the no-enrollments pseudo-role and roles not in the list', () => {
    expect(
      targetLabels(
        {
          role_ids: [1, null, 4, 99],
          roles: ['StudentEnrollment', 'NilEnrollment', 'DesignerEnrollment', 'Wizard'],
        },
        rolesById,
      ),
    ).toEqual(['Student', 'Users with no enrollments', 'Designer', 'Wizard']);
  });

  it('is empty for a notification shown to everyone', () => {
    expect(targetLabels({ role_ids: [], roles: [] }, rolesById)).toEqual([]);
  });
});

describe('selectedRoleLabels', () => {
  it('labels composer values by id or name', () => {
    expect(selectedRoleLabels(['9', 'NilEnrollment', 'TeacherEnrollment', '404'], rolesById)).toEqual([
      'Department Admin',
      'Users with no enrollments',
      'Teacher',
      'Role 404',
    ]);
  });
});

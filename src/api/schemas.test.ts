import { describe, expect, it } from 'vitest';
import { Account } from './schemas/account.ts';
import { AccountReport, ReportType } from './schemas/accountReport.ts';
import { AccountDomain } from './schemas/accountSearch.ts';
import { AccountSettings } from './schemas/accountSettings.ts';
import { Admin } from './schemas/admin.ts';
import { Course, CourseDeleteResult } from './schemas/course.ts';
import { EnrollmentTerm, EnrollmentTermsList } from './schemas/enrollmentTerm.ts';
import { EnvironmentSettings } from './schemas/environment.ts';
import { HelpLinks } from './schemas/helpLinks.ts';
import { AccountPermissions } from './schemas/permissions.ts';
import { CanvasId, IsoDateTime } from './schemas/primitives.ts';
import { Role } from './schemas/role.ts';
import { TermsOfService } from './schemas/termsOfService.ts';
import { CurrentUser, RemovedUser, User } from './schemas/user.ts';

// Examples from the Canvas reference (sample-objects.md, accounts-admin.md), invented values.
const fullAccount = {
  id: 57,
  name: 'Department of Chemistry',
  uuid: 'Xw3mZq8tLs1Kd9Vr2Pb6Nc4Hy7Jf0Ge5Ra1To8U',
  parent_account_id: 12,
  root_account_id: 1,
  workflow_state: 'active',
  default_storage_quota_mb: 500,
  default_user_storage_quota_mb: 50,
  default_group_storage_quota_mb: 50,
  default_time_zone: 'America/Denver',
  default_time_zone_friendly_name: 'Mountain Time (US & Canada)',
  sis_account_id: 'CHEM',
  integration_id: null,
  sis_import_id: 88,
  course_template_id: null,
  sub_account_count: 3,
};

const readOnlyAccount = {
  id: 57,
  name: 'Department of Chemistry',
  parent_account_id: 12,
  root_account_id: 1,
  workflow_state: 'active',
  uuid: 'Xw3mZq8tLs1Kd9Vr2Pb6Nc4Hy7Jf0Ge5Ra1To8U',
  default_time_zone: 'America/Denver',
  default_time_zone_friendly_name: 'Mountain Time (US & Canada)',
};

const rootAccount = {
  id: 1,
  name: 'Example State University',
  uuid: 'Q9aK2mT7vB1xN5cL8pR3sW6yD0fH4jG2eU7iO1zM',
  parent_account_id: null,
  root_account_id: null,
  workflow_state: 'active',
  default_storage_quota_mb: 500,
  default_user_storage_quota_mb: 50,
  default_group_storage_quota_mb: 50,
  default_time_zone: 'America/Denver',
  default_time_zone_friendly_name: 'Mountain Time (US & Canada)',
  course_template_id: null,
  lti_guid: 'Q9aK2mT7vB1xN5cL8pR3sW6yD0fH4jG2eU7iO1zM:canvas-lms',
  registration_settings: { login_handle_name: null, require_email: false },
  terms_required: true,
  terms_of_use_url: 'https://www.instructure.com/policies/terms-of-use-canvas',
  privacy_policy_url: 'https://www.instructure.com/policies/product-privacy-policy',
  recaptcha_key: null,
};

const course = {
  id: 4411,
  name: 'General Chemistry I',
  course_code: 'CHEM 101',
  account_id: 57,
  root_account_id: 1,
  enrollment_term_id: 14,
  uuid: 'h8Tq2Lm5Xv0Rb3Nk7Wc1Yp9Fs4Jd6Ga2Ze8Uo5Q',
  created_at: '2024-11-20T18:22:41Z',
  start_at: '2025-01-13T07:00:00Z',
  end_at: '2025-05-10T06:59:59Z',
  default_view: 'modules',
  is_public: false,
  is_public_to_auth_users: false,
  public_syllabus: false,
  public_syllabus_to_auth: false,
  grading_standard_id: null,
  license: 'private',
  grade_passback_setting: null,
  storage_quota_mb: 500,
  homeroom_course: false,
  course_color: null,
  friendly_name: null,
  apply_assignment_group_weights: true,
  calendar: { ics: 'https://canvas.example.edu/feeds/calendars/course_h8Tq.ics' },
  time_zone: 'America/Denver',
  blueprint: false,
  template: false,
  sis_course_id: 'CHEM101-2025SP-01',
  integration_id: null,
  sis_import_id: 88,
  hide_final_grades: false,
  workflow_state: 'available',
  restrict_enrollments_to_course_dates: false,
  term: {
    id: 14,
    name: 'Spring 2025',
    start_at: '2025-01-13T07:00:00Z',
    end_at: '2025-05-10T06:59:59Z',
    created_at: '2024-09-01T12:00:00Z',
    workflow_state: 'active',
    grading_period_group_id: null,
  },
  total_students: 212,
};

const listedUser = {
  id: 1207,
  name: 'Dana Ruiz',
  sortable_name: 'Ruiz, Dana',
  short_name: 'Dana Ruiz',
  created_at: '2024-09-01T17:22:04Z',
  sis_user_id: null,
  integration_id: null,
  login_id: 'druiz',
  last_login: '2025-03-04T09:15:02-07:00',
};

const helpLink = {
  id: 'report_a_problem',
  text: 'Report a Problem',
  subtext: 'Tell the support team what went wrong',
  url: '#create_ticket',
  type: 'default',
  available_to: ['user', 'student', 'teacher', 'admin', 'observer', 'unenrolled'],
  is_featured: false,
  is_new: false,
  feature_headline: '',
};

/** The same object as Canvas renders it for `Accept: application/json+canvas-string-ids`. */
function withStringIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStringIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      (key === 'id' || key.endsWith('_id')) && typeof inner === 'number'
        ? String(inner)
        : withStringIds(inner),
    ]),
  );
}

describe('primitives', () => {
  it('CanvasId accepts numbers and digit strings and outputs numbers', () => {
    expect(CanvasId.parse(42)).toBe(42);
    expect(CanvasId.parse('10000000000123')).toBe(10000000000123);
    expect(CanvasId.safeParse('sis_account_id:X').success).toBe(false);
    expect(CanvasId.safeParse(1.5).success).toBe(false);
    expect(CanvasId.safeParse('').success).toBe(false);
  });

  it('IsoDateTime accepts Z and offsets but not zone-less times', () => {
    expect(IsoDateTime.safeParse('2024-03-05T17:04:11Z').success).toBe(true);
    expect(IsoDateTime.safeParse('2024-03-05T10:04:11-07:00').success).toBe(true);
    expect(IsoDateTime.safeParse('2024-03-05T10:04:11').success).toBe(false);
    expect(IsoDateTime.safeParse('yesterday').success).toBe(false);
  });
});

describe('Account', () => {
  it('parses the full, read-only and root forms', () => {
    expect(Account.parse(fullAccount)).toEqual(fullAccount);
    expect(Account.parse(readOnlyAccount)).toEqual(readOnlyAccount);
    expect(Account.parse(rootAccount)).toEqual(rootAccount);
  });

  it('turns string ids into numbers', () => {
    const parsed = Account.parse(withStringIds(fullAccount));
    expect(parsed.id).toBe(57);
    expect(parsed.parent_account_id).toBe(12);
    expect(parsed.root_account_id).toBe(1);
    expect(parsed.sis_import_id).toBe(88);
    // sis_account_id is a string field, not an id, and stays a string.
    expect(parsed.sis_account_id).toBe('CHEM');
  });

  it('keeps unknown keys from newer Canvas', () => {
    expect(Account.parse({ ...readOnlyAccount, brand_new_key: 1 })).toMatchObject({ brand_new_key: 1 });
  });

  it('rejects a missing required key or an unknown workflow state', () => {
    const { uuid: _uuid, ...withoutUuid } = readOnlyAccount;
    expect(Account.safeParse(withoutUuid).success).toBe(false);
    expect(Account.safeParse({ ...readOnlyAccount, workflow_state: 'paused' }).success).toBe(false);
  });
});

describe('Course', () => {
  it('parses the sample course with term and includes', () => {
    const parsed = Course.parse(course);
    expect(parsed.term?.name).toBe('Spring 2025');
    expect(parsed.total_students).toBe(212);
  });

  it('parses string ids, including the nested term', () => {
    const parsed = Course.parse(withStringIds(course));
    expect(parsed.account_id).toBe(57);
    expect(parsed.enrollment_term_id).toBe(14);
    expect(parsed.term?.id).toBe(14);
  });

  it('requires always-sent keys and nullable dates', () => {
    const { calendar: _calendar, ...withoutCalendar } = course;
    expect(Course.safeParse(withoutCalendar).success).toBe(false);
    expect(Course.safeParse({ ...course, start_at: null, end_at: null }).success).toBe(true);
    expect(Course.safeParse({ ...course, workflow_state: 'created' }).success).toBe(false);
  });

  it('parses delete and conclude results', () => {
    expect(CourseDeleteResult.parse({ conclude: true })).toEqual({ conclude: true });
    expect(CourseDeleteResult.parse({ delete: false })).toEqual({ delete: false });
    expect(CourseDeleteResult.safeParse({ delete: 'true' }).success).toBe(false);
  });
});

describe('EnrollmentTerm', () => {
  it('parses the wrapped list', () => {
    const list = EnrollmentTermsList.parse({
      enrollment_terms: [
        {
          id: 1,
          name: 'Default Term',
          start_at: null,
          end_at: null,
          created_at: '2024-08-01T12:00:00Z',
          workflow_state: 'active',
          grading_period_group_id: null,
          sis_term_id: null,
        },
        {
          id: '7',
          name: 'Fall 2025',
          start_at: '2025-08-25T06:00:00Z',
          end_at: '2025-12-20T07:00:00Z',
          created_at: '2025-05-02T15:10:00Z',
          workflow_state: 'active',
          grading_period_group_id: '2',
          sis_term_id: 'FA25',
          overrides: { StudentEnrollment: { start_at: '2025-08-20T06:00:00Z', end_at: null } },
          course_count: 12,
        },
      ],
    });
    expect(list.enrollment_terms.map((term) => term.id)).toEqual([1, 7]);
    expect(list.enrollment_terms[1]?.grading_period_group_id).toBe(2);
  });

  it('accepts older Canvas without created_at', () => {
    expect(
      EnrollmentTerm.safeParse({
        id: 1,
        name: 'Default Term',
        start_at: null,
        end_at: null,
        workflow_state: 'active',
        grading_period_group_id: null,
      }).success,
    ).toBe(true);
  });
});

describe('User', () => {
  it('parses a listed user and the current user', () => {
    expect(User.parse(listedUser)).toEqual(listedUser);
    const self = {
      id: 1207,
      name: 'Dana Ruiz',
      created_at: '2024-09-01T17:22:04Z',
      sortable_name: 'Ruiz, Dana',
      short_name: 'Dana Ruiz',
      avatar_url: 'https://canvas.example.edu/images/messages/avatar-50.png',
      last_name: 'Ruiz',
      first_name: 'Dana',
      locale: null,
      effective_locale: 'en',
      permissions: { can_update_name: true, can_update_avatar: true, limit_parent_app_web_access: false },
    };
    expect(CurrentUser.parse(self)).toEqual(self);
    const { permissions: _permissions, ...withoutPermissions } = self;
    expect(CurrentUser.safeParse(withoutPermissions).success).toBe(false);
  });

  it('unwraps a removed user whether or not Canvas wraps it', () => {
    const row = {
      id: 1207,
      name: 'Dana Ruiz',
      sortable_name: 'Ruiz, Dana',
      short_name: 'Dana Ruiz',
      workflow_state: 'registered',
      time_zone: 'America/Denver',
      created_at: '2024-09-01T17:22:04Z',
      updated_at: '2025-03-01T10:00:00Z',
    };
    expect(RemovedUser.parse({ user: row })).toEqual(row);
    expect(RemovedUser.parse(row)).toEqual(row);
    expect(RemovedUser.parse({ user: { ...row, id: '1207' } }).id).toBe(1207);
    expect(RemovedUser.safeParse({ user: { name: 'no id' } }).success).toBe(false);
  });
});

describe('Role and Admin', () => {
  it('parses built-in and custom roles', () => {
    const builtIn = {
      id: 3,
      role: 'StudentEnrollment',
      label: 'Student',
      last_updated_at: '2024-08-01T12:00:00Z',
      base_role_type: 'StudentEnrollment',
      workflow_state: 'built_in',
      created_at: '2024-08-01T06:00:00-06:00',
      permissions: {
        read_forum: {
          enabled: true,
          locked: false,
          readonly: false,
          explicit: false,
          applies_to_self: true,
          applies_to_descendants: true,
        },
      },
      is_account_role: false,
    };
    expect(Role.parse(builtIn)).toEqual(builtIn);
    const custom = {
      ...builtIn,
      id: 20,
      role: 'Grader',
      label: 'Grader',
      workflow_state: 'active',
      account: fullAccount,
    };
    expect(Role.parse(custom).account?.id).toBe(57);
  });

  it('parses an admin membership with its user', () => {
    const admin = { id: 5, role: 'AccountAdmin', role_id: 1, user: listedUser, workflow_state: 'active' };
    expect(Admin.parse(admin)).toEqual(admin);
    expect(Admin.parse(withStringIds(admin)).role_id).toBe(1);
  });
});

describe('account settings objects', () => {
  it('parses help links, including the empty object given for sub-accounts', () => {
    const links = {
      help_link_name: 'Help',
      help_link_icon: 'help',
      custom_help_links: [{ ...helpLink, id: 'link1', type: 'custom', subtext: null }],
      default_help_links: [helpLink],
    };
    expect(HelpLinks.parse(links)).toEqual(links);
    expect(HelpLinks.parse({})).toEqual({});
    expect(HelpLinks.safeParse({ default_help_links: [{ ...helpLink, type: 'other' }] }).success).toBe(false);
  });

  it('parses terms of service', () => {
    const terms = {
      id: 3,
      terms_type: 'custom',
      passive: false,
      account_id: 1,
      content: '<p>By using this site you agree.</p>',
      self_registration_type: 'observer',
    };
    expect(TermsOfService.parse(terms)).toEqual(terms);
  });

  it('parses settings given as booleans or {value, locked}', () => {
    const settings = { microsoft_sync_enabled: false, enable_as_k5_account: { value: false, locked: false } };
    expect(AccountSettings.parse(settings)).toEqual(settings);
    expect(AccountSettings.parse({})).toEqual({});
    expect(AccountSettings.safeParse({ enable_as_k5_account: 'yes' }).success).toBe(false);
  });

  it('parses environment settings and permissions', () => {
    expect(EnvironmentSettings.parse({ calendar_contexts_limit: 10, open_registration: false })).toEqual({
      calendar_contexts_limit: 10,
      open_registration: false,
    });
    const permissions = { manage_account_calendar_visibility: true, read_reports: true, become_user: false };
    expect(AccountPermissions.parse(permissions)).toEqual(permissions);
    expect(AccountPermissions.safeParse({ read_reports: 'true' }).success).toBe(false);
  });

  it('parses account domain search results', () => {
    const hit = {
      name: 'Example State University',
      domain: 'canvas.example.edu',
      distance: null,
      authentication_provider: 'saml',
    };
    expect(AccountDomain.parse(hit)).toEqual(hit);
    expect(AccountDomain.parse({ ...hit, authentication_provider: null }).authentication_provider).toBeNull();
  });
});

describe('AccountReport and ReportType', () => {
  const attachment = {
    id: 901,
    folder_id: 77,
    display_name: 'provisioning_csv_27_Nov_2026_12.zip',
    filename: 'provisioning_csv_27_Nov_2026_12.zip',
    uuid: 'Zq8tLs1Kd9Vr2Pb6Nc4Hy7Jf0Ge5Ra1To8UXw3m',
    upload_status: 'success',
    'content-type': 'application/zip',
    url: 'https://canvas.example.edu/files/901/download?download_frd=1&verifier=Zq8t',
    size: 20480,
    created_at: '2026-11-27T04:12:03-07:00',
    updated_at: '2026-11-27T04:12:03-07:00',
    locked: false,
    hidden: false,
    mime_class: 'zip',
  };
  const completeRun = {
    id: 12,
    report: 'provisioning_csv',
    file_url: 'https://canvas.example.edu/accounts/1/files/901/download',
    attachment,
    status: 'complete',
    created_at: '2026-11-27T04:11:58-07:00',
    started_at: '2026-11-27T04:11:59-07:00',
    ended_at: '2026-11-27T04:12:03-07:00',
    parameters: { users: true, courses: '1', enrollment_term_id: 'active_terms', locale: 'en' },
    progress: 100,
    current_line: 2310,
    run_time: 4.21,
    message: 'Provisioning report finished',
    user: { id: 1, anonymous_id: '1', display_name: 'Jordan Whitfield', pronouns: null },
  };

  it('parses a complete run with its file, offset timestamps and mixed parameter types', () => {
    const parsed = AccountReport.parse(completeRun);
    expect(parsed.attachment?.['content-type']).toBe('application/zip');
    expect(parsed.parameters).toEqual(completeRun.parameters);
    expect(AccountReport.parse({ ...completeRun, created_at: '2026-11-27T11:11:58Z' }).id).toBe(12);
  });

  it('accepts a fresh run without attachment, a departed user and missing parameters', () => {
    const { attachment: _omitted, ...rest } = completeRun;
    const created = {
      ...rest,
      status: 'created',
      file_url: null,
      started_at: null,
      ended_at: null,
      progress: 0,
      current_line: null,
      message: null,
      user: {},
      parameters: null,
    };
    const parsed = AccountReport.parse(created);
    expect(parsed.attachment).toBeUndefined();
    expect(parsed.parameters).toEqual({});
    expect(parsed.user).toEqual({});
  });

  it('rejects a run without id or with a zone-less timestamp', () => {
    expect(AccountReport.safeParse({ ...completeRun, id: undefined }).success).toBe(false);
    expect(AccountReport.safeParse({ ...completeRun, created_at: '2026-11-27 04:11:58' }).success).toBe(
      false,
    );
  });

  it('parses report types with null parameters and defaults for missing flags', () => {
    const types = [
      { title: 'Outcome Export', report: 'outcome_export_csv', parameters: null, last_run: null },
      {
        title: 'Provisioning',
        report: 'provisioning_csv',
        parameters: { users: { description: 'Get the Provisioning file for users' } },
        last_run: completeRun,
        description_html: '<p>Provisioning</p>',
      },
    ];
    const [outcome, provisioning] = types.map((entry) => ReportType.parse(entry));
    expect(outcome?.parameters).toBeNull();
    expect(provisioning?.parameters?.users).toEqual({
      required: false,
      description: 'Get the Provisioning file for users',
    });
    expect(provisioning?.last_run?.id).toBe(12);
  });
});

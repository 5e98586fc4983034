import {
  defaultSettingsSummary,
  fixedFile,
  flagParameter,
  isRootRun,
  keysetFile,
  listParameter,
  type QueryParams,
  rootTimeZone,
  subtreeAccountIds,
  termCondition,
  termScope,
  userInSubtree,
  zonedTimestampFormatter,
} from '../reportHelpers.ts';
import type { CsvCell, ReportDefinition, ReportFile, ReportRunContext } from '../types.ts';

// Provisioning and SIS Export (Canvas's AccountReports::SisExporter). Provisioning lists every object
// with Canvas ids and SIS ids side by side; SIS Export writes only SIS-imported objects in the SIS
// import format, ready to feed back into an SIS import. Rows come in primary-key order, as Canvas's
// find_each/find_in_batches give them.
//
// Sandbox differences: no root account has pronouns enabled, temporary enrollments or trusted
// accounts, so the optional pronouns, temporary-enrollment and root_account columns never appear.
// The sandbox has no groups, group categories or observer links (its observer enrollments are
// not linked to students) and cross-lists no sections, so those files hold their header only — which
// is what Canvas writes for a tenant without such objects. created_by_sis reads Canvas's
// sis_batch_id (sis_import_id on accounts and courses); the generated tenant leaves it unset on
// accounts and courses, whose APIs show no sis_import_id, and sets it on the SIS-fed logins, terms,
// sections and enrollments.

/** The entity flags in the order Canvas writes the files. */
export const ENTITIES = [
  'users',
  'accounts',
  'terms',
  'courses',
  'sections',
  'enrollments',
  'groups',
  'group_membership',
  'group_categories',
  'xlist',
  'user_observers',
  'admins',
] as const;
type Entity = (typeof ENTITIES)[number];

const ENROLLMENT_TYPES = [
  'StudentEnrollment',
  'TeacherEnrollment',
  'TaEnrollment',
  'DesignerEnrollment',
  'ObserverEnrollment',
] as const;
const ENROLLMENT_STATES = [
  'invited',
  'creation_pending',
  'active',
  'completed',
  'inactive',
  'deleted',
  'rejected',
] as const;

/** Enrollment::SIS_TYPES: the role word an SIS import uses for each built-in type. */
const SIS_ROLE_BY_TYPE: Record<string, string> = {
  StudentEnrollment: 'student',
  TeacherEnrollment: 'teacher',
  TaEnrollment: 'ta',
  DesignerEnrollment: 'designer',
  ObserverEnrollment: 'observer',
};

const COURSE_STATUS: Record<string, string> = {
  created: 'unpublished',
  claimed: 'unpublished',
  available: 'active',
  completed: 'concluded',
  deleted: 'deleted',
};

const NAME_SUFFIX = /^(Sn?r\.?|Senior|Jn?r\.?|Junior|II|III|IV|V|VI|Esq\.?|Esquire)$/i;

/**
 * Canvas's `User.name_parts(sortable_name, likely_already_surname_first: true)`: the surname
 * before the comma, the given names after it without a generational suffix.
 */
export function firstAndLastName(sortableName: string): [string | null, string | null] {
  const comma = sortableName.indexOf(',');
  if (comma < 0) {
    const words = sortableName.trim().split(/\s+/).filter(Boolean);
    if (words.length > 1 && NAME_SUFFIX.test(words[words.length - 1] ?? '')) words.pop();
    const surname = words.length > 1 ? (words.pop() ?? null) : null;
    return [words.join(' ') || null, surname];
  }
  const surname = sortableName.slice(0, comma).trim();
  const given = sortableName
    .slice(comma + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (given.length > 1 && NAME_SUFFIX.test(given[given.length - 1] ?? '')) given.pop();
  return [given.join(' ') || null, surname || null];
}

interface ExportOptions {
  sisFormat: boolean;
  createdBySis: boolean;
  includeDeleted: boolean;
  terms: number[] | null;
  /** Canvas filters when the parameter is present, even if nothing valid remains (no rows). */
  enrollmentTypes: string[] | undefined;
  enrollmentStates: string[] | undefined;
  formatTime: (utc: string | null | undefined) => string | null;
}

/** Courses of the run's subtree; Canvas leaves the root's runs unscoped. */
function courseInSubtree(
  run: ReportRunContext,
  params: QueryParams,
  courseAccountColumn: string,
): string | null {
  return isRootRun(run) ? null : `${courseAccountColumn} IN (${subtreeAccountIds(run, params)})`;
}

function usersFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat } = options;
  const header = sisFormat
    ? [
        'user_id',
        'integration_id',
        'authentication_provider_id',
        'login_id',
        'password',
        'first_name',
        'last_name',
        'full_name',
        'sortable_name',
        'short_name',
        'email',
        'status',
      ]
    : [
        'canvas_user_id',
        'user_id',
        'integration_id',
        'authentication_provider_id',
        'login_id',
        'first_name',
        'last_name',
        'full_name',
        'sortable_name',
        'short_name',
        'email',
        'status',
        'created_by_sis',
      ];
  const params: QueryParams = { root: run.rootAccountId };
  interface Row {
    user_id: number;
    sis_user_id: string | null;
    integration_id: string | null;
    unique_id: string;
    workflow_state: string;
    name: string;
    sortable_name: string;
    short_name: string;
    email: string | null;
    sis_batch_id: number | null;
  }
  return keysetFile<Row>(run, 'users.csv', header, {
    select: `p.user_id, p.sis_user_id, p.integration_id, p.unique_id, p.workflow_state, p.sis_batch_id,
             u.name, u.sortable_name, u.short_name, u.email`,
    from: 'pseudonyms p JOIN users u ON u.id = p.user_id',
    where: [
      'p.account_id = @root',
      sisFormat ? 'p.sis_user_id IS NOT NULL' : null,
      options.createdBySis ? 'p.sis_batch_id IS NOT NULL' : null,
      options.includeDeleted
        ? "p.workflow_state <> 'deleted' OR p.sis_user_id IS NOT NULL"
        : "p.workflow_state <> 'deleted'",
      isRootRun(run) ? null : userInSubtree(run, params, 'p.user_id'),
    ],
    key: 'p.id',
    params,
    toCells(row) {
      const [first, last] = firstAndLastName(row.sortable_name);
      const cells: CsvCell[] = [];
      if (!sisFormat) cells.push(row.user_id);
      // The sandbox has no authentication providers: every login is Canvas's own (no provider id).
      cells.push(row.sis_user_id, row.integration_id, null, row.unique_id);
      if (sisFormat) cells.push(null); // password: never exported
      cells.push(first, last, row.name, row.sortable_name, row.short_name, row.email, row.workflow_state);
      if (!sisFormat) cells.push(row.sis_batch_id !== null);
      return cells;
    },
  });
}

function accountsFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat } = options;
  const header = sisFormat
    ? ['account_id', 'parent_account_id', 'name', 'status']
    : [
        'canvas_account_id',
        'account_id',
        'canvas_parent_id',
        'parent_account_id',
        'name',
        'status',
        'created_by_sis',
      ];
  const params: QueryParams = { root: run.rootAccountId, account: run.account.id };
  interface Row {
    id: number;
    sis_account_id: string | null;
    parent_id: number;
    parent_sis_id: string | null;
    name: string;
    workflow_state: string;
    sis_import_id: number | null;
  }
  return keysetFile<Row>(run, 'accounts.csv', header, {
    select: `a.id, a.sis_account_id, a.name, a.workflow_state, a.sis_import_id,
             pa.id AS parent_id, pa.sis_account_id AS parent_sis_id`,
    from: 'accounts a JOIN accounts pa ON pa.id = a.parent_account_id',
    where: [
      'a.root_account_id = @root',
      sisFormat ? 'a.sis_account_id IS NOT NULL' : null,
      options.createdBySis ? 'a.sis_import_id IS NOT NULL' : null,
      options.includeDeleted
        ? "a.workflow_state <> 'deleted' OR a.sis_account_id IS NOT NULL"
        : "a.workflow_state <> 'deleted'",
      // Canvas lists only the direct children of a sub-account, not its whole subtree.
      isRootRun(run) ? null : 'a.parent_account_id = @account',
    ],
    key: 'a.id',
    params,
    toCells(row) {
      return sisFormat
        ? [row.sis_account_id, row.parent_sis_id, row.name, row.workflow_state]
        : [
            row.id,
            row.sis_account_id,
            row.parent_id,
            row.parent_sis_id,
            row.name,
            row.workflow_state,
            row.sis_import_id !== null,
          ];
    },
  });
}

function termsFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat, formatTime } = options;
  const header = sisFormat
    ? ['term_id', 'name', 'status', 'start_date', 'end_date']
    : ['canvas_term_id', 'term_id', 'name', 'status', 'start_date', 'end_date', 'created_by_sis'];
  interface Row {
    id: number;
    sis_term_id: string | null;
    name: string;
    workflow_state: string;
    start_at: string | null;
    end_at: string | null;
    sis_batch_id: number | null;
  }
  return keysetFile<Row>(run, 'terms.csv', header, {
    select: 't.id, t.sis_term_id, t.name, t.workflow_state, t.start_at, t.end_at, t.sis_batch_id',
    from: 'enrollment_terms t',
    where: [
      't.root_account_id = @root',
      sisFormat ? 't.sis_term_id IS NOT NULL' : null,
      options.createdBySis ? 't.sis_batch_id IS NOT NULL' : null,
      options.includeDeleted
        ? "t.workflow_state <> 'deleted' OR t.sis_term_id IS NOT NULL"
        : "t.workflow_state <> 'deleted'",
    ],
    key: 't.id',
    params: { root: run.rootAccountId },
    toCells(row) {
      const cells: CsvCell[] = sisFormat ? [] : [row.id];
      cells.push(
        row.sis_term_id,
        row.name,
        row.workflow_state,
        formatTime(row.start_at),
        formatTime(row.end_at),
      );
      if (!sisFormat) cells.push(row.sis_batch_id !== null);
      return cells;
    },
  });
}

function coursesFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat, formatTime } = options;
  const header = sisFormat
    ? [
        'course_id',
        'integration_id',
        'short_name',
        'long_name',
        'account_id',
        'term_id',
        'status',
        'start_date',
        'end_date',
        'course_format',
        'blueprint_course_id',
      ]
    : [
        'canvas_course_id',
        'course_id',
        'integration_id',
        'short_name',
        'long_name',
        'canvas_account_id',
        'account_id',
        'canvas_term_id',
        'term_id',
        'status',
        'start_date',
        'end_date',
        'course_format',
        'canvas_blueprint_course_id',
        'blueprint_course_id',
        'created_by_sis',
      ];
  // Canvas's "deleted" window for include_deleted: courses deleted in the last 120 days.
  const params: QueryParams = {
    root: run.rootAccountId,
    deleted_since: new Date(run.startedAt.getTime() - 120 * 86_400_000).toISOString().slice(0, 19),
  };
  interface Row {
    id: number;
    sis_course_id: string | null;
    integration_id: string | null;
    course_code: string;
    name: string;
    account_id: number;
    account_sis_id: string | null;
    enrollment_term_id: number;
    term_sis_id: string | null;
    workflow_state: string;
    restrict_enrollments_to_course_dates: number;
    start_at: string | null;
    conclude_at: string | null;
    course_format: string | null;
    blueprint_id: number | null;
    blueprint_sis_id: string | null;
    sis_import_id: number | null;
  }
  return keysetFile<Row>(run, 'courses.csv', header, {
    select: `c.id, c.sis_course_id, c.integration_id, c.course_code, c.name, c.account_id,
             a.sis_account_id AS account_sis_id, c.enrollment_term_id, t.sis_term_id AS term_sis_id,
             c.workflow_state, c.restrict_enrollments_to_course_dates, c.start_at, c.conclude_at,
             c.course_format, c.sis_import_id, b.id AS blueprint_id, b.sis_course_id AS blueprint_sis_id`,
    from: `courses c JOIN accounts a ON a.id = c.account_id
           JOIN enrollment_terms t ON t.id = c.enrollment_term_id
           LEFT JOIN courses b ON b.id = c.blueprint_course_id AND b.workflow_state <> 'deleted'`,
    where: [
      'c.root_account_id = @root',
      sisFormat ? 'c.sis_course_id IS NOT NULL' : null,
      options.createdBySis ? 'c.sis_import_id IS NOT NULL' : null,
      options.includeDeleted
        ? `(c.workflow_state = 'deleted' AND substr(c.updated_at, 1, 19) > @deleted_since)
           OR c.workflow_state <> 'deleted' OR c.sis_course_id IS NOT NULL`
        : "c.workflow_state NOT IN ('deleted', 'completed')",
      courseInSubtree(run, params, 'c.account_id'),
      termCondition(options.terms, params, 'c.enrollment_term_id'),
    ],
    key: 'c.id',
    params,
    toCells(row) {
      const restricted = row.restrict_enrollments_to_course_dates === 1;
      const status = sisFormat
        ? row.workflow_state === 'deleted' || row.workflow_state === 'completed'
          ? row.workflow_state
          : 'active'
        : COURSE_STATUS[row.workflow_state];
      const cells: CsvCell[] = [];
      if (!sisFormat) cells.push(row.id);
      cells.push(row.sis_course_id, row.integration_id, row.course_code, row.name);
      if (!sisFormat) cells.push(row.account_id);
      cells.push(row.account_sis_id);
      if (!sisFormat) cells.push(row.enrollment_term_id);
      cells.push(
        row.term_sis_id,
        status,
        restricted ? formatTime(row.start_at) : null,
        restricted ? formatTime(row.conclude_at) : null,
        row.course_format,
      );
      if (!sisFormat) cells.push(row.blueprint_id);
      cells.push(row.blueprint_sis_id);
      if (!sisFormat) cells.push(row.sis_import_id !== null);
      return cells;
    },
  });
}

function sectionsFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat, formatTime } = options;
  const header = sisFormat
    ? ['section_id', 'course_id', 'integration_id', 'name', 'status', 'start_date', 'end_date']
    : [
        'canvas_section_id',
        'section_id',
        'canvas_course_id',
        'course_id',
        'integration_id',
        'name',
        'status',
        'start_date',
        'end_date',
        'canvas_account_id',
        'account_id',
        'created_by_sis',
      ];
  const params: QueryParams = { root: run.rootAccountId };
  interface Row {
    id: number;
    sis_source_id: string | null;
    course_id: number;
    course_sis_id: string | null;
    integration_id: string | null;
    name: string;
    workflow_state: string;
    restrict_enrollments_to_section_dates: number;
    start_at: string | null;
    end_at: string | null;
    account_id: number;
    account_sis_id: string | null;
    sis_batch_id: number | null;
  }
  return keysetFile<Row>(run, 'sections.csv', header, {
    select: `s.id, s.sis_source_id, s.course_id, c.sis_course_id AS course_sis_id, s.integration_id, s.name,
             s.workflow_state, s.restrict_enrollments_to_section_dates, s.start_at, s.end_at,
             a.id AS account_id, a.sis_account_id AS account_sis_id, s.sis_batch_id`,
    from: `course_sections s JOIN courses c ON c.id = s.course_id JOIN accounts a ON a.id = c.account_id`,
    where: [
      's.root_account_id = @root',
      options.includeDeleted
        ? "s.workflow_state <> 'deleted' OR (s.sis_source_id IS NOT NULL AND c.sis_course_id IS NOT NULL)"
        : "s.workflow_state <> 'deleted' AND c.workflow_state <> 'deleted'",
      sisFormat ? 's.sis_source_id IS NOT NULL AND c.sis_course_id IS NOT NULL' : null,
      options.createdBySis ? 's.sis_batch_id IS NOT NULL' : null,
      courseInSubtree(run, params, 'c.account_id'),
      termCondition(options.terms, params, 'c.enrollment_term_id'),
    ],
    key: 's.id',
    params,
    toCells(row) {
      const restricted = row.restrict_enrollments_to_section_dates === 1;
      const cells: CsvCell[] = [];
      if (!sisFormat) cells.push(row.id);
      cells.push(row.sis_source_id);
      if (!sisFormat) cells.push(row.course_id);
      cells.push(
        row.course_sis_id,
        row.integration_id,
        row.name,
        row.workflow_state,
        restricted ? formatTime(row.start_at) : null,
        restricted ? formatTime(row.end_at) : null,
      );
      if (!sisFormat) cells.push(row.account_id, row.account_sis_id, row.sis_batch_id !== null);
      return cells;
    },
  });
}

/** The user's logins in the root account; their SIS id is the one Canvas's SisPseudonym picks (an SIS login first). */
function loginFor(userColumn: string, includeDeleted: boolean): string {
  const state = includeDeleted ? '' : "AND lp.workflow_state <> 'deleted'";
  return `FROM pseudonyms lp WHERE lp.user_id = ${userColumn} AND lp.account_id = @root ${state}`;
}

function enrollmentsFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat } = options;
  const header = sisFormat
    ? [
        'course_id',
        'user_id',
        'role',
        'role_id',
        'section_id',
        'status',
        'associated_user_id',
        'limit_section_privileges',
      ]
    : [
        'canvas_course_id',
        'course_id',
        'canvas_user_id',
        'user_id',
        'role',
        'role_id',
        'canvas_section_id',
        'section_id',
        'status',
        'canvas_associated_user_id',
        'associated_user_id',
        'created_by_sis',
        'base_role_type',
        'limit_section_privileges',
        'canvas_enrollment_id',
      ];
  const params: QueryParams = { root: run.rootAccountId };
  const login = loginFor('e.user_id', options.includeDeleted);
  const { enrollmentTypes, enrollmentStates } = options;
  if (enrollmentTypes) params.enrollment_types = JSON.stringify(enrollmentTypes);
  if (enrollmentStates) params.enrollment_states = JSON.stringify(enrollmentStates);
  interface Row {
    id: number;
    course_id: number;
    course_sis_id: string | null;
    user_id: number;
    user_sis_id: string | null;
    role_name: string;
    role_built_in: number;
    role_id: number;
    section_id: number;
    section_sis_id: string | null;
    status: string;
    type: string;
    sis_batch_id: number | null;
  }
  return keysetFile<Row>(run, 'enrollments.csv', header, {
    select: `e.id, e.course_id, c.sis_course_id AS course_sis_id, e.user_id,
             (SELECT min(lp.sis_user_id) ${login}) AS user_sis_id,
             r.name AS role_name, r.workflow_state = 'built_in' AS role_built_in, e.role_id,
             e.course_section_id AS section_id, s.sis_source_id AS section_sis_id, e.type, e.sis_batch_id,
             CASE WHEN s.workflow_state = 'deleted' THEN 'deleted'
                  WHEN c.workflow_state = 'deleted' THEN 'deleted'
                  WHEN e.workflow_state IN ('invited', 'creation_pending') THEN 'invited'
                  WHEN e.workflow_state = 'completed' THEN 'concluded'
                  ELSE e.workflow_state END AS status`,
    from: `enrollments e JOIN course_sections s ON s.id = e.course_section_id
           JOIN courses c ON c.id = s.course_id JOIN roles r ON r.id = e.role_id`,
    where: [
      'c.root_account_id = @root',
      // Canvas skips enrollments of users without a (live, unless include_deleted) login here.
      `EXISTS (SELECT 1 ${login})`,
      options.createdBySis ? 'e.sis_batch_id IS NOT NULL' : null,
      options.includeDeleted
        ? "e.workflow_state <> 'deleted' OR e.sis_batch_id IS NOT NULL"
        : "e.workflow_state NOT IN ('deleted', 'completed')",
      sisFormat
        ? `e.workflow_state NOT IN ('rejected', 'invited', 'creation_pending')
           AND (c.sis_course_id IS NOT NULL OR s.sis_source_id IS NOT NULL)`
        : null,
      enrollmentTypes ? 'e.type IN (SELECT value FROM json_each(@enrollment_types))' : null,
      enrollmentStates ? 'e.workflow_state IN (SELECT value FROM json_each(@enrollment_states))' : null,
      courseInSubtree(run, params, 'c.account_id'),
      termCondition(options.terms, params, 'c.enrollment_term_id'),
    ],
    key: 'e.id',
    params,
    toCells(row) {
      const role = row.role_built_in === 1 ? (SIS_ROLE_BY_TYPE[row.type] ?? row.type) : row.role_name;
      const cells: CsvCell[] = [];
      if (!sisFormat) cells.push(row.course_id);
      cells.push(row.course_sis_id);
      if (!sisFormat) cells.push(row.user_id);
      cells.push(row.user_sis_id, role, row.role_id);
      if (!sisFormat) cells.push(row.section_id);
      cells.push(row.section_sis_id, row.status);
      // Observer enrollments in the sandbox observe no particular student.
      if (!sisFormat) cells.push(null);
      cells.push(null);
      if (!sisFormat) cells.push(row.sis_batch_id !== null, row.type);
      // The sandbox never limits an enrollment to its section (Canvas's default).
      cells.push(false);
      if (!sisFormat) cells.push(row.id);
      return cells;
    },
  });
}

function adminsFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat } = options;
  const header = sisFormat
    ? ['user_id', 'account_id', 'role_id', 'role', 'status']
    : [
        'admin_user_name',
        'canvas_user_id',
        'user_id',
        'canvas_account_id',
        'account_id',
        'role_id',
        'role',
        'status',
        'created_by_sis',
      ];
  const params: QueryParams = { root: run.rootAccountId };
  const login = loginFor('au.user_id', options.includeDeleted);
  interface Row {
    user_name: string;
    user_id: number;
    user_sis_id: string | null;
    account_id: number;
    account_sis_id: string | null;
    role_id: number;
    role_name: string;
    workflow_state: string;
    sis_batch_id: number | null;
  }
  return keysetFile<Row>(run, 'admins.csv', header, {
    select: `u.name AS user_name, au.user_id,
             (SELECT min(lp.sis_user_id) ${login}) AS user_sis_id,
             au.account_id, a.sis_account_id AS account_sis_id, au.role_id, r.name AS role_name,
             au.workflow_state, au.sis_batch_id`,
    from: `account_users au JOIN accounts a ON a.id = au.account_id JOIN users u ON u.id = au.user_id
           JOIN roles r ON r.id = au.role_id`,
    where: [
      // The run's account and everything below it, the root's run included.
      `au.account_id IN (${subtreeAccountIds(run, params)})`,
      `EXISTS (SELECT 1 ${login})`,
      sisFormat ? 'au.sis_batch_id IS NOT NULL' : null,
      options.includeDeleted ? null : "au.workflow_state <> 'deleted'",
    ],
    key: 'au.id',
    params,
    toCells(row) {
      const cells: CsvCell[] = sisFormat ? [] : [row.user_name, row.user_id];
      cells.push(row.user_sis_id);
      if (!sisFormat) cells.push(row.account_id);
      cells.push(row.account_sis_id, row.role_id, row.role_name, row.workflow_state);
      if (!sisFormat) cells.push(row.sis_batch_id !== null);
      return cells;
    },
  });
}

function xlistFile(run: ReportRunContext, options: ExportOptions): ReportFile {
  const { sisFormat } = options;
  const header = sisFormat
    ? ['xlist_course_id', 'section_id', 'status']
    : [
        'canvas_xlist_course_id',
        'xlist_course_id',
        'canvas_section_id',
        'section_id',
        'status',
        'canvas_nonxlist_course_id',
        'nonxlist_course_id',
      ];
  const params: QueryParams = { root: run.rootAccountId };
  interface Row {
    id: number;
    course_id: number;
    course_sis_id: string | null;
    sis_source_id: string | null;
    workflow_state: string;
    nonxlist_course_id: number;
    nxc_sis_id: string | null;
  }
  // A real query over course_sections: the sandbox never cross-lists, so it finds no rows today.
  return keysetFile<Row>(run, 'xlist.csv', header, {
    select: `s.id, s.course_id, c.sis_course_id AS course_sis_id, s.sis_source_id, s.workflow_state,
             s.nonxlist_course_id, nxc.sis_course_id AS nxc_sis_id`,
    from: `course_sections s JOIN courses c ON c.id = s.course_id JOIN courses nxc ON nxc.id = s.nonxlist_course_id`,
    where: [
      's.root_account_id = @root',
      options.createdBySis ? 's.sis_batch_id IS NOT NULL' : null,
      sisFormat ? 'c.sis_course_id IS NOT NULL AND s.sis_source_id IS NOT NULL' : null,
      options.includeDeleted
        ? `(c.workflow_state <> 'deleted' AND s.workflow_state <> 'deleted')
           OR (c.sis_course_id IS NOT NULL AND s.sis_source_id IS NOT NULL)`
        : "c.workflow_state NOT IN ('deleted', 'completed') AND s.workflow_state <> 'deleted'",
      courseInSubtree(run, params, 'c.account_id'),
      termCondition(options.terms, params, 'c.enrollment_term_id'),
    ],
    key: 's.id',
    params,
    toCells(row) {
      const cells: CsvCell[] = [];
      if (!sisFormat) cells.push(row.course_id);
      cells.push(row.course_sis_id);
      if (!sisFormat) cells.push(row.id);
      cells.push(row.sis_source_id, row.workflow_state);
      if (!sisFormat) cells.push(row.nonxlist_course_id, row.nxc_sis_id);
      return cells;
    },
  });
}

/** Headers of the files for objects the sandbox does not model (see the note at the top). */
function emptyFileHeader(
  entity: 'groups' | 'group_membership' | 'group_categories' | 'user_observers',
  sisFormat: boolean,
): string[] {
  switch (entity) {
    case 'groups':
      return sisFormat
        ? ['group_id', 'group_category_id', 'account_id', 'course_id', 'name', 'status']
        : [
            'canvas_group_id',
            'group_id',
            'canvas_group_category_id',
            'group_category_id',
            'canvas_account_id',
            'account_id',
            'canvas_course_id',
            'course_id',
            'name',
            'status',
            'created_by_sis',
            'context_id',
            'context_type',
            'max_membership',
          ];
    case 'group_membership':
      return sisFormat
        ? ['group_id', 'user_id', 'status']
        : ['canvas_group_id', 'group_id', 'canvas_user_id', 'user_id', 'status', 'created_by_sis'];
    case 'group_categories':
      return sisFormat
        ? ['group_category_id', 'account_id', 'course_id', 'category_name', 'status']
        : [
            'canvas_group_category_id',
            'group_category_id',
            'context_id',
            'context_type',
            'name',
            'role',
            'self_signup',
            'group_limit',
            'auto_leader',
            'status',
          ];
    case 'user_observers':
      return sisFormat
        ? ['observer_id', 'student_id', 'status']
        : [
            'canvas_observer_id',
            'observer_id',
            'canvas_student_id',
            'student_id',
            'status',
            'created_by_sis',
          ];
  }
}

function entityFile(entity: Entity, run: ReportRunContext, options: ExportOptions): ReportFile {
  switch (entity) {
    case 'users':
      return usersFile(run, options);
    case 'accounts':
      return accountsFile(run, options);
    case 'terms':
      return termsFile(run, options);
    case 'courses':
      return coursesFile(run, options);
    case 'sections':
      return sectionsFile(run, options);
    case 'enrollments':
      return enrollmentsFile(run, options);
    case 'xlist':
      return xlistFile(run, options);
    case 'admins':
      return adminsFile(run, options);
    case 'groups':
    case 'group_membership':
    case 'group_categories':
    case 'user_observers':
      return fixedFile(`${entity}.csv`, emptyFileHeader(entity, options.sisFormat), []);
  }
}

function validSubset(given: string[] | undefined, valid: readonly string[]): string[] | undefined {
  return given === undefined ? undefined : valid.filter((item) => given.includes(item));
}

function planExport(run: ReportRunContext, sisFormat: boolean): ReportFile[] {
  const options: ExportOptions = {
    sisFormat,
    // Canvas reads created_by_sis as a plain Ruby truthiness test, so any value but none counts;
    // the sandbox reads it as the boolean it is meant to be ("false" turns it off).
    createdBySis: flagParameter(run, 'created_by_sis'),
    includeDeleted: flagParameter(run, 'include_deleted'),
    terms: termScope(run),
    enrollmentTypes: validSubset(listParameter(run, 'enrollment_filter'), ENROLLMENT_TYPES),
    enrollmentStates: validSubset(listParameter(run, 'enrollment_states'), ENROLLMENT_STATES),
    formatTime: zonedTimestampFormatter(rootTimeZone(run)),
  };
  return ENTITIES.filter((entity) => flagParameter(run, entity)).map((entity) =>
    entityFile(entity, run, options),
  );
}

const ENTITY_DESCRIPTIONS: Record<Entity, string> = {
  users: 'Include users (logins of this root account)',
  accounts: 'Include sub-accounts',
  terms: 'Include enrollment terms',
  courses: 'Include courses',
  sections: 'Include course sections',
  enrollments: 'Include enrollments',
  groups: 'Include groups',
  group_membership: 'Include group memberships',
  group_categories: 'Include group categories',
  xlist: 'Include cross-listed sections',
  user_observers: 'Include observer links',
  admins: 'Include account admins',
};

type ParameterList = Record<string, { required: boolean; description: string }>;

function exportParameters(provisioning: boolean): ParameterList {
  const parameters: ParameterList = {
    enrollment_term_id: {
      required: false,
      description: 'Limit courses, sections and enrollments to a term (id, sis_term_id:..., or active_terms)',
    },
  };
  for (const entity of ENTITIES)
    parameters[entity] = { required: false, description: ENTITY_DESCRIPTIONS[entity] };
  parameters.created_by_sis = { required: false, description: 'Only objects created by an SIS import' };
  parameters.include_deleted = {
    required: false,
    description: 'Also list deleted objects that have an SIS id (and courses deleted in the last 120 days)',
  };
  if (provisioning) {
    parameters.enrollment_filter = {
      required: false,
      description: 'Enrollment types to include, e.g. StudentEnrollment,TeacherEnrollment',
    };
    parameters.enrollment_states = {
      required: false,
      description: 'Enrollment states to include, e.g. active,invited,completed',
    };
  }
  return parameters;
}

/** Canvas's SisExporter summary: the term and include-deleted texts, then ` Reports: users courses `. */
function exportSummary(run: ReportRunContext, definition: ReportDefinition): string {
  const files = ENTITIES.filter((entity) => flagParameter(run, entity))
    .map((entity) => `${entity} `)
    .join('');
  return `${defaultSettingsSummary(run, definition)} Reports: ${files}`;
}

export const provisioningReport: ReportDefinition = {
  report: 'provisioning_csv',
  title: 'Provisioning',
  descriptionHtml:
    '<p>Exports the chosen kinds of objects (users, accounts, terms, courses, sections, enrollments, ' +
    'admins...) with both their Canvas ids and their SIS ids, one CSV per kind; several kinds come ' +
    'as a zip.</p>',
  parameters: exportParameters(true),
  plan: (run) => planExport(run, false),
  settingsSummary: (run) => exportSummary(run, provisioningReport),
};

export const sisExportReport: ReportDefinition = {
  report: 'sis_export_csv',
  title: 'SIS Export',
  descriptionHtml:
    '<p>Exports the chosen kinds of SIS-imported objects in the SIS import CSV format, with SIS ids ' +
    'only, so the files can be imported again. Several kinds come as a zip.</p>',
  parameters: exportParameters(false),
  plan: (run) => planExport(run, true),
  settingsSummary: (run) => exportSummary(run, sisExportReport),
};

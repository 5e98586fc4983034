import { randomBytes } from 'node:crypto';
import { readMeta, writeMeta } from '../db/connection.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { ApiError, errors } from '../http/errors.ts';
import {
  bookmarkLinkHeader,
  decodeBookmark,
  encodeBookmark,
  pageArray,
  pageWithoutTotal,
  pageWithTotal,
  perPageFor,
} from '../http/pagination.ts';
import { arrayParam, optionalBoolean, type ParamValue, stringParam, toBoolean } from '../http/params.ts';
import {
  type AccountRow,
  type CourseRow,
  domainRootAccountId,
  findAccount,
  findTerm,
  findUser,
  pathAccount,
  subtreeRange,
} from '../lookup.ts';
import { ACCOUNT_RIGHTS, type AccountRight, authorizeAccount } from '../permissions.ts';
import {
  accountJson,
  accountSettings,
  cachedAccountRights,
  preloadAccountCounts,
} from '../serializers/account.ts';
import { courseJson, preloadCourseIncludes } from '../serializers/course.ts';
import { callerTimeZone } from '../serializers/user.ts';
import { isoSeconds, parseCanvasDateTime } from '../time.ts';

// ---------------------------------------------------------------------------------------------
// Shared helpers

/**
 * An include list. Rails reads `params[:include]` whether it was sent as `include[]=a` or as a
 * single `include=a`, so a scalar counts as a one-element list here.
 */
function listParam(value: ParamValue | undefined): string[] | undefined {
  const list = arrayParam(value);
  if (list) return list;
  const single = stringParam(value);
  return single === undefined ? undefined : [single];
}

function accountsByIds(ctx: RequestContext, ids: number[]): AccountRow[] {
  if (ids.length === 0) return [];
  const rows = ctx.db
    .prepare('SELECT * FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as AccountRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Ids of an account's active descendants, level by level (`Account.active.sub_accounts_recursive`). */
function activeDescendantIds(ctx: RequestContext, account: AccountRow): number[] {
  const [lo, hi] = subtreeRange(account.path);
  const rows = ctx.db
    .prepare(
      `SELECT id FROM accounts WHERE path > ? AND path < ? AND workflow_state = 'active' ORDER BY depth, id`,
    )
    .all(lo, hi) as { id: number }[];
  return rows.map((row) => row.id);
}

/** The accounts the caller is an active admin of (`User#adminable_accounts`), by id. */
function adminAccounts(ctx: RequestContext, userId: number): AccountRow[] {
  return ctx.db
    .prepare(
      `SELECT a.* FROM accounts a
       WHERE a.workflow_state = 'active' AND a.id IN (
         SELECT au.account_id FROM account_users au
         JOIN roles r ON r.id = au.role_id AND r.workflow_state IN ('built_in', 'active')
         WHERE au.user_id = ? AND au.workflow_state = 'active')
       ORDER BY a.id`,
    )
    .all(userId) as AccountRow[];
}

/** A page of full Account objects with the counts of the page loaded in one query each. */
function accountPage(ctx: RequestContext, rows: AccountRow[], includes: string[]): Record<string, unknown>[] {
  preloadAccountCounts(
    ctx,
    rows.map((row) => row.id),
    includes,
  );
  return rows.map((row) => accountJson(ctx, row, { includes }));
}

/** Pages a list of account ids held in memory, then loads only that page's rows. */
function pagedAccountIds(ctx: RequestContext, ids: number[]): RouteResult {
  const page = pageArray(ctx, ids);
  return { body: accountPage(ctx, accountsByIds(ctx, page.items), []), headers: page.headers };
}

function uniqueInOrder(ids: number[]): number[] {
  return [...new Set(ids)];
}

// ---------------------------------------------------------------------------------------------
// Bookmark pagination (`course_accounts`)

interface AccountBookmark {
  name: string;
  id: number;
}

/** The (name, id) of the row a bookmarked page continues after, or null for the first page. */
function decodeAccountBookmark(raw: string | undefined): AccountBookmark | null {
  const value = decodeBookmark(raw);
  if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) {
    return { name: value[0], id: value[1] as number };
  }
  return null;
}

const encodeAccountBookmark = (bookmark: AccountBookmark) => encodeBookmark([bookmark.name, bookmark.id]);

// ---------------------------------------------------------------------------------------------
// Account lists

function listAccounts(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  // This endpoint first spelled it `includes`; `include` wins when both are sent.
  const includes = listParam(ctx.params.include) ?? listParam(ctx.params.includes) ?? [];
  const adminOf = `SELECT au.account_id FROM account_users au
     JOIN roles r ON r.id = au.role_id AND r.workflow_state IN ('built_in', 'active')
     WHERE au.user_id = ? AND au.workflow_state = 'active'`;
  const page = pageWithTotal(
    ctx,
    () =>
      (
        ctx.db
          .prepare(
            `SELECT COUNT(*) AS total FROM accounts WHERE workflow_state = 'active' AND id IN (${adminOf})`,
          )
          .get(user.id) as { total: number }
      ).total,
    (limit, offset) =>
      ctx.db
        .prepare(
          `SELECT * FROM accounts WHERE workflow_state = 'active' AND id IN (${adminOf})
           ORDER BY id LIMIT ? OFFSET ?`,
        )
        .all(user.id, limit, offset) as AccountRow[],
  );
  return { body: accountPage(ctx, page.items, includes), headers: page.headers };
}

function manageableAccounts(ctx: RequestContext): RouteResult {
  const ids: number[] = [];
  if (ctx.user) {
    for (const account of adminAccounts(ctx, ctx.user.id)) {
      const rights = cachedAccountRights(ctx, account.path);
      if (!rights.has('manage_courses_admin') && !rights.has('create_courses')) continue;
      ids.push(account.id);
      if (rights.has('manage_account_settings')) ids.push(...activeDescendantIds(ctx, account));
    }
  }
  return pagedAccountIds(ctx, uniqueInOrder(ids));
}

/** `Account#manually_created_courses_account`: the root's sandbox account, created on first use. */
function manuallyCreatedCoursesAccount(ctx: RequestContext): AccountRow {
  const rootId = domainRootAccountId(ctx.db);
  const recorded = readMeta(ctx.db, 'manually_created_courses_account');
  if (recorded) {
    const row = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(Number(recorded)) as
      | AccountRow
      | undefined;
    if (row && row.workflow_state === 'active') return row;
  }
  const root = findAccount(ctx.db, String(rootId));
  const uuid = randomBytes(30).toString('base64url').slice(0, 40);
  const now = isoSeconds(new Date());
  const created = ctx.db.transaction(() => {
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO accounts (name, uuid, parent_account_id, root_account_id, path, depth, lti_guid, created_at, updated_at)
         VALUES ('Manually-Created Courses', ?, ?, ?, '', ?, ?, ?, ?)`,
      )
      .run(uuid, root.id, root.id, root.depth + 1, `${uuid}:canvas-lms`, now, now);
    const id = Number(lastInsertRowid);
    ctx.db.prepare('UPDATE accounts SET path = ? WHERE id = ?').run(`${root.path}${id}/`, id);
    writeMeta(ctx.db, 'manually_created_courses_account', String(id));
    return id;
  })();
  return ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(created) as AccountRow;
}

function courseCreationAccounts(ctx: RequestContext): RouteResult {
  const user = ctx.user;
  if (!user) return { body: [] };
  const ids: number[] = [];
  for (const account of adminAccounts(ctx, user.id)) {
    const rights = cachedAccountRights(ctx, account.path);
    if (!rights.has('manage_courses_admin') && !rights.has('manage_courses_add')) continue;
    ids.push(account.id);
    if (rights.has('manage_account_settings')) ids.push(...activeDescendantIds(ctx, account));
  }

  const enrollmentAccounts = (type: string) =>
    ctx.db
      .prepare(
        `SELECT DISTINCT a.* FROM enrollments e JOIN courses c ON c.id = e.course_id
         JOIN accounts a ON a.id = c.account_id AND a.workflow_state = 'active'
         WHERE e.user_id = ? AND e.type = ? AND e.workflow_state IN ('active', 'invited')
           AND c.workflow_state <> 'deleted'
         ORDER BY a.id`,
      )
      .all(user.id, type) as AccountRow[];
  // The root account's settings that let people without admin rights create courses.
  const rootSettings = accountSettings(findAccount(ctx.db, String(domainRootAccountId(ctx.db))));
  const rootAllows = (setting: string) => toBoolean(rootSettings[setting] as ParamValue | undefined);
  const byEnrollment = [
    { type: 'StudentEnrollment', setting: 'students_can_create_courses' },
    { type: 'TeacherEnrollment', setting: 'teachers_can_create_courses' },
  ];
  for (const { type, setting } of byEnrollment) {
    for (const account of enrollmentAccounts(type)) {
      if (rootAllows(setting)) ids.push(manuallyCreatedCoursesAccount(ctx).id);
      const rights = cachedAccountRights(ctx, account.path);
      if (
        rootAllows(`${setting}_anywhere`) ||
        rights.has('manage_courses_admin') ||
        rights.has('create_courses')
      ) {
        ids.push(account.id);
      }
    }
  }
  const enrolled = ctx.db
    .prepare(`SELECT 1 FROM enrollments WHERE user_id = ? AND workflow_state = 'active' LIMIT 1`)
    .get(user.id);
  if (!enrolled && rootAllows('no_enrollments_can_create_courses')) {
    ids.push(manuallyCreatedCoursesAccount(ctx).id);
  }
  return pagedAccountIds(ctx, uniqueInOrder(ids));
}

function courseAccounts(ctx: RequestContext): RouteResult {
  const user = ctx.user;
  if (!user) return { body: [] };
  const perPage = perPageFor(ctx.params);
  const rawPage = stringParam(ctx.params.page);
  const after = decodeAccountBookmark(rawPage);
  const ownCourseAccounts = `SELECT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
     WHERE e.user_id = ? AND e.workflow_state <> 'deleted'
       AND e.type IN ('TeacherEnrollment', 'TaEnrollment', 'DesignerEnrollment')`;
  const rows = after
    ? (ctx.db
        .prepare(
          `SELECT * FROM accounts WHERE id IN (${ownCourseAccounts})
             AND (name > ? COLLATE NOCASE OR (name = ? COLLATE NOCASE AND id > ?))
           ORDER BY name COLLATE NOCASE, id LIMIT ?`,
        )
        .all(user.id, after.name, after.name, after.id, perPage + 1) as AccountRow[])
    : (ctx.db
        .prepare(
          `SELECT * FROM accounts WHERE id IN (${ownCourseAccounts}) ORDER BY name COLLATE NOCASE, id LIMIT ?`,
        )
        .all(user.id, perPage + 1) as AccountRow[]);
  const hasNext = rows.length > perPage;
  const items = hasNext ? rows.slice(0, perPage) : rows;
  const last = items[items.length - 1];
  const current = after ? encodeAccountBookmark(after) : 'first';
  const next = hasNext && last ? encodeAccountBookmark(last) : null;
  return {
    body: items.map((row) => accountJson(ctx, row, { readOnly: true })),
    headers: { Link: bookmarkLinkHeader(ctx, perPage, current, next) },
  };
}

// ---------------------------------------------------------------------------------------------
// One account

function showAccount(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx, 'id');
  const rights = authorizeAccount(ctx, account, 'read');
  // Unlike the list, this action only ever read `includes[]`.
  const includes = listParam(ctx.params.includes) ?? [];
  return { body: accountJson(ctx, account, { includes, readOnly: !rights.has('manage') }) };
}

/** Settings `GET /accounts/:id/settings` exposes, each only when set. */
const PUBLIC_ACCOUNT_SETTINGS = [
  'microsoft_sync_enabled',
  'microsoft_sync_tenant',
  'microsoft_sync_login_attribute',
  'microsoft_sync_login_attribute_suffix',
  'microsoft_sync_remote_attribute',
  'enable_as_k5_account',
  'use_classic_font_in_k5',
  'allow_assign_to_differentiation_tags',
  'horizon_account',
];

function showSettings(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_settings');
  const settings = accountSettings(account);
  const body: Record<string, unknown> = {};
  for (const key of PUBLIC_ACCOUNT_SETTINGS) {
    if (settings[key] !== undefined && settings[key] !== null) body[key] = settings[key];
  }
  // A stored policy stands for password complexity being on; the sandbox has no Site Admin account.
  const policy = settings.password_policy;
  if (typeof policy === 'object' && policy !== null && !Array.isArray(policy)) body.password_policy = policy;
  return { body };
}

/** Root-account settings the Canvas UI reads as `ENV.SETTINGS` (the inbox ones need a site-admin flag). */
const ENVIRONMENT_SETTINGS = ['calendar_contexts_limit', 'open_registration'];

function environmentSettings(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const root = findAccount(ctx.db, String(domainRootAccountId(ctx.db)));
  const settings = accountSettings(root);
  const body: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_SETTINGS) {
    if (settings[key] !== undefined && settings[key] !== null) body[key] = settings[key];
  }
  return { body };
}

function accountPermissions(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  const rights = authorizeAccount(ctx, account, 'read');
  const asked = listParam(ctx.params.permissions) ?? [];
  // `rights_status` with no names evaluates every right of the Account policy.
  const names: readonly string[] = asked.length > 0 ? asked : ACCOUNT_RIGHTS;
  return { body: Object.fromEntries(names.map((name) => [name, rights.has(name as AccountRight)])) };
}

const SUB_ACCOUNT_INCLUDES = ['course_count', 'sub_account_count', 'horizon_account'];

function subAccounts(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_settings');
  const includes = (listParam(ctx.params.include) ?? []).filter((name) =>
    SUB_ACCOUNT_INCLUDES.includes(name),
  );
  if (toBoolean(ctx.params.recursive)) {
    const [lo, hi] = subtreeRange(account.path);
    const page = pageWithoutTotal(ctx, (limit, offset) =>
      accountsByIds(
        ctx,
        ctx.db
          // The page's ids come from walking accounts_by_depth (migration 007), already in order:
          // the unary `+` keeps SQLite from taking the path range instead and sorting the whole
          // subtree on every page. A small subtree pays a walk of the deeper index entries (about a
          // millisecond at 10,000 accounts) where sorting it would have been cheaper still.
          .prepare(
            `SELECT id FROM accounts
             WHERE depth > ? AND +path > ? AND +path < ? AND workflow_state = 'active'
             ORDER BY depth, id LIMIT ? OFFSET ?`,
          )
          .pluck()
          .all(account.depth, lo, hi, limit, offset) as number[],
      ),
    );
    return { body: accountPage(ctx, page.items, includes), headers: page.headers };
  }
  const orderBy = stringParam(ctx.params.order) === 'name' ? 'name COLLATE NOCASE, id' : 'id';
  const page = pageWithTotal(
    ctx,
    () =>
      (
        ctx.db
          .prepare(
            `SELECT COUNT(*) AS total FROM accounts WHERE parent_account_id = ? AND workflow_state = 'active'`,
          )
          .get(account.id) as { total: number }
      ).total,
    (limit, offset) =>
      ctx.db
        .prepare(
          `SELECT * FROM accounts WHERE parent_account_id = ? AND workflow_state = 'active'
           ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
        )
        .all(account.id, limit, offset) as AccountRow[],
  );
  return { body: accountPage(ctx, page.items, includes), headers: page.headers };
}

interface TermsOfServiceRow {
  id: number;
  account_id: number;
  terms_type: string;
  passive: number;
  content: string | null;
}

const SELF_REGISTRATION_TYPES = ['none', 'observer', 'all'];

function termsOfService(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  const rootId = account.root_account_id ?? account.id;
  const select = ctx.db.prepare('SELECT * FROM terms_of_service WHERE account_id = ?');
  let terms = select.get(rootId) as TermsOfServiceRow | undefined;
  if (!terms) {
    // Canvas gives a root account default, passive terms the first time they are asked for.
    ctx.db
      .prepare(`INSERT INTO terms_of_service (account_id, terms_type, passive) VALUES (?, 'default', 1)`)
      .run(rootId);
    terms = select.get(rootId) as TermsOfServiceRow;
  }
  const registration = accountSettings(account).self_registration_type;
  return {
    body: {
      id: terms.id,
      terms_type: terms.terms_type,
      passive: terms.passive === 1,
      account_id: terms.account_id,
      content: terms.content,
      self_registration_type:
        typeof registration === 'string' && SELF_REGISTRATION_TYPES.includes(registration)
          ? registration
          : 'none',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Help links

const ALL_HELP_AUDIENCES = ['user', 'student', 'teacher', 'admin', 'observer', 'unenrolled'];

interface HelpLink {
  id: string;
  text: string;
  subtext: string | null;
  url: string;
  type: 'default' | 'custom';
  available_to: string[];
  is_featured: boolean;
  is_new: boolean;
  feature_headline: string;
}

/**
 * Canvas's built-in help links as a hosted instance shows them (feedback links on, featured links
 * on). The Canvas Guides link is the featured one.
 */
const DEFAULT_HELP_LINKS: readonly HelpLink[] = [
  {
    id: 'instructor_question',
    text: 'Ask Your Instructor a Question',
    subtext: 'Questions are submitted to your instructor',
    url: '#teacher_feedback',
    type: 'default',
    available_to: ['student'],
    is_featured: false,
    is_new: false,
    feature_headline: '',
  },
  {
    id: 'search_the_canvas_guides',
    text: 'Search the Canvas Guides',
    subtext: 'Find answers to common questions',
    url: 'https://community.canvaslms.com/t5/Canvas/ct-p/canvas',
    type: 'default',
    available_to: ALL_HELP_AUDIENCES,
    is_featured: true,
    is_new: false,
    feature_headline: 'Little lost? Try here first!',
  },
  {
    id: 'report_a_problem',
    text: 'Report a Problem',
    subtext: 'If Canvas misbehaves, tell us about it',
    url: '#create_ticket',
    type: 'default',
    available_to: ALL_HELP_AUDIENCES,
    is_featured: false,
    is_new: false,
    feature_headline: '',
  },
];

/** Featured links are listed first (`Account::HelpLinks#instantiate_links`). */
function featuredFirst(links: HelpLink[]): HelpLink[] {
  return [...links.filter((link) => link.is_featured), ...links.filter((link) => !link.is_featured)];
}

/** A stored link, with anything it leaves out taken from the built-in link of the same id. */
function storedHelpLink(stored: Record<string, unknown>): HelpLink {
  const type = stored.type === 'default' ? 'default' : 'custom';
  const fallback = type === 'default' ? DEFAULT_HELP_LINKS.find((link) => link.id === stored.id) : undefined;
  const text = (key: string, otherwise: string | null) =>
    typeof stored[key] === 'string' ? stored[key] : otherwise;
  const flag = (key: 'is_featured' | 'is_new') =>
    typeof stored[key] === 'boolean' ? stored[key] : (fallback?.[key] ?? false);
  return {
    id: String(stored.id ?? ''),
    text: text('text', fallback?.text ?? '') ?? '',
    subtext: text('subtext', fallback?.subtext ?? null),
    url: text('url', fallback?.url ?? '') ?? '',
    type,
    available_to: Array.isArray(stored.available_to)
      ? stored.available_to.map(String)
      : (fallback?.available_to ?? ALL_HELP_AUDIENCES),
    is_featured: flag('is_featured'),
    is_new: flag('is_new'),
    feature_headline: text('feature_headline', fallback?.feature_headline ?? '') ?? '',
  };
}

function helpLinks(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  if (account.id !== domainRootAccountId(ctx.db)) return { body: {} };
  const settings = accountSettings(account);
  // Links saved by the current help-menu editor include the built-in ones the admin kept, in order.
  const stored = Array.isArray(settings.custom_help_links)
    ? settings.custom_help_links.filter(
        (link): link is Record<string, unknown> => typeof link === 'object' && link !== null,
      )
    : null;
  const custom = stored ? stored.map(storedHelpLink) : [...DEFAULT_HELP_LINKS];
  return {
    body: {
      help_link_name: typeof settings.help_link_name === 'string' ? settings.help_link_name : 'Help',
      help_link_icon: typeof settings.help_link_icon === 'string' ? settings.help_link_icon : 'help',
      custom_help_links: featuredFirst(custom),
      default_help_links: featuredFirst([...DEFAULT_HELP_LINKS]),
    },
  };
}

function manuallyCreatedCourses(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = manuallyCreatedCoursesAccount(ctx);
  const readOnly = !cachedAccountRights(ctx, account.path).has('read');
  return { body: accountJson(ctx, account, { readOnly }) };
}

const MAX_DOMAIN_RESULTS = 5;

/** The hosted account-domain lookup, over this sandbox's root account(s), served at this host. */
function searchAccountDomains(ctx: RequestContext): RouteResult {
  const name = stringParam(ctx.params.name)?.toLowerCase() ?? '';
  const domainQuery = stringParam(ctx.params.domain)?.toLowerCase() ?? '';
  const domain = new URL(ctx.baseUrl).host;
  const roots = ctx.db
    .prepare(
      `SELECT * FROM accounts WHERE parent_account_id IS NULL AND workflow_state = 'active' ORDER BY name COLLATE NOCASE, id`,
    )
    .all() as AccountRow[];
  const matches = roots.filter(
    (root) => root.name.toLowerCase().includes(name) && domain.toLowerCase().includes(domainQuery),
  );
  return {
    body: matches.slice(0, MAX_DOMAIN_RESULTS).map((root) => ({
      name: root.name,
      domain,
      distance: null,
      authentication_provider: 'canvas',
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Account courses

const DEFAULT_COURSE_STATES = ['created', 'claimed', 'available', 'completed'];
const ALL_COURSE_STATES = [...DEFAULT_COURSE_STATES, 'deleted'];
const ENROLLMENT_TYPES = ['teacher', 'student', 'ta', 'observer', 'designer'];
const ENROLLMENT_WORKFLOW_STATES = [
  'active',
  'completed',
  'deleted',
  'invited',
  'pending',
  'creation_pending',
  'rejected',
  'inactive',
];
/** Needs enrollments the account list does not load, so Canvas strips them. */
const STRIPPED_INCLUDES = ['permissions', 'sections', 'needs_grading_count', 'total_scores'];
const MAX_API_ID = 2n ** 63n - 1n;

/** `teacher` → `TeacherEnrollment` (`type.capitalize + "Enrollment"`). */
function enrollmentClass(type: string): string {
  return `${type.charAt(0).toUpperCase()}${type.slice(1)}Enrollment`;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** A `%term%` pattern for `LIKE ... ESCAPE '\'`, with the term's own wildcards taken literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function resolvedIds(references: string[], resolve: (reference: string) => number): number[] {
  const ids: number[] = [];
  for (const reference of references) {
    try {
      ids.push(resolve(reference));
    } catch (error) {
      // `Api.map_ids` drops references that do not resolve.
      if (!(error instanceof ApiError)) throw error;
    }
  }
  return ids;
}

interface CourseListQuery {
  from: string;
  where: string[];
  params: unknown[];
  orderBy: string;
}

interface CourseSort {
  expression: string;
  /** A join the expression reads from; joining lets SQLite walk the accounts or terms in name order. */
  join?: string;
}

const ACCOUNT_NAME_SORT: CourseSort = {
  expression: 'sa.name COLLATE NOCASE',
  join: 'JOIN accounts sa ON sa.id = c.account_id',
};

const COURSE_SORTS: Record<string, CourseSort> = {
  course_status: {
    expression: `CASE c.workflow_state WHEN 'available' THEN 1 WHEN 'completed' THEN 2 ELSE 0 END`,
  },
  course_name: { expression: 'c.name COLLATE NOCASE' },
  sis_course_id: { expression: 'c.sis_course_id' },
  teacher: {
    expression: `(SELECT u.sortable_name FROM enrollments e JOIN users u ON u.id = e.user_id
       WHERE e.course_id = c.id AND e.type = 'TeacherEnrollment' AND e.workflow_state <> 'deleted'
       ORDER BY u.sortable_name COLLATE NOCASE LIMIT 1) COLLATE NOCASE`,
  },
  account_name: ACCOUNT_NAME_SORT,
  subaccount: ACCOUNT_NAME_SORT,
  term: {
    expression: 'st.name COLLATE NOCASE',
    join: 'JOIN enrollment_terms st ON st.id = c.enrollment_term_id',
  },
};

/**
 * Canvas appends `DESC, id DESC` or `, id` only when both `sort` and `order` are given; with `sort`
 * alone ties come in whatever order the database returns them, which here is by id. NULLs sort as
 * PostgreSQL sorts them: last ascending, first descending. Unknown sorts fall back to the id.
 */
function courseOrder(ctx: RequestContext): { orderBy: string; join?: string } {
  const sort = stringParam(ctx.params.sort);
  if (sort === undefined) return { orderBy: 'c.id' };
  const { expression, join } = COURSE_SORTS[sort] ?? { expression: 'c.id' };
  const descending = stringParam(ctx.params.order) === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  return {
    orderBy: `${expression} ${direction} NULLS ${descending ? 'FIRST' : 'LAST'}, c.id ${direction}`,
    join,
  };
}

function buildCourseQuery(
  ctx: RequestContext,
  account: AccountRow,
  rights: Set<AccountRight>,
): CourseListQuery {
  const { params } = ctx;
  const where: string[] = [];
  const bound: unknown[] = [];
  const joins: string[] = [];
  const root =
    account.root_account_id === null ? account : findAccount(ctx.db, String(account.root_account_id));

  if (account.root_account_id === null) {
    where.push('c.root_account_id = ?');
    bound.push(account.id);
  } else {
    const [lo, hi] = subtreeRange(account.path);
    where.push('c.account_id IN (SELECT id FROM accounts WHERE path >= ? AND path < ?)');
    bound.push(lo, hi);
  }

  let states = listParam(params.state) ?? DEFAULT_COURSE_STATES;
  if (states.includes('all')) states = ALL_COURSE_STATES;
  const published = optionalBoolean(params.published);
  if (published === true)
    states = states.filter((state) => !['created', 'claimed', 'completed', 'deleted'].includes(state));
  if (published === false) states = states.filter((state) => state !== 'available');
  if (states.length === 0) where.push('0');
  else {
    // Spelled so that SQLite can walk the index of live courses (migration 007) in id order when
    // deleted courses are not asked for, which is the default.
    if (!states.includes('deleted')) where.push(`c.workflow_state <> 'deleted'`);
    const everyLiveState = DEFAULT_COURSE_STATES.every((state) => states.includes(state));
    if (!everyLiveState || states.includes('deleted')) {
      where.push(`c.workflow_state IN (${placeholders(states)})`);
      bound.push(...states);
    }
  }

  const anyEnrollment = `SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.workflow_state <> 'deleted'`;
  const withEnrollments = optionalBoolean(params.with_enrollments);
  // Mere presence counts, whatever the value, as Ruby treats any string as true.
  const hideEnrollmentless =
    params.hide_enrollmentless_courses !== undefined && params.hide_enrollmentless_courses !== null;
  if (hideEnrollmentless || withEnrollments === true) {
    where.push(`EXISTS (${anyEnrollment})`);
  } else if (withEnrollments === false) {
    where.push(`NOT EXISTS (${anyEnrollment})`);
  }

  const enrollmentTypes = arrayParam(params.enrollment_type);
  const enrollmentStates = arrayParam(params.enrollment_workflow_state);
  if (enrollmentTypes || enrollmentStates) {
    const conditions = ['e.course_id = c.id'];
    if (enrollmentTypes) {
      conditions.push(`e.type IN (${placeholders(enrollmentTypes)})`);
      bound.push(...enrollmentTypes.map(enrollmentClass));
    }
    if (enrollmentStates) {
      conditions.push(`e.workflow_state IN (${placeholders(enrollmentStates)})`);
      bound.push(...enrollmentStates);
    } else {
      conditions.push(`e.workflow_state <> 'deleted'`);
    }
    where.push(`EXISTS (SELECT 1 FROM enrollments e WHERE ${conditions.join(' AND ')})`);
  }

  const now = isoSeconds(new Date());
  const completed = optionalBoolean(params.completed);
  const zone = callerTimeZone(ctx, root);
  // `CanvasTime.try_parse`: a date filter that does not parse is ignored rather than refused.
  const dateFilter = (value: ParamValue | undefined): string | undefined => {
    const parsed = parseCanvasDateTime(stringParam(value) ?? '', zone);
    return parsed ? isoSeconds(parsed) : undefined;
  };
  const startsBefore = dateFilter(params.starts_before);
  const endsAfter = dateFilter(params.ends_after);
  if (completed !== undefined || startsBefore || endsAfter)
    joins.push('JOIN enrollment_terms t ON t.id = c.enrollment_term_id');
  if (completed === true) {
    where.push(
      `(c.workflow_state = 'completed' OR c.conclude_at < ? OR (c.conclude_at IS NULL AND t.end_at < ?))`,
    );
    bound.push(now, now);
  } else if (completed === false) {
    where.push(
      `(c.workflow_state <> 'completed' AND (c.conclude_at IS NULL OR c.conclude_at >= ?)
        AND (c.conclude_at IS NOT NULL OR t.end_at IS NULL OR t.end_at >= ?))`,
    );
    bound.push(now, now);
  }

  const flagFilters: [ParamValue | undefined, string][] = [
    [params.blueprint, 'c.blueprint'],
    [params.blueprint_associated, 'c.blueprint_associated'],
    [params.public, 'c.is_public'],
  ];
  for (const [value, column] of flagFilters) {
    const wanted = optionalBoolean(value);
    if (wanted !== undefined) where.push(`${column} = ${wanted ? 1 : 0}`);
  }
  if (toBoolean(params.homeroom)) where.push('c.homeroom_course = 1');

  if (startsBefore) {
    where.push('((c.start_at IS NULL AND t.start_at IS NULL) OR c.start_at <= ? OR t.start_at <= ?)');
    bound.push(startsBefore, startsBefore);
  }
  if (endsAfter) {
    where.push('((c.conclude_at IS NULL AND t.end_at IS NULL) OR c.conclude_at >= ? OR t.end_at >= ?)');
    bound.push(endsAfter, endsAfter);
  }

  const byTeachers = arrayParam(params.by_teachers);
  if (byTeachers) {
    const teacherIds = resolvedIds(byTeachers, (reference) => findUser(ctx, reference).id);
    if (teacherIds.length === 0) where.push('0');
    else {
      where.push(
        `c.id IN (SELECT e.course_id FROM enrollments e WHERE e.user_id IN (${placeholders(teacherIds)})
           AND e.type = 'TeacherEnrollment' AND e.workflow_state <> 'deleted')`,
      );
      bound.push(...teacherIds);
    }
  }

  const bySubaccounts = arrayParam(params.by_subaccounts);
  if (bySubaccounts) {
    const subaccountIds = resolvedIds(
      bySubaccounts,
      (reference) => findAccount(ctx.db, reference, { includeDeleted: true }).id,
    );
    const ranges = accountsByIds(ctx, subaccountIds).map((row) => subtreeRange(row.path));
    if (ranges.length === 0) where.push('0');
    else {
      joins.push('JOIN accounts ca ON ca.id = c.account_id');
      where.push(`(${ranges.map(() => '(ca.path >= ? AND ca.path < ?)').join(' OR ')})`);
      bound.push(...ranges.flat());
    }
  }

  if (params.enrollment_term_id !== undefined) {
    const list = arrayParam(params.enrollment_term_id);
    const termIds = list
      ? resolvedIds(list, (reference) => findTerm(ctx.db, root.id, reference).id)
      : [findTerm(ctx.db, root.id, stringParam(params.enrollment_term_id) ?? '').id];
    if (termIds.length === 0) where.push('0');
    else {
      where.push(`c.enrollment_term_id IN (${placeholders(termIds)})`);
      bound.push(...termIds);
    }
  }

  if (params.search_term !== undefined) {
    const term = stringParam(params.search_term) ?? '';
    if ([...term].length < 2) throw errors.searchTermTooShort();
    const pattern = containsPattern(term);
    if (stringParam(params.search_by) === 'teacher') {
      // Matching teachers first and then their courses is far cheaper than testing every course.
      where.push(
        `c.id IN (SELECT e.course_id FROM users u JOIN enrollments e ON e.user_id = u.id
           WHERE u.name LIKE ? ESCAPE '\\' AND e.type = 'TeacherEnrollment'
             AND e.workflow_state NOT IN ('rejected', 'inactive', 'completed', 'deleted'))`,
      );
      bound.push(pattern);
    } else {
      const alternatives = [`c.name LIKE ? ESCAPE '\\'`, `c.course_code LIKE ? ESCAPE '\\'`];
      bound.push(pattern, pattern);
      if (/^\d+$/.test(term) && BigInt(term) <= MAX_API_ID) {
        alternatives.push('c.id = ?');
        bound.push(BigInt(term));
      }
      if (rights.has('read_sis') || rights.has('manage_sis')) {
        alternatives.push(`c.sis_course_id LIKE ? ESCAPE '\\'`);
        bound.push(pattern);
      }
      where.push(`(${alternatives.join(' OR ')})`);
    }
  }

  const { orderBy, join } = courseOrder(ctx);
  if (join) joins.push(join);
  return { from: `courses c ${joins.join(' ')}`, where, params: bound, orderBy };
}

/** The `enrollment_type[]` and `enrollment_workflow_state[]` values must all be known ones. */
function validateEnrollmentFilters(ctx: RequestContext): void {
  const checks: [string, readonly string[]][] = [
    ['enrollment_type', ENROLLMENT_TYPES],
    ['enrollment_workflow_state', ENROLLMENT_WORKFLOW_STATES],
  ];
  for (const [name, allowed] of checks) {
    const values = arrayParam(ctx.params[name]);
    if (values?.some((value) => !allowed.includes(value))) {
      throw errors.message(400, `Invalid value provided to '${name}'`);
    }
  }
}

/** Course rows in the order of `ids`. */
function coursesByIds(ctx: RequestContext, ids: number[]): CourseRow[] {
  if (ids.length === 0) return [];
  const rows = ctx.db
    .prepare('SELECT * FROM courses WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as CourseRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function accountCourses(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  const rights = authorizeAccount(ctx, account, 'read_course_list');
  validateEnrollmentFilters(ctx);
  const query = buildCourseQuery(ctx, account, rights);

  let includes = (listParam(ctx.params.include) ?? []).filter((name) => !STRIPPED_INCLUDES.includes(name));
  // Canvas's own UI asks for totals with the undocumented `ui_invoked`; API callers get no count.
  const uiInvoked = includes.includes('ui_invoked');
  includes = includes.filter((name) => name !== 'ui_invoked');
  const rawLimit = stringParam(ctx.params.teacher_limit);
  const teacherLimit = rawLimit?.trim() ? Number.parseInt(rawLimit, 10) || 0 : undefined;

  const whereSql = query.where.join(' AND ');
  // Ordinal pages make SQLite step over every earlier row. Picking the page's ids first lets it step
  // over narrow index entries (migration 007) rather than whole course rows; only the page is loaded.
  const fetchRows = (limit: number, offset: number) =>
    coursesByIds(
      ctx,
      ctx.db
        .prepare(
          `SELECT c.id FROM ${query.from} WHERE ${whereSql} ORDER BY ${query.orderBy} LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(...query.params, limit, offset) as number[],
    );
  const page = uiInvoked
    ? pageWithTotal(
        ctx,
        () =>
          (
            ctx.db
              .prepare(`SELECT COUNT(*) AS total FROM ${query.from} WHERE ${whereSql}`)
              .get(...query.params) as {
              total: number;
            }
          ).total,
        fetchRows,
      )
    : pageWithoutTotal(ctx, fetchRows);

  const options = { includes, teacherLimit };
  preloadCourseIncludes(ctx, page.items, options);
  return { body: page.items.map((row) => courseJson(ctx, row, options)), headers: page.headers };
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/accounts', handler: listAccounts },
  { method: 'GET', path: '/api/v1/manageable_accounts', handler: manageableAccounts },
  { method: 'GET', path: '/api/v1/course_creation_accounts', handler: courseCreationAccounts },
  { method: 'GET', path: '/api/v1/course_accounts', handler: courseAccounts },
  { method: 'GET', path: '/api/v1/manually_created_courses_account', handler: manuallyCreatedCourses },
  { method: 'GET', path: '/api/v1/settings/environment', handler: environmentSettings },
  { method: 'GET', path: '/api/v1/accounts/search', handler: searchAccountDomains },
  { method: 'GET', path: '/api/v1/accounts/:id', handler: showAccount },
  { method: 'GET', path: '/api/v1/accounts/:account_id/settings', handler: showSettings },
  { method: 'GET', path: '/api/v1/accounts/:account_id/permissions', handler: accountPermissions },
  { method: 'GET', path: '/api/v1/accounts/:account_id/sub_accounts', handler: subAccounts },
  { method: 'GET', path: '/api/v1/accounts/:account_id/terms_of_service', handler: termsOfService },
  { method: 'GET', path: '/api/v1/accounts/:account_id/help_links', handler: helpLinks },
  { method: 'GET', path: '/api/v1/accounts/:account_id/courses', handler: accountCourses },
];

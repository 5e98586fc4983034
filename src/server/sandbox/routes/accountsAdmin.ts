import { randomInt } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { sortableNameFor } from '../db/generate.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { ApiError, type AttributeError, errors } from '../http/errors.ts';
import {
  bookmarkLinkHeader,
  decodeBookmark,
  encodeBookmark,
  pageArray,
  pageWithoutTotal,
  pageWithTotal,
  perPageFor,
} from '../http/pagination.ts';
import {
  arrayParam,
  hashParam,
  isBlank,
  isHash,
  type ParamHash,
  type ParamValue,
  rubyToI,
  stringParam,
  toBoolean,
} from '../http/params.ts';
import {
  type AccountRow,
  type CourseRow,
  findAccount,
  findCourse,
  findTerm,
  findUser,
  pathAccount,
  subtreeRange,
  type TermRow,
  type UserRow,
} from '../lookup.ts';
import { type AccountRight, accountRights, authorizeAccount, pathIds } from '../permissions.ts';
import {
  accountJson,
  accountSettings,
  cachedAccountRights,
  RAILS_TIME_ZONES,
  rootAccountOf,
  UI_SERVICE_DEFAULTS,
} from '../serializers/account.ts';
import { type AdminMembershipRow, adminJson } from '../serializers/admin.ts';
import { courseJson } from '../serializers/course.ts';
import { type RoleRow, roleJson, VISIBLE_BUILT_IN_ROLES } from '../serializers/role.ts';
import { preloadTermCourseCounts, termJson } from '../serializers/term.ts';
import {
  callerTimeZone,
  preloadUserLogins,
  profileJson,
  removedUserJson,
  userJson,
  userShowJson,
} from '../serializers/user.ts';
import { isoSeconds, parseCanvasDateTime } from '../time.ts';

// ---------------------------------------------------------------------------------------------
// Rails and Ruby semantics the endpoints depend on

/** Rails' `presence` for a scalar param: the string, or undefined when blank or not a scalar. */
function presence(value: ParamValue | undefined): string | undefined {
  const text = stringParam(value);
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** Ruby's `Array(x)`: arrays as they are, a scalar wrapped, nil as empty. */
function arrayOf(value: ParamValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  return arrayParam(value) ?? (isHash(value) ? [] : [String(value)]);
}

const UUID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `CanvasSlug.generate_securish_uuid`: 40 random alphanumerics. */
function canvasUuid(): string {
  let uuid = '';
  for (let i = 0; i < 40; i++) uuid += UUID_ALPHABET.charAt(randomInt(UUID_ALPHABET.length));
  return uuid;
}

/** Account `lti_guid`: the uuid with Canvas's `INSTANCE_GUID_SUFFIX`. */
function ltiGuidFor(uuid: string): string {
  return `${uuid}:canvas-lms`;
}

function now(): string {
  return isoSeconds(new Date());
}

/** Validation errors in the order Rails collects them, rendered with Canvas's attribute-keyed shape. */
class FieldErrors {
  readonly entries: Record<string, AttributeError[]> = {};

  add(attribute: string, error: AttributeError): void {
    const list = this.entries[attribute] ?? [];
    list.push(error);
    this.entries[attribute] = list;
  }

  get empty(): boolean {
    return Object.keys(this.entries).length === 0;
  }

  toApiError(status: number): ApiError {
    return errors.attributes(status, this.entries);
  }

  /** The attribute-keyed hash alone, for bodies that nest several models' errors. */
  toJson(): unknown {
    return (this.toApiError(400).body as { errors: unknown }).errors;
  }
}

/** A built-in validator's failure: Canvas reports the validator code as both type and message. */
function code(type: string): AttributeError {
  return { type, message: type };
}

const MAX_NAME_LENGTH = 255;

/** A `RequestError` raised while building a query: `{"status":"bad_request","message":...}`. */
function requestError(message: string): ApiError {
  return new ApiError(400, { status: 'bad_request', message });
}

// ---------------------------------------------------------------------------------------------
// Time zones and dates

const IANA_BY_RAILS_NAME = new Map(RAILS_TIME_ZONES.map(([friendly, iana]) => [friendly, iana]));
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * `ActiveSupport::TimeZone[name]`: a Rails name (`Mountain Time (US & Canada)`) or a tz database
 * identifier, spelled exactly. Returns the Rails name's zone or the identifier, undefined if unknown.
 */
function recognizedTimeZone(name: string): { iana: string; given: string } | undefined {
  const mapped = IANA_BY_RAILS_NAME.get(name);
  if (mapped) return { iana: mapped, given: name };
  if (!ZONE_NAME_PATTERN.test(name)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // ICU ignores case, tzinfo does not: `america/denver` is not a zone to Rails.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return undefined;
  return { iana: name, given: name };
}

/** A datetime param as Rails casts it (see `parseCanvasDateTime`): blank or unparsable becomes nil. */
function parseDateTimeParam(value: ParamValue | undefined, ianaZone: string): string | null {
  const parsed = parseCanvasDateTime(stringParam(value) ?? '', ianaZone);
  return parsed ? isoSeconds(parsed) : null;
}

// ---------------------------------------------------------------------------------------------
// Lookups shared by several endpoints

/**
 * `Account#find_child`: an account below `parent` by numeric id (deleted ones included); for a root
 * account, any account of that root. Anything else is a 404.
 */
function findChild(ctx: RequestContext, parent: AccountRow, id: number): AccountRow {
  const child = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  if (!child || child.id === parent.id) throw errors.notFound();
  const isDescendant =
    parent.root_account_id === null
      ? child.root_account_id === parent.id
      : child.path.startsWith(parent.path);
  if (!isDescendant) throw errors.notFound();
  return child;
}

/** `subaccount_or_self`: the path account itself when the `to_i`'d id names it, else a descendant. */
function subaccountOrSelf(
  ctx: RequestContext,
  account: AccountRow,
  reference: ParamValue | undefined,
): AccountRow {
  const id = rubyToI(reference);
  return id === account.id ? account : findChild(ctx, account, id);
}

function reloadAccount(db: Db, id: number): AccountRow {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  if (!row) throw errors.notFound();
  return row;
}

function roleByName(db: Db, rootAccountId: number, name: string): RoleRow | undefined {
  return db
    .prepare(`SELECT * FROM roles WHERE root_account_id = ? AND name = ? AND workflow_state = 'built_in'`)
    .get(rootAccountId, name) as RoleRow | undefined;
}

// Storage quotas Canvas falls back to at the root (`Account.default_storage_quota` and friends).
const ROOT_QUOTA_DEFAULTS = {
  default_storage_quota_mb: 500,
  default_user_storage_quota_mb: 50,
  default_group_storage_quota_mb: 50,
} as const;
type QuotaField = keyof typeof ROOT_QUOTA_DEFAULTS;
const QUOTA_FIELDS = Object.keys(ROOT_QUOTA_DEFAULTS) as QuotaField[];

/**
 * `Account#default_storage_quota=`: zero or less means "inherit", i.e. the parent's value (the
 * root's default for a root account).
 */
function effectiveQuota(value: number, field: QuotaField, parent: AccountRow | undefined): number {
  if (value > 0) return value;
  return parent ? parent[field] : ROOT_QUOTA_DEFAULTS[field];
}

// ---------------------------------------------------------------------------------------------
// POST /accounts/:account_id/sub_accounts

const SIS_PERMISSION_MESSAGE = 'user not authorized to manage SIS data - account[sis_account_id]';

/** `verify_unique_sis_source_id`: SIS ids are unique among all accounts of a root. */
function sisAccountIdTaken(db: Db, rootId: number, sisId: string, exceptId: number | null): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM accounts WHERE root_account_id = ? AND sis_account_id = ? AND id IS NOT ? LIMIT 1',
      )
      .get(rootId, sisId, exceptId) !== undefined
  );
}

function createSubAccount(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_settings');
  const raw = ctx.params.account;
  const attributes = hashParam(raw);
  const parentReference = attributes?.parent_account_id;
  const parent =
    parentReference === undefined || parentReference === null
      ? account
      : subaccountOrSelf(ctx, account, parentReference);
  if (parent.id !== account.id) authorizeAccount(ctx, parent, 'manage_account_settings');
  if (!attributes || isBlank(raw)) throw errors.missingParam('account');
  const name = stringParam(attributes.name);
  if (name === undefined || isBlank(name)) throw errors.message(400, 'Account name is required');
  const sisReference = attributes.sis_account_id;
  const sisGiven = sisReference !== undefined && sisReference !== null;
  if (sisGiven && !cachedAccountRights(ctx, account.path).has('manage_sis')) {
    throw errors.message(401, SIS_PERMISSION_MESSAGE);
  }

  const root = rootAccountOf(ctx, account);
  const sisId = sisGiven ? (presence(sisReference) ?? null) : null;
  const validation = new FieldErrors();
  if (name.length > MAX_NAME_LENGTH) validation.add('name', code('too_long'));
  if (sisId !== null && sisAccountIdTaken(ctx.db, root.id, sisId, null)) {
    validation.add('sis_source_id', `SIS ID "${sisId}" is already in use`);
  }
  if (!validation.empty) throw validation.toApiError(400);

  const quotas = Object.fromEntries(
    QUOTA_FIELDS.map((field) => {
      const given = attributes[field];
      const value = given === undefined || given === null ? 0 : rubyToI(given);
      return [field, effectiveQuota(value, field, parent)];
    }),
  ) as Record<QuotaField, number>;
  const uuid = canvasUuid();
  const timestamp = now();
  const created = ctx.db.transaction(() => {
    const inserted = ctx.db
      .prepare(
        `INSERT INTO accounts (name, uuid, parent_account_id, root_account_id, path, depth, workflow_state,
           sis_account_id, lti_guid, default_storage_quota_mb, default_user_storage_quota_mb,
           default_group_storage_quota_mb, created_at, updated_at)
         VALUES (?, ?, ?, ?, '', ?, 'active', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        name,
        uuid,
        parent.id,
        root.id,
        parent.depth + 1,
        sisId,
        ltiGuidFor(uuid),
        quotas.default_storage_quota_mb,
        quotas.default_user_storage_quota_mb,
        quotas.default_group_storage_quota_mb,
        timestamp,
        timestamp,
      );
    const id = Number(inserted.lastInsertRowid);
    ctx.db.prepare('UPDATE accounts SET path = ? WHERE id = ?').run(`${parent.path}${id}/`, id);
    return reloadAccount(ctx.db, id);
  })();
  return { body: accountJson(ctx, created) };
}

// ---------------------------------------------------------------------------------------------
// DELETE /accounts/:account_id/sub_accounts/:id

function deleteSubAccount(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_settings');
  const target = subaccountOrSelf(ctx, account, ctx.pathParams.id);
  const [lo, hi] = subtreeRange(target.path);
  const hasCourses = ctx.db
    .prepare(
      `SELECT 1 FROM courses c JOIN accounts a ON a.id = c.account_id
       WHERE a.path >= ? AND a.path < ? AND c.workflow_state <> 'deleted' LIMIT 1`,
    )
    .get(lo, hi);
  if (hasCourses) throw errors.message(409, "You can't delete a sub-account that has courses in it.");
  const hasChildren = ctx.db
    .prepare(`SELECT 1 FROM accounts WHERE parent_account_id = ? AND workflow_state = 'active' LIMIT 1`)
    .get(target.id);
  if (hasChildren) throw errors.message(409, "You can't delete a sub-account that has sub-accounts in it.");
  if (target.root_account_id === null) throw errors.message(401, "You can't delete a root_account.");

  const deleted = ctx.db.transaction(() => {
    const timestamp = now();
    // `Account#destroy` also retires the account's admin memberships.
    ctx.db
      .prepare(
        `UPDATE account_users SET workflow_state = 'deleted' WHERE account_id = ? AND workflow_state = 'active'`,
      )
      .run(target.id);
    ctx.db
      .prepare(`UPDATE accounts SET workflow_state = 'deleted', updated_at = ? WHERE id = ?`)
      .run(timestamp, target.id);
    return reloadAccount(ctx.db, target.id);
  })();
  return { body: accountJson(ctx, deleted) };
}

// ---------------------------------------------------------------------------------------------
// PUT /accounts/:id

/** Settings the API update keeps (`permitted_api_account_settings`); every other key is dropped. */
const LOCKABLE_BOOLEAN_SETTINGS = new Set([
  'restrict_student_past_view',
  'restrict_student_future_view',
  'restrict_student_future_listing',
  'restrict_quantitative_data',
  'lock_all_announcements',
  'conditional_release',
  'enable_as_k5_account',
  'use_classic_font_in_k5',
  'horizon_account',
]);
const PLAIN_BOOLEAN_SETTINGS = new Set(['enable_course_paces', 'microsoft_sync_enabled']);
const STRING_SETTINGS = new Set([
  'microsoft_sync_tenant',
  'microsoft_sync_login_attribute',
  'microsoft_sync_login_attribute_suffix',
  'microsoft_sync_remote_attribute',
]);
const DASHBOARD_VIEWS = new Set(['activity', 'cards', 'planner']);
const SIS_NAME_LENGTH_LIMIT = 255;
const INTEGER_PATTERN = /^[+-]?\d+$/;
/** Quotas are stored in bytes, below 2^62. */
const MAX_QUOTA_MB = 2 ** 62 / 1_048_576;

/** `{value, locked}` settings: a hash keeps both flags, a bare value sets `value` unlocked. */
function lockableBoolean(value: ParamValue): { value: boolean; locked: boolean } {
  if (isHash(value)) return { value: toBoolean(value.value), locked: toBoolean(value.locked) };
  return { value: toBoolean(value), locked: false };
}

/** `ensure_sis_max_name_length_value!`: up to three digits and at most 255, else 255. */
function sisNameLength(value: ParamValue): { value: string } {
  const given = stringParam(isHash(value) ? value.value : value) ?? '';
  const valid = /^\d{1,3}$/.test(given) && Number(given) <= SIS_NAME_LENGTH_LIMIT;
  return { value: valid ? given : String(SIS_NAME_LENGTH_LIMIT) };
}

/**
 * The whitelisted settings as Canvas stores them. `password_policy` is left out: it only applies with
 * the password-complexity feature, which the sandbox never turns on.
 */
function permittedSettings(given: ParamHash): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (LOCKABLE_BOOLEAN_SETTINGS.has(key)) kept[key] = lockableBoolean(value);
    else if (PLAIN_BOOLEAN_SETTINGS.has(key)) kept[key] = toBoolean(isHash(value) ? value.value : value);
    else if (STRING_SETTINGS.has(key)) kept[key] = stringParam(value) ?? null;
    else if (key === 'sis_assignment_name_length_input') kept[key] = sisNameLength(value);
    else if (key === 'suppress_notifications') {
      kept[key] = Array.isArray(value) ? (arrayParam(value) ?? []) : toBoolean(value);
    }
  }
  return kept;
}

interface AccountChanges {
  name?: string;
  defaultTimeZone?: string;
  settings?: Record<string, unknown>;
  quotas: Partial<Record<QuotaField, number>>;
  sisAccountId?: string | null;
  courseTemplateId?: number | null;
  services?: Record<string, boolean>;
  newParent?: AccountRow;
}

/**
 * `set_course_template`: blank inherits, `0` means "no template", anything else must be a template
 * course of the root. Returns false when the caller may not make that change.
 */
function courseTemplateChange(
  ctx: RequestContext,
  account: AccountRow,
  rights: Set<AccountRight>,
  value: ParamValue,
  changes: AccountChanges,
): boolean {
  const current = account.course_template_id;
  const mayRemove = rights.has('delete_course_template') || rights.has('edit_course_template');
  if (isBlank(value)) {
    if (current === null) return true;
    if (!mayRemove) return false;
    changes.courseTemplateId = null;
    return true;
  }
  if (stringParam(value) === '0') {
    if (current === 0) return true;
    if (!mayRemove) return false;
    changes.courseTemplateId = 0;
    return true;
  }
  if (current === rubyToI(value)) return true;
  const template = findCourse(ctx.db, stringParam(value) ?? '');
  if (template.root_account_id !== rootAccountOf(ctx, account).id || template.template !== 1)
    throw errors.notFound();
  if (current === null && !(rights.has('add_course_template') || rights.has('edit_course_template')))
    return false;
  if (current !== null && !rights.has('edit_course_template')) return false;
  changes.courseTemplateId = template.id;
  return true;
}

/** Moves `account` and its whole subtree below `newParent`, rewriting their materialized paths. */
function moveSubtree(db: Db, account: AccountRow, newParent: AccountRow, timestamp: string): void {
  const newPath = `${newParent.path}${account.id}/`;
  const depthDelta = newParent.depth + 1 - account.depth;
  const [lo, hi] = subtreeRange(account.path);
  db.prepare(
    `UPDATE accounts SET path = ? || substr(path, ?), depth = depth + ?
     WHERE path >= ? AND path < ?`,
  ).run(newPath, account.path.length + 1, depthDelta, lo, hi);
  db.prepare('UPDATE accounts SET parent_account_id = ?, updated_at = ? WHERE id = ?').run(
    newParent.id,
    timestamp,
    account.id,
  );
}

function updateAccount(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx, 'id');
  const rights = authorizeAccount(ctx, account, 'manage_account_settings', 'manage_storage_quotas');
  const root = rootAccountOf(ctx, account);
  const isRoot = account.root_account_id === null;
  const attributes = hashParam(ctx.params.account) ?? {};
  const includes = arrayOf(ctx.params.includes);
  const problems = new FieldErrors();
  const changes: AccountChanges = { quotas: {} };
  let unauthorized = false;

  if ('sis_account_id' in attributes) {
    if (cachedAccountRights(ctx, root.path).has('manage_sis') && !isRoot) {
      changes.sisAccountId = presence(attributes.sis_account_id) ?? null;
    } else {
      problems.add(
        'unauthorized',
        isRoot
          ? 'Cannot set sis_account_id on a root_account.'
          : 'To change sis_account_id the user must have manage_sis permission.',
      );
      unauthorized = true;
    }
  }

  const parentReference = presence(attributes.parent_account_id);
  if (parentReference !== undefined) {
    if (isRoot) {
      problems.add('unauthorized', 'You cannot move a root account.');
      unauthorized = true;
    } else {
      const destination = findAccount(ctx.db, parentReference);
      if (destination.id !== root.id && destination.root_account_id !== root.id) throw errors.notFound();
      const source = reloadAccount(ctx.db, account.parent_account_id ?? root.id);
      if (!cachedAccountRights(ctx, source.path).has('manage_account_settings')) {
        problems.add('unauthorized', 'You are not authorized to manage the source parent account.');
        unauthorized = true;
      }
      if (!cachedAccountRights(ctx, destination.path).has('manage_account_settings')) {
        problems.add('unauthorized', 'You are not authorized to manage the destination parent account.');
        unauthorized = true;
      }
      if (destination.id !== account.parent_account_id) changes.newParent = destination;
    }
  }

  const services = hashParam(attributes.services);
  if (services) {
    // Canvas checks this with `authorized_action`, which answers the request with its 403 there and then.
    if (!rights.has('manage_account_settings')) throw errors.unauthorized();
    changes.services = {};
    for (const [service, value] of Object.entries(services)) {
      if (service in UI_SERVICE_DEFAULTS) changes.services[service] = toBoolean(value);
    }
    includes.push('services');
  }

  const givenSettings = hashParam(attributes.settings);
  const dashboardView = stringParam(givenSettings?.default_dashboard_view);
  const storedSettings = accountSettings(account);
  if (dashboardView !== undefined && dashboardView !== storedSettings.default_dashboard_view) {
    if (!rights.has('manage_account_settings')) throw errors.unauthorized();
  }

  if ('course_template_id' in attributes) {
    const allowed = courseTemplateChange(
      ctx,
      account,
      rights,
      attributes.course_template_id ?? null,
      changes,
    );
    if (!allowed) unauthorized = true;
  }

  const settingsGroup = (['name', 'default_time_zone', 'settings'] as const).filter(
    (key) => key in attributes,
  );
  if (settingsGroup.length > 0) {
    if (rights.has('manage_account_settings')) {
      if ('name' in attributes) {
        const name = stringParam(attributes.name) ?? '';
        if (isBlank(name)) problems.add('name', 'The account name cannot be blank');
        changes.name = name;
      }
      if ('default_time_zone' in attributes) {
        const requested = stringParam(attributes.default_time_zone) ?? '';
        const zone = recognizedTimeZone(requested);
        if (zone) changes.defaultTimeZone = zone.iana;
        else problems.add('default_time_zone', `'${requested}' is not a recognized time zone`);
      }
      if (givenSettings) {
        changes.settings = permittedSettings(givenSettings);
        if (dashboardView !== undefined && DASHBOARD_VIEWS.has(dashboardView)) {
          changes.settings.default_dashboard_view = dashboardView;
        }
      }
    } else {
      for (const key of settingsGroup) problems.add(key, 'You are not allowed to manage account settings');
      unauthorized = true;
    }
  }

  const quotaGroup = QUOTA_FIELDS.filter((field) => field in attributes);
  if (quotaGroup.length > 0) {
    if (rights.has('manage_storage_quotas')) {
      for (const field of quotaGroup) {
        const text = (stringParam(attributes[field]) ?? '').trim();
        if (!INTEGER_PATTERN.test(text)) {
          problems.add(field, 'An integer value is required');
          continue;
        }
        const value = Number.parseInt(text, 10);
        if (value < 0) problems.add(field, 'Value must be positive');
        if (value >= MAX_QUOTA_MB) problems.add(field, 'Value too large');
        changes.quotas[field] = value;
      }
    } else {
      for (const field of quotaGroup) problems.add(field, 'You are not allowed to manage quota settings');
      unauthorized = true;
    }
  }

  if (unauthorized) throw problems.toApiError(401);
  if (!problems.empty) throw problems.toApiError(400);

  // Model validations, run on save.
  if (changes.name !== undefined && changes.name.length > MAX_NAME_LENGTH)
    problems.add('name', code('too_long'));
  if (
    changes.sisAccountId !== undefined &&
    changes.sisAccountId !== null &&
    sisAccountIdTaken(ctx.db, root.id, changes.sisAccountId, account.id)
  ) {
    problems.add('sis_source_id', `SIS ID "${changes.sisAccountId}" is already in use`);
  }
  if (changes.newParent?.path.startsWith(account.path)) {
    const sisOrId = (row: AccountRow) => row.sis_account_id ?? String(row.id);
    problems.add(
      'parent_account_id',
      `Setting account ${sisOrId(account)}'s parent to ${sisOrId(changes.newParent)} would create a loop`,
    );
  }
  if (!problems.empty) throw problems.toApiError(400);

  const updated = ctx.db.transaction(() => applyAccountChanges(ctx, account, changes))();
  return { body: accountJson(ctx, updated, { includes }) };
}

function applyAccountChanges(ctx: RequestContext, account: AccountRow, changes: AccountChanges): AccountRow {
  const timestamp = now();
  const parent =
    account.parent_account_id === null ? undefined : reloadAccount(ctx.db, account.parent_account_id);
  const assignments: string[] = [];
  const values: (string | number | null)[] = [];
  const set = (column: string, value: string | number | null) => {
    assignments.push(`${column} = ?`);
    values.push(value);
  };
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.defaultTimeZone !== undefined) set('default_time_zone', changes.defaultTimeZone);
  if (changes.settings !== undefined) {
    set('settings', JSON.stringify({ ...accountSettings(account), ...changes.settings }));
  }
  if (changes.sisAccountId !== undefined) set('sis_account_id', changes.sisAccountId);
  if (changes.courseTemplateId !== undefined) set('course_template_id', changes.courseTemplateId);
  if (changes.services !== undefined) {
    const stored: unknown = JSON.parse(account.services);
    const current = typeof stored === 'object' && stored !== null ? stored : {};
    set('services', JSON.stringify({ ...current, ...changes.services }));
  }
  for (const [field, value] of Object.entries(changes.quotas) as [QuotaField, number][]) {
    set(field, effectiveQuota(value, field, changes.newParent ?? parent));
  }
  set('updated_at', timestamp);
  ctx.db.prepare(`UPDATE accounts SET ${assignments.join(', ')} WHERE id = ?`).run(...values, account.id);
  if (changes.newParent) moveSubtree(ctx.db, account, changes.newParent, timestamp);
  return reloadAccount(ctx.db, account.id);
}

// ---------------------------------------------------------------------------------------------
// POST /accounts/:account_id/courses

const DEFAULT_VIEWS = new Set(['assignments', 'feed', 'modules', 'syllabus', 'wiki']);
const GRADE_PASSBACK_SETTINGS = new Set(['nightly_sync', 'disabled', '']);
/** `Course#infer_defaults`: a course created without a name. */
const DEFAULT_COURSE_NAME = 'Unnamed Course';

/** `Course#infer_defaults`: the first word of the name plus the first later word holding a digit. */
function defaultCourseCode(name: string): string {
  const words = name.split(/\s/).filter(Boolean);
  const withDigit = words.slice(1).find((word) => /\d/.test(word));
  return [words[0], withDigit].filter((word): word is string => word !== undefined).join(' ');
}

function optionalFlag(attributes: ParamHash, key: string): number | undefined {
  return key in attributes ? Number(toBoolean(attributes[key])) : undefined;
}

/** The columns a created course is inserted with; the rest keep their defaults. */
type NewCourse = Omit<
  CourseRow,
  'id' | 'sis_import_id' | 'blueprint' | 'blueprint_associated' | 'storage_quota_used_mb' | 'workflow_state'
> & { workflow_state: 'created' | 'available' };

function createCourse(ctx: RequestContext): RouteResult {
  const account = findAccount(ctx.db, ctx.pathParams.account_id ?? '', { includeDeleted: true });
  const rights = authorizeAccount(
    ctx,
    account,
    'create_courses',
    'manage_courses_add',
    'manage_courses_admin',
  );
  const root = rootAccountOf(ctx, account);
  const attributes = hashParam(ctx.params.course) ?? {};

  const subAccountReference = attributes.account_id;
  const target =
    subAccountReference !== undefined &&
    subAccountReference !== null &&
    rubyToI(subAccountReference) !== account.id
      ? findChild(ctx, account, rubyToI(subAccountReference))
      : account;
  const termReference = presence(attributes.term_id) ?? presence(attributes.enrollment_term_id);
  const term: TermRow = termReference
    ? findTerm(ctx.db, root.id, termReference)
    : findTerm(ctx.db, root.id, 'default');

  const zone = callerTimeZone(ctx, root);
  const restrictToDates = toBoolean(attributes.restrict_enrollments_to_course_dates);
  const endReference = presence(attributes.end_at) !== undefined ? attributes.end_at : attributes.conclude_at;
  // Term dates govern unless the course restricts enrollments to its own dates.
  const startAt = restrictToDates ? parseDateTimeParam(attributes.start_at, zone) : null;
  const concludeAt = restrictToDates ? parseDateTimeParam(endReference, zone) : null;

  // `manage_course_visibility` is granted with full course administration in the sandbox's rights model.
  const mayManageVisibility = rights.has('manage_courses_admin');
  const mayManageSis = rights.has('manage_sis');
  const validation = new FieldErrors();

  const givenName = stringParam(attributes.name);
  const name = givenName === undefined || givenName.trim() === '' ? DEFAULT_COURSE_NAME : givenName;
  const givenCode = stringParam(attributes.course_code);
  const courseCode = givenCode === undefined || givenCode === '' ? defaultCourseCode(name) : givenCode;
  if (name.length > MAX_NAME_LENGTH) validation.add('name', code('too_long'));
  if (courseCode.length > MAX_NAME_LENGTH) validation.add('course_code', code('too_long'));

  const defaultView = stringParam(attributes.default_view) ?? 'modules';
  if (!DEFAULT_VIEWS.has(defaultView)) validation.add('default_view', code('inclusion'));

  let gradePassback: string | null = null;
  if ('grade_passback_setting' in attributes) {
    const value = stringParam(attributes.grade_passback_setting) ?? '';
    if (GRADE_PASSBACK_SETTINGS.has(value)) gradePassback = value === '' ? null : value;
    else validation.add('grade_passback_setting', 'Invalid grade_passback_setting');
  }

  const sisCourseId = mayManageSis ? (presence(attributes.sis_course_id) ?? null) : null;
  if (sisCourseId !== null) {
    const taken = ctx.db
      .prepare('SELECT 1 FROM courses WHERE root_account_id = ? AND sis_course_id = ? LIMIT 1')
      .get(root.id, sisCourseId);
    if (taken) validation.add('sis_source_id', `SIS ID "${sisCourseId}" is already in use`);
  }
  const integrationId = presence(attributes.integration_id) ?? null;
  if (integrationId !== null) {
    const taken = ctx.db
      .prepare('SELECT 1 FROM courses WHERE root_account_id = ? AND integration_id = ? LIMIT 1')
      .get(root.id, integrationId);
    if (taken) validation.add('integration_id', `Integration ID "${integrationId}" is already in use`);
  }
  if (!validation.empty) throw validation.toApiError(400);

  const timeZoneName = presence(attributes.time_zone);
  const storageQuota =
    rights.has('manage_storage_quotas') && presence(attributes.storage_quota_mb) !== undefined
      ? rubyToI(attributes.storage_quota_mb)
      : target.default_storage_quota_mb;
  const timestamp = now();
  const visibilityFlag = (key: string) => (mayManageVisibility ? (optionalFlag(attributes, key) ?? 0) : 0);
  const course: NewCourse = {
    name,
    course_code: courseCode,
    account_id: target.id,
    root_account_id: root.id,
    enrollment_term_id: term.id,
    uuid: canvasUuid(),
    sis_course_id: sisCourseId,
    integration_id: integrationId,
    workflow_state: toBoolean(ctx.params.offer) ? 'available' : 'created',
    start_at: startAt,
    conclude_at: concludeAt,
    restrict_enrollments_to_course_dates: Number(restrictToDates),
    is_public: visibilityFlag('is_public'),
    is_public_to_auth_users: visibilityFlag('is_public_to_auth_users'),
    public_syllabus: visibilityFlag('public_syllabus'),
    public_syllabus_to_auth: visibilityFlag('public_syllabus_to_auth'),
    homeroom_course: optionalFlag(attributes, 'homeroom_course') ?? 0,
    template: optionalFlag(attributes, 'template') ?? 0,
    default_view: defaultView,
    time_zone: timeZoneName ? (recognizedTimeZone(timeZoneName)?.iana ?? null) : null,
    license: presence(attributes.license) ?? null,
    storage_quota_mb: storageQuota,
    syllabus_body: stringParam(attributes.syllabus_body) ?? null,
    course_format: presence(attributes.course_format) ?? null,
    grading_standard_id: presence(attributes.grading_standard_id)
      ? rubyToI(attributes.grading_standard_id)
      : null,
    grade_passback_setting: gradePassback,
    course_color: presence(attributes.course_color) ?? null,
    friendly_name: presence(attributes.friendly_name) ?? null,
    apply_assignment_group_weights: isBlank(attributes.apply_assignment_group_weights)
      ? 0
      : Number(toBoolean(attributes.apply_assignment_group_weights)),
    hide_final_grades: optionalFlag(attributes, 'hide_final_grades') ?? 0,
    post_manually: optionalFlag(attributes, 'post_manually') ?? 0,
    created_at: timestamp,
    updated_at: timestamp,
  };
  // Canvas compares the raw value with "true": `enroll_me=1` does not enroll.
  const enrollMe = String(ctx.params.enroll_me) === 'true';
  const teacherRole = roleByName(ctx.db, root.id, 'TeacherEnrollment');
  const user = ctx.requireUser();

  const created = ctx.db.transaction(() => {
    const columns = Object.keys(course);
    const inserted = ctx.db
      .prepare(`INSERT INTO courses (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...Object.values(course));
    const id = Number(inserted.lastInsertRowid);
    if (enrollMe && teacherRole) {
      ctx.db
        .prepare(
          `INSERT INTO enrollments (user_id, course_id, type, role_id, workflow_state, created_at)
           VALUES (?, ?, 'TeacherEnrollment', ?, 'active', ?)`,
        )
        .run(user.id, id, teacherRole.id, timestamp);
    }
    return findCourse(ctx.db, String(id));
  })();
  return { body: courseJson(ctx, created) };
}

// ---------------------------------------------------------------------------------------------
// DELETE /courses/:id

const COURSE_EVENTS = new Set(['delete', 'conclude']);

function hasActiveTeacherEnrollment(db: Db, userId: number, courseId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM enrollments WHERE user_id = ? AND course_id = ? AND type = 'TeacherEnrollment'
           AND workflow_state = 'active' LIMIT 1`,
      )
      .get(userId, courseId) !== undefined
  );
}

function destroyCourse(ctx: RequestContext): RouteResult {
  const course = findCourse(ctx.db, ctx.pathParams.id ?? '');
  const event = stringParam(ctx.params.event);
  if (event === undefined || !COURSE_EVENTS.has(event)) {
    throw errors.message(400, 'Only "delete" and "conclude" events are allowed.');
  }
  const user = ctx.requireUser();
  const account = reloadAccount(ctx.db, course.account_id);
  const rights = accountRights(ctx.db, user.id, account.path);
  // Teachers may conclude their own courses by default; deleting is left to admins.
  const allowed =
    event === 'delete'
      ? rights.has('manage_courses_delete')
      : rights.has('manage_courses_conclude') || hasActiveTeacherEnrollment(ctx.db, user.id, course.id);
  if (!allowed) throw errors.unauthorized();

  // `Course#destroy` refuses template courses.
  if (event === 'delete' && course.template === 1) return { status: 400, body: { delete: false } };
  ctx.db.transaction(() => {
    const timestamp = now();
    if (event === 'delete') {
      ctx.db
        .prepare(`UPDATE courses SET workflow_state = 'deleted', updated_at = ? WHERE id = ?`)
        .run(timestamp, course.id);
      ctx.db
        .prepare(
          `UPDATE enrollments SET workflow_state = 'deleted' WHERE course_id = ? AND workflow_state <> 'deleted'`,
        )
        .run(course.id);
    } else {
      ctx.db
        .prepare(
          `UPDATE courses SET workflow_state = 'completed', conclude_at = COALESCE(conclude_at, ?), updated_at = ?
           WHERE id = ?`,
        )
        .run(timestamp, timestamp, course.id);
      ctx.db
        .prepare(
          `UPDATE enrollments SET workflow_state = 'completed'
           WHERE course_id = ? AND workflow_state IN ('active', 'invited')`,
        )
        .run(course.id);
    }
  })();
  return { body: { [event]: true } };
}

// ---------------------------------------------------------------------------------------------
// User search (GET /accounts/:id/users, GET /accounts/:id/admins)

const MIN_SEARCH_TERM_LENGTH = 2;
/** `Api::MAX_ID_RANGE`: numeric terms beyond a bigint are not ids. */
const MAX_ID = 2 ** 63 - 1;

interface SqlFilter {
  sql: string;
  params: (string | number)[];
}

/**
 * `UserSearch.for_user_in_context`'s match: name (or short name) substring, the exact id for a numeric
 * term, and — per the caller's rights on the account — login ids, SIS and integration ids, and email.
 * Blank terms return undefined (no search); short ones are Canvas's 400.
 */
function userSearchFilter(
  ctx: RequestContext,
  account: AccountRow,
  rootId: number,
  term: ParamValue | undefined,
): SqlFilter | undefined {
  const text = presence(term);
  if (text === undefined) return undefined;
  if (text.length < MIN_SEARCH_TERM_LENGTH) throw errors.searchTermTooShort();
  const rights = cachedAccountRights(ctx, account.path);
  const clauses = ['instr(lower(u.name), lower(?)) > 0', 'instr(lower(u.short_name), lower(?)) > 0'];
  const params: (string | number)[] = [text, text];
  if (/^\d+$/.test(text) && Number(text) <= MAX_ID) {
    clauses.push('u.id = ?');
    params.push(Number(text));
  }
  const loginMatch = (column: string, states: string) =>
    `EXISTS (SELECT 1 FROM pseudonyms p WHERE p.user_id = u.id AND p.account_id = ? AND p.workflow_state IN (${states})
       AND instr(lower(p.${column}), lower(?)) > 0)`;
  if (rights.has('view_user_logins')) {
    clauses.push(loginMatch('unique_id', `'active'`));
    params.push(rootId, text);
  }
  if (rights.has('read_sis') || rights.has('manage_sis')) {
    clauses.push(
      loginMatch('sis_user_id', `'active', 'suspended'`),
      loginMatch('integration_id', `'active', 'suspended'`),
    );
    params.push(rootId, text, rootId, text);
  }
  if (rights.has('read_email_addresses')) {
    clauses.push('instr(lower(u.email), lower(?)) > 0');
    params.push(text);
  }
  return { sql: `(${clauses.join(' OR ')})`, params };
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/users

const USER_LIST_INCLUDES = new Set(['avatar_url', 'email', 'last_login', 'time_zone', 'uuid']);
const COURSE_ONLY_SORTS = new Set(['total_activity_time', 'last_activity_at', 'section_name', 'role']);
const READABLE_ENROLLMENT_TYPES = new Set([
  'StudentEnrollment',
  'TeacherEnrollment',
  'TaEnrollment',
  'DesignerEnrollment',
  'ObserverEnrollment',
  'StudentViewEnrollment',
]);
const MAX_UUID_FILTER = 100;

/** ActiveSupport's `camelize` for enrollment types: `ta` → `Ta`, `teacher_enrollment` → `TeacherEnrollment`. */
function camelize(text: string): string {
  return text
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Who belongs to an account's user list: logins in the root, or enrollments in a sub-account's tree. */
function membershipFilter(account: AccountRow, includeDeletedUsers: boolean): SqlFilter {
  if (account.root_account_id === null) {
    if (includeDeletedUsers) {
      return {
        sql: 'EXISTS (SELECT 1 FROM pseudonyms p WHERE p.user_id = u.id AND p.account_id = ?)',
        params: [account.id],
      };
    }
    return {
      sql: `u.workflow_state <> 'deleted' AND EXISTS (SELECT 1 FROM pseudonyms p
              WHERE p.user_id = u.id AND p.account_id = ? AND p.workflow_state <> 'deleted')`,
      params: [account.id],
    };
  }
  const [lo, hi] = subtreeRange(account.path);
  return {
    sql: `u.workflow_state <> 'deleted' AND u.id IN (SELECT e.user_id FROM enrollments e
            JOIN courses c ON c.id = e.course_id JOIN accounts a ON a.id = c.account_id
            WHERE a.path >= ? AND a.path < ? AND e.workflow_state <> 'deleted')`,
    params: [lo, hi],
  };
}

/**
 * `UserSearch.roles_scope`: role ids win over enrollment types. Neither is limited to the account,
 * as in Canvas, since membership already is.
 */
function enrollmentFilter(ctx: RequestContext): SqlFilter | undefined {
  const roleReference = ctx.params.role_filter_id;
  if (roleReference !== undefined && roleReference !== null) {
    const roleIds = arrayOf(roleReference)
      .filter((id) => /^\d+$/.test(id))
      .map(Number)
      .filter((id) => ctx.db.prepare('SELECT 1 FROM roles WHERE id = ?').get(id) !== undefined);
    return {
      sql: `u.id IN (SELECT user_id FROM enrollments WHERE role_id IN (SELECT value FROM json_each(?))
              AND workflow_state NOT IN ('rejected', 'inactive', 'deleted'))`,
      params: [JSON.stringify(roleIds)],
    };
  }
  const typeReference = ctx.params.enrollment_type;
  if (typeReference === undefined || typeReference === null) return undefined;
  const types = arrayOf(typeReference).map((given) => {
    const type = camelize(given);
    const full = type.endsWith('Enrollment') ? type : `${type}Enrollment`;
    if (!READABLE_ENROLLMENT_TYPES.has(full)) throw requestError(`Invalid enrollment type: ${given}`);
    return full;
  });
  // `Enrollment.active` means "not deleted".
  return {
    sql: `EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = u.id AND e.workflow_state <> 'deleted'
            AND e.type IN (SELECT value FROM json_each(?)))`,
    params: [JSON.stringify(types)],
  };
}

/**
 * `UserSearch.order_scope`. Postgres puts NULLs last in ascending order and Canvas asks for
 * `NULLS LAST, id DESC` when descending, so NULLs always come last. The default sort ignores `order`.
 */
function userOrder(sort: string | undefined, descending: boolean, rootId: number): SqlFilter {
  const direction = descending ? 'DESC' : 'ASC';
  const nullsLast = (expression: string) =>
    `(${expression}) IS NULL, ${expression} ${direction}, u.id ${direction}`;
  const loginColumn = (column: string) =>
    `(SELECT p.${column} FROM pseudonyms p WHERE p.user_id = u.id AND p.account_id = ? AND p.workflow_state <> 'deleted'
       ORDER BY p.workflow_state, p.sis_user_id IS NULL, p.unique_id LIMIT 1)`;
  switch (sort) {
    case 'username':
      return { sql: `u.sortable_name COLLATE NOCASE ${direction}, u.id ${direction}`, params: [] };
    case 'name':
      return { sql: `u.name COLLATE NOCASE ${direction}, u.id ${direction}`, params: [] };
    case 'email':
      return { sql: nullsLast('u.email'), params: [] };
    case 'last_login':
      return { sql: nullsLast('u.last_login'), params: [] };
    case 'sis_id':
      return { sql: nullsLast(loginColumn('sis_user_id')), params: [rootId, rootId] };
    case 'integration_id':
      return { sql: nullsLast(loginColumn('integration_id')), params: [rootId, rootId] };
    case 'login_id':
      return { sql: nullsLast(loginColumn('unique_id')), params: [rootId, rootId] };
    default:
      return { sql: 'u.sortable_name COLLATE NOCASE ASC, u.id ASC', params: [] };
  }
}

/** Users paged by id carry the last user id, as a string, in their bookmark. */
function decodeUserBookmark(page: string | undefined): number | null {
  const decoded = decodeBookmark(page);
  return typeof decoded === 'string' && /^\d+$/.test(decoded) ? Number(decoded) : null;
}

function listAccountUsers(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'read_roster');
  const root = rootAccountOf(ctx, account);
  const includeDeletedUsers = toBoolean(ctx.params.include_deleted_users);
  const uuids = arrayParam(ctx.params.uuids);
  if (uuids && uuids.length > MAX_UUID_FILTER) {
    throw new ApiError(400, { error: `Too many UUIDs in filter. Current limit is ${MAX_UUID_FILTER}` });
  }
  const filters: SqlFilter[] = [membershipFilter(account, includeDeletedUsers)];
  const search = userSearchFilter(ctx, account, root.id, ctx.params.search_term);
  if (search) filters.push(search);
  const sort = stringParam(ctx.params.sort);
  if (sort !== undefined && COURSE_ONLY_SORTS.has(sort)) {
    throw requestError(`Sorting by ${sort} is only available within a course context`);
  }
  const enrollment = enrollmentFilter(ctx);
  if (enrollment) filters.push(enrollment);
  if (uuids && uuids.length > 0) {
    filters.push({ sql: 'u.uuid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(uuids)] });
  }
  // Temporary enrollments are a feature the sandbox's root account does not have, so their filters do nothing.

  const includes = (arrayParam(ctx.params.include) ?? []).filter((name) => USER_LIST_INCLUDES.has(name));
  if (sort === 'last_login' && !includes.includes('last_login')) includes.push('last_login');
  const descending = stringParam(ctx.params.order) === 'desc';
  const render = (rows: UserRow[]) => {
    preloadUserLogins(
      ctx,
      rows.map((row) => row.id),
      root.id,
    );
    return rows.map((row) =>
      userJson(ctx, row, { account, includes, includeDeletedLogins: includeDeletedUsers }),
    );
  };
  const where = filters.map((filter) => filter.sql).join(' AND ');
  const whereParams = filters.flatMap((filter) => filter.params);

  if (sort === 'id') {
    const perPage = perPageFor(ctx.params);
    const after = decodeUserBookmark(stringParam(ctx.params.page));
    const rows = ctx.db
      .prepare(
        `SELECT u.* FROM users u WHERE ${where} ${after === null ? '' : `AND u.id ${descending ? '<' : '>'} ?`}
         ORDER BY u.id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(...whereParams, ...(after === null ? [] : [after]), perPage + 1) as UserRow[];
    const hasNext = rows.length > perPage;
    const page = hasNext ? rows.slice(0, perPage) : rows;
    const last = page[page.length - 1];
    const current = after === null ? 'first' : encodeBookmark(String(after));
    const next = hasNext && last ? encodeBookmark(String(last.id)) : null;
    return { body: render(page), headers: { Link: bookmarkLinkHeader(ctx, perPage, current, next) } };
  }

  const order = userOrder(sort, descending, root.id);
  const { items, headers } = pageWithoutTotal(
    ctx,
    (limit, offset) =>
      ctx.db
        .prepare(`SELECT u.* FROM users u WHERE ${where} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
        .all(...whereParams, ...order.params, limit, offset) as UserRow[],
  );
  return { body: render(items), headers };
}

// ---------------------------------------------------------------------------------------------
// POST /accounts/:account_id/users

const MAX_UNIQUE_ID_LENGTH = 100;
const MIN_PASSWORD_LENGTH = 8;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The interface languages Canvas ships (`I18n.available_locales`), for `user[locale]`. */
const AVAILABLE_LOCALES = new Set([
  'ar',
  'ca',
  'cy',
  'da',
  'da-x-k12',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-GB',
  'es',
  'es-ES',
  'fa',
  'fi',
  'fr',
  'fr-CA',
  'ga',
  'he',
  'hi',
  'ht',
  'hu',
  'hy',
  'id',
  'is',
  'it',
  'ja',
  'ko',
  'mi',
  'ms',
  'nb',
  'nl',
  'nn',
  'pl',
  'pt',
  'pt-BR',
  'ru',
  'sl',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-Hans',
  'zh-Hant',
]);

/** `User.last_name_first`: names already written surname-first keep their order. */
function sortableNameOf(name: string): string {
  const comma = name.indexOf(',');
  if (comma >= 0) return `${name.slice(0, comma).trim()}, ${name.slice(comma + 1).trim()}`;
  return sortableNameFor(name);
}

/** `Account#self_registration_allowed_for?`: the root must allow it, for everyone or for observers. */
function selfRegistrationAllowed(root: AccountRow, initialEnrollmentType: string | undefined): boolean {
  const settings = accountSettings(root);
  if (settings.self_registration !== true) return false;
  return settings.self_registration_type === 'all' || initialEnrollmentType === 'observer';
}

function createUser(ctx: RequestContext): RouteResult {
  const pathAccountRow = findAccount(ctx.db, ctx.pathParams.account_id ?? '');
  const root = rootAccountOf(ctx, pathAccountRow);
  const rootRights = ctx.user ? cachedAccountRights(ctx, root.path) : new Set<AccountRight>();
  const isAdmin = rootRights.has('manage_user_logins');
  const userAttributes = hashParam(ctx.params.user) ?? {};
  const loginAttributes = hashParam(ctx.params.pseudonym) ?? {};
  const channelAttributes = hashParam(ctx.params.communication_channel) ?? {};
  if (!isAdmin && !selfRegistrationAllowed(root, stringParam(userAttributes.initial_enrollment_type))) {
    throw new ApiError(403, {});
  }
  // Self-registration, and admins who ask for it, get the sign-up form's validations.
  const forceValidations = !isAdmin || toBoolean(ctx.params.force_validations);
  const mayManageSis = rootRights.has('manage_sis');

  const userErrors = new FieldErrors();
  const loginErrors = new FieldErrors();
  const uniqueId = (stringParam(loginAttributes.unique_id) ?? '').trim();
  if (uniqueId.length === 0) {
    loginErrors.add('unique_id', code('too_short'));
    loginErrors.add('unique_id', code('invalid'));
  } else if (uniqueId.length > MAX_UNIQUE_ID_LENGTH) {
    loginErrors.add('unique_id', code('too_long'));
  } else if (forceValidations && !EMAIL_PATTERN.test(uniqueId)) {
    loginErrors.add('unique_id', code('invalid'));
  } else {
    const taken = ctx.db
      .prepare(
        `SELECT 1 FROM pseudonyms WHERE account_id = ? AND unique_id = ? COLLATE NOCASE AND workflow_state <> 'deleted' LIMIT 1`,
      )
      .get(root.id, uniqueId);
    if (taken) loginErrors.add('unique_id', code('taken'));
  }
  const password = isAdmin ? stringParam(loginAttributes.password) : undefined;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH)
    loginErrors.add('password', code('too_short'));
  const sisUserId = mayManageSis ? (presence(loginAttributes.sis_user_id) ?? null) : null;
  const integrationId = mayManageSis ? (presence(loginAttributes.integration_id) ?? null) : null;
  const loginTaken = (column: 'sis_user_id' | 'integration_id', value: string) =>
    ctx.db
      .prepare(
        `SELECT 1 FROM pseudonyms WHERE account_id = ? AND ${column} = ? AND workflow_state <> 'deleted' LIMIT 1`,
      )
      .get(root.id, value) !== undefined;
  if (sisUserId !== null && loginTaken('sis_user_id', sisUserId)) {
    loginErrors.add('sis_user_id', `SIS ID "${sisUserId}" is already in use`);
  }
  if (integrationId !== null && loginTaken('integration_id', integrationId)) {
    loginErrors.add('integration_id', `Integration ID "${integrationId}" is already in use`);
  }

  const givenName = stringParam(userAttributes.name);
  if (forceValidations && isBlank(givenName)) userErrors.add('name', code('blank'));
  const name = givenName === undefined || isBlank(givenName) ? uniqueId : givenName;
  const termsGiven = 'terms_of_use' in userAttributes;
  const termsAccepted = toBoolean(userAttributes.terms_of_use);
  if (forceValidations && accountSettings(root).account_terms_required !== false && !termsAccepted) {
    userErrors.add('terms_of_use', code('accepted'));
  }
  const locale = presence(userAttributes.locale) ?? null;
  if (locale !== null && !AVAILABLE_LOCALES.has(locale)) userErrors.add('locale', code('inclusion'));
  const zoneName = presence(userAttributes.time_zone);
  const timeZone = zoneName ? (recognizedTimeZone(zoneName)?.given ?? null) : null;

  if (!userErrors.empty || !loginErrors.empty) {
    throw new ApiError(400, {
      errors: {
        user: userErrors.toJson(),
        pseudonym: loginErrors.toJson(),
        observee: {},
        pairing_code: {},
        recaptcha: null,
      },
    });
  }

  const channelType = stringParam(channelAttributes.type) ?? 'email';
  const address = presence(channelAttributes.address) ?? uniqueId;
  const email = channelType === 'email' && EMAIL_PATTERN.test(address) ? address : null;
  const registered = isAdmin && (toBoolean(userAttributes.skip_registration) || password !== undefined);
  const timestamp = now();
  const created = ctx.db.transaction(() => {
    const inserted = ctx.db
      .prepare(
        `INSERT INTO users (name, sortable_name, short_name, uuid, email, workflow_state, time_zone, locale,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        name,
        presence(userAttributes.sortable_name) ?? sortableNameOf(name),
        presence(userAttributes.short_name) ?? name,
        canvasUuid(),
        email,
        registered ? 'registered' : 'pre_registered',
        timeZone,
        locale,
        timestamp,
        timestamp,
      );
    const id = Number(inserted.lastInsertRowid);
    ctx.db
      .prepare(
        `INSERT INTO pseudonyms (user_id, account_id, unique_id, sis_user_id, integration_id, workflow_state, created_at)
         VALUES (?, ?, ?, ?, ?, 'active', ?)`,
      )
      .run(id, root.id, uniqueId, sisUserId, integrationId, timestamp);
    return ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow;
  })();
  const json = userJson(ctx, created, { account: root, includes: ['locale', 'uuid'] });
  if (termsGiven) json.terms_of_use = termsAccepted;
  return { body: json };
}

// ---------------------------------------------------------------------------------------------
// DELETE /accounts/:account_id/users/:user_id

/** Whether the user belongs to the root account: a login there, or an enrollment in one of its courses. */
function belongsToRoot(db: Db, userId: number, rootId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 WHERE EXISTS (SELECT 1 FROM pseudonyms WHERE user_id = ? AND account_id = ? AND workflow_state <> 'deleted')
           OR EXISTS (SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
                      WHERE e.user_id = ? AND c.root_account_id = ? AND e.workflow_state <> 'deleted')`,
      )
      .get(userId, rootId, userId, rootId) !== undefined
  );
}

function removeUser(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  if (account.root_account_id !== null) throw errors.notFound();
  const target = findUser(ctx, ctx.pathParams.user_id ?? '');
  if (!belongsToRoot(ctx.db, target.id, account.id)) throw errors.notFound();
  const rights = authorizeAccount(ctx, account);
  // A lesser admin may not remove someone holding rights they lack (the Pseudonym `delete` right).
  const targetRights = accountRights(ctx.db, target.id, account.path);
  const outranked = [...targetRights].some((right) => !rights.has(right));
  const hasSisLogin =
    ctx.db
      .prepare(
        `SELECT 1 FROM pseudonyms WHERE user_id = ? AND account_id = ? AND sis_user_id IS NOT NULL
           AND workflow_state <> 'deleted' LIMIT 1`,
      )
      .get(target.id, account.id) !== undefined;
  if (!rights.has('manage_user_logins') || outranked || (hasSisLogin && !rights.has('manage_sis'))) {
    throw errors.unauthorized();
  }

  const removed = ctx.db.transaction(() => {
    const timestamp = now();
    ctx.db
      .prepare(
        `UPDATE enrollments SET workflow_state = 'deleted'
         WHERE user_id = ? AND workflow_state <> 'deleted'
           AND course_id IN (SELECT id FROM courses WHERE root_account_id = ?)`,
      )
      .run(target.id, account.id);
    ctx.db
      .prepare(`UPDATE pseudonyms SET workflow_state = 'deleted' WHERE user_id = ? AND account_id = ?`)
      .run(target.id, account.id);
    const [lo, hi] = subtreeRange(account.path);
    ctx.db
      .prepare(
        `UPDATE account_users SET workflow_state = 'deleted'
         WHERE user_id = ? AND workflow_state = 'active'
           AND account_id IN (SELECT id FROM accounts WHERE path >= ? AND path < ?)`,
      )
      .run(target.id, lo, hi);
    ctx.db.prepare('UPDATE users SET updated_at = ? WHERE id = ?').run(timestamp, target.id);
    return ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(target.id) as UserRow;
  })();
  return { body: removedUserJson(removed) };
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/roles

const ROLE_STATES = new Set(['active', 'inactive']);

function listRoles(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_role_overrides');
  const root = rootAccountOf(ctx, account);
  const requested = (arrayParam(ctx.params.state) ?? []).filter((state) => ROLE_STATES.has(state));
  const states = requested.length > 0 ? requested : ['active'];
  const roles: RoleRow[] = [];
  if (states.includes('active')) {
    const builtIns = ctx.db
      .prepare(`SELECT * FROM roles WHERE root_account_id = ? AND workflow_state = 'built_in'`)
      .all(root.id) as RoleRow[];
    for (const name of VISIBLE_BUILT_IN_ROLES) {
      const role = builtIns.find((candidate) => candidate.name === name);
      if (role) roles.push(role);
    }
  }
  const owners = toBoolean(ctx.params.show_inherited) ? pathIds(account.path) : [account.id];
  const custom = ctx.db
    .prepare(
      `SELECT * FROM roles WHERE account_id IN (SELECT value FROM json_each(?))
         AND workflow_state IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(owners), JSON.stringify(states)) as RoleRow[];
  roles.push(...custom);
  const callerZone = callerTimeZone(ctx, root);
  const { items, headers } = pageArray(ctx, roles);
  return { body: items.map((role) => roleJson(ctx, role, { account, callerZone })), headers };
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/terms, /terms/:id

const TERM_STATES = new Set(['active', 'deleted', 'all']);
const TERM_INCLUDES = new Set(['overrides', 'course_count']);

/** Terms live on root accounts only: Canvas says so before it checks any permission. */
function termsRoot(ctx: RequestContext): AccountRow {
  const account = pathAccount(ctx);
  if (account.root_account_id !== null) throw errors.message(400, 'Terms only belong to root_accounts.');
  authorizeAccount(ctx, account, 'read_terms');
  return account;
}

function listTerms(ctx: RequestContext): RouteResult {
  const root = termsRoot(ctx);
  const filters: SqlFilter[] = [{ sql: 'root_account_id = ?', params: [root.id] }];
  const requested = arrayOf(ctx.params.workflow_state).filter((state) => TERM_STATES.has(state));
  const states = requested.length > 0 ? requested : ['active'];
  if (!states.includes('all')) {
    filters.push({
      sql: 'workflow_state IN (SELECT value FROM json_each(?))',
      params: [JSON.stringify(states)],
    });
  }
  const termName = presence(ctx.params.term_name);
  if (termName !== undefined) filters.push({ sql: 'instr(lower(name), lower(?)) > 0', params: [termName] });
  let usedTermIds: Set<number> | undefined;
  const subAccountReference = presence(ctx.params.subaccount_id);
  if (subAccountReference !== undefined) {
    const subAccount = findAccount(ctx.db, subAccountReference, { includeDeleted: true });
    if (subAccount.root_account_id !== root.id) throw errors.notFound();
    const [lo, hi] = subtreeRange(subAccount.path);
    const used = ctx.db
      .prepare(
        `SELECT DISTINCT c.enrollment_term_id AS id FROM courses c JOIN accounts a ON a.id = c.account_id
         WHERE a.path >= ? AND a.path < ? AND c.workflow_state <> 'deleted'`,
      )
      .all(lo, hi) as { id: number }[];
    usedTermIds = new Set(used.map((row) => row.id));
  }
  const includes = (arrayParam(ctx.params.include) ?? []).filter((name) => TERM_INCLUDES.has(name));
  const where = filters.map((filter) => filter.sql).join(' AND ');
  const params = filters.flatMap((filter) => filter.params);
  // Postgres sorts NULLs first when descending, so undated terms lead.
  const { items, headers } = pageWithTotal(
    ctx,
    () =>
      (
        ctx.db.prepare(`SELECT COUNT(*) AS total FROM enrollment_terms WHERE ${where}`).get(...params) as {
          total: number;
        }
      ).total,
    (limit, offset) =>
      ctx.db
        .prepare(
          `SELECT * FROM enrollment_terms WHERE ${where}
           ORDER BY start_at IS NULL DESC, start_at DESC, end_at IS NULL DESC, end_at DESC, id ASC
           LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as TermRow[],
  );
  if (includes.includes('course_count')) {
    preloadTermCourseCounts(
      ctx,
      items.map((term) => term.id),
    );
  }
  const enrollmentTerms = items.map((term) => {
    const json = termJson(ctx, term, { includes });
    if (usedTermIds) json.used_in_subaccount = term.is_default === 1 || usedTermIds.has(term.id);
    return json;
  });
  return { body: { enrollment_terms: enrollmentTerms }, headers };
}

function showTerm(ctx: RequestContext): RouteResult {
  const root = termsRoot(ctx);
  const term = findTerm(ctx.db, root.id, ctx.pathParams.id ?? '');
  return { body: termJson(ctx, term, { includes: ['overrides', 'course_count'] }) };
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/admins, /admins/self

const ADMIN_SELECT = `SELECT au.id, au.account_id, au.user_id, au.role_id, au.workflow_state, r.name AS role_name
  FROM account_users au JOIN roles r ON r.id = au.role_id`;

/** `Api.map_ids`: numeric ids pass as they are; other id forms are looked up and dropped when unknown. */
function mapUserIds(ctx: RequestContext, references: string[]): number[] {
  const ids: number[] = [];
  for (const reference of references) {
    if (/^\d+$/.test(reference)) {
      ids.push(Number(reference));
      continue;
    }
    try {
      ids.push(findUser(ctx, reference).id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  return ids;
}

function renderAdmins(
  ctx: RequestContext,
  account: AccountRow,
  rows: AdminMembershipRow[],
  includes: string[],
) {
  const users = ctx.db
    .prepare('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rows.map((row) => row.user_id))) as UserRow[];
  const byId = new Map(users.map((user) => [user.id, user]));
  preloadUserLogins(
    ctx,
    users.map((user) => user.id),
    rootAccountOf(ctx, account).id,
  );
  return rows.flatMap((row) => {
    const user = byId.get(row.user_id);
    return user ? [adminJson(ctx, row, user, { account, includes })] : [];
  });
}

function listAdmins(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_memberships');
  const root = rootAccountOf(ctx, account);
  const filters: SqlFilter[] = [{ sql: 'au.account_id = ?', params: [account.id] }];
  if (!toBoolean(ctx.params.include_deleted))
    filters.push({ sql: `au.workflow_state = 'active'`, params: [] });
  const userIds = mapUserIds(ctx, arrayOf(ctx.params.user_id));
  if (userIds.length > 0) {
    filters.push({
      sql: 'au.user_id IN (SELECT value FROM json_each(?))',
      params: [JSON.stringify(userIds)],
    });
  }
  const search = userSearchFilter(ctx, account, root.id, ctx.params.search_term);
  if (search) {
    filters.push({
      sql: `au.user_id IN (SELECT u.id FROM users u WHERE ${search.sql})`,
      params: search.params,
    });
  }
  const includes = arrayParam(ctx.params.include) ?? [];
  const where = filters.map((filter) => filter.sql).join(' AND ');
  const params = filters.flatMap((filter) => filter.params);
  const { items, headers } = pageWithTotal(
    ctx,
    () =>
      (
        ctx.db.prepare(`SELECT COUNT(*) AS total FROM account_users au WHERE ${where}`).get(...params) as {
          total: number;
        }
      ).total,
    (limit, offset) =>
      ctx.db
        .prepare(`${ADMIN_SELECT} WHERE ${where} ORDER BY au.id LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as AdminMembershipRow[],
  );
  return { body: renderAdmins(ctx, account, items, includes), headers };
}

function listOwnAdminRoles(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'read');
  const user = ctx.requireUser();
  const rows = ctx.db
    .prepare(
      `${ADMIN_SELECT} WHERE au.account_id = ? AND au.user_id = ? AND au.workflow_state = 'active' ORDER BY au.id`,
    )
    .all(account.id, user.id) as AdminMembershipRow[];
  const { items, headers } = pageArray(ctx, rows);
  return { body: renderAdmins(ctx, account, items, []), headers };
}

// ---------------------------------------------------------------------------------------------
// GET /users/:id, /users/:user_id/profile

/**
 * The caller's account rights over a user: the union of their rights on every account the user is
 * associated with (the root where they have a login, and the accounts of their courses).
 */
function rightsOverUser(ctx: RequestContext, userId: number): Set<AccountRight> {
  const paths = ctx.db
    .prepare(
      `SELECT a.path FROM accounts a WHERE a.id IN (
         SELECT account_id FROM pseudonyms WHERE user_id = ? AND workflow_state <> 'deleted'
         UNION
         SELECT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
         WHERE e.user_id = ? AND e.workflow_state <> 'deleted')`,
    )
    .all(userId, userId) as { path: string }[];
  const rights = new Set<AccountRight>();
  for (const { path } of paths) for (const right of cachedAccountRights(ctx, path)) rights.add(right);
  return rights;
}

function domainRoot(ctx: RequestContext): AccountRow {
  return findAccount(ctx.db, 'self');
}

function showUser(ctx: RequestContext): RouteResult {
  const caller = ctx.requireUser();
  const target = findUser(ctx, ctx.pathParams.id ?? '');
  if (target.id !== caller.id) {
    const rights = rightsOverUser(ctx, target.id);
    if (!rights.has('manage_user_logins') && !rights.has('read_roster')) throw errors.notFound();
  }
  const root = domainRoot(ctx);
  const body = userShowJson(ctx, target, {
    root,
    includes: arrayParam(ctx.params.include) ?? [],
    mayReadEmail: cachedAccountRights(ctx, root.path).has('read_email_addresses'),
  });
  // A deleted user is still rendered, under a 404.
  return { status: target.workflow_state === 'deleted' ? 404 : 200, body };
}

/** `read_profile` through teaching: the caller teaches a course the user is enrolled in. */
function teachesUser(db: Db, teacherId: number, userId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM enrollments t JOIN enrollments s ON s.course_id = t.course_id
         WHERE t.user_id = ? AND t.type = 'TeacherEnrollment' AND t.workflow_state = 'active'
           AND s.user_id = ? AND s.workflow_state <> 'deleted' LIMIT 1`,
      )
      .get(teacherId, userId) !== undefined
  );
}

function showProfile(ctx: RequestContext): RouteResult {
  const caller = ctx.requireUser();
  const target = findUser(ctx, ctx.pathParams.user_id ?? '');
  const isSelf = target.id === caller.id;
  const rights = isSelf ? new Set<AccountRight>() : rightsOverUser(ctx, target.id);
  const mayRead =
    isSelf ||
    rights.has('manage_students') ||
    rights.has('manage_user_logins') ||
    rights.has('read_reports') ||
    teachesUser(ctx.db, caller.id, target.id);
  if (!mayRead) throw errors.unauthorized();
  return {
    body: profileJson(ctx, target, {
      root: domainRoot(ctx),
      includes: arrayParam(ctx.params.include) ?? [],
      mayReadEmail: isSelf || rights.has('read_email_addresses'),
      mayReadSis: rights.has('read_sis') || rights.has('manage_sis'),
    }),
  };
}

// ---------------------------------------------------------------------------------------------

export const accountAdminRoutes: Route[] = [
  { method: 'POST', path: '/api/v1/accounts/:account_id/sub_accounts', handler: createSubAccount },
  { method: 'DELETE', path: '/api/v1/accounts/:account_id/sub_accounts/:id', handler: deleteSubAccount },
  { method: 'PUT', path: '/api/v1/accounts/:id', handler: updateAccount },
  { method: 'POST', path: '/api/v1/accounts/:account_id/courses', handler: createCourse },
  { method: 'DELETE', path: '/api/v1/courses/:id', handler: destroyCourse },
  { method: 'GET', path: '/api/v1/accounts/:account_id/users', handler: listAccountUsers },
  { method: 'POST', path: '/api/v1/accounts/:account_id/users', handler: createUser },
  { method: 'DELETE', path: '/api/v1/accounts/:account_id/users/:user_id', handler: removeUser },
  { method: 'GET', path: '/api/v1/accounts/:account_id/roles', handler: listRoles },
  { method: 'GET', path: '/api/v1/accounts/:account_id/terms', handler: listTerms },
  { method: 'GET', path: '/api/v1/accounts/:account_id/terms/:id', handler: showTerm },
  { method: 'GET', path: '/api/v1/accounts/:account_id/admins', handler: listAdmins },
  { method: 'GET', path: '/api/v1/accounts/:account_id/admins/self', handler: listOwnAdminRoles },
  { method: 'GET', path: '/api/v1/users/:id', handler: showUser },
  { method: 'GET', path: '/api/v1/users/:user_id/profile', handler: showProfile },
];

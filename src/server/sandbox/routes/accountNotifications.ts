import {
  ACCOUNT_NOTIFICATION_ICONS,
  ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH,
  DEFAULT_ACCOUNT_NOTIFICATION_ICON,
  NIL_ENROLLMENT_ROLE,
} from '../../../api/schemas/accountNotification.ts';
import type { Db } from '../db/connection.ts';
import type { CurrentUser } from '../http/auth.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { type AttributeError, errors } from '../http/errors.ts';
import { isHash, type ParamHash, type ParamValue, stringParam, toBoolean } from '../http/params.ts';
import {
  type AccountRow,
  domainRootAccountId,
  findAccount,
  findUser,
  pathAccount,
  subtreeRange,
} from '../lookup.ts';
import { authorizeAccount, pathIds } from '../permissions.ts';
import {
  type AccountNotificationRow,
  accountNotificationJson,
  type NotificationRoleTarget,
  preloadNotificationRoles,
  sanitizeNotificationHtml,
} from '../serializers/accountNotification.ts';
import { callerTimeZone } from '../serializers/user.ts';
import { isoSeconds, parseCanvasDateTime } from '../time.ts';

// ---------------------------------------------------------------------------------------------
// Which notifications a user sees (`AccountNotification.for_user_and_account`)

/** `Enrollment.active_or_pending`: what counts as holding a course role. */
const ACTIVE_OR_PENDING_ENROLLMENT = `('active', 'invited', 'creation_pending')`;

/** With `include_past`, notifications that ended this many months ago (from the day's start) still show. */
const NEAR_PAST_MONTHS = 4;

function findNotification(db: Db, reference: string | undefined): AccountNotificationRow {
  const id = reference !== undefined && /^\d+$/.test(reference) ? Number(reference) : undefined;
  const row =
    id === undefined
      ? undefined
      : (db.prepare('SELECT * FROM account_notifications WHERE id = ?').get(id) as
          | AccountNotificationRow
          | undefined);
  if (!row) throw errors.notFound();
  return row;
}

/**
 * The accounts whose notifications reach the user: the domain root's chain, plus the chains of the
 * accounts of the user's current courses and of the accounts the user administers.
 */
function connectedAccountIds(db: Db, userId: number, rootId: number): number[] {
  const paths = db
    .prepare(
      `SELECT path FROM accounts WHERE id IN (
         SELECT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
         WHERE e.user_id = :user AND e.workflow_state IN ${ACTIVE_OR_PENDING_ENROLLMENT} AND c.workflow_state <> 'deleted'
         UNION
         SELECT au.account_id FROM account_users au JOIN accounts a ON a.id = au.account_id
         WHERE au.user_id = :user AND au.workflow_state = 'active' AND a.workflow_state = 'active'
         UNION SELECT :root)`,
    )
    .all({ user: userId, root: rootId }) as { path: string }[];
  return [...new Set(paths.flatMap((row) => pathIds(row.path)))];
}

/** Start of the UTC day NEAR_PAST_MONTHS calendar months before `now` (Rails' `now - 4.months`, then `beginning_of_day`). */
function nearPastCutoff(now: Date): Date {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - NEAR_PAST_MONTHS, 1));
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/**
 * The user's role ids as far as a notification of `account` is concerned: course roles from
 * enrollments in the account's subtree (the whole root account for a root notification), the
 * NilEnrollment pseudo-role (null) when there are none, and every admin role held anywhere in the
 * root account, as Canvas's `account_user_roles` takes them.
 */
function userRoleIdsFor(db: Db, userId: number, account: AccountRow, rootId: number): (number | null)[] {
  const enrollmentRoles =
    account.parent_account_id === null
      ? (db
          .prepare(
            `SELECT DISTINCT e.role_id FROM enrollments e JOIN courses c ON c.id = e.course_id
             WHERE e.user_id = ? AND c.root_account_id = ? AND e.workflow_state IN ${ACTIVE_OR_PENDING_ENROLLMENT}`,
          )
          .all(userId, account.id) as { role_id: number }[])
      : (db
          .prepare(
            `SELECT DISTINCT e.role_id FROM enrollments e JOIN courses c ON c.id = e.course_id
             JOIN accounts a ON a.id = c.account_id
             WHERE e.user_id = ? AND a.path >= ? AND a.path < ? AND e.workflow_state IN ${ACTIVE_OR_PENDING_ENROLLMENT}`,
          )
          .all(userId, ...subtreeRange(account.path)) as { role_id: number }[]);
  const adminRoles = db
    .prepare(
      `SELECT DISTINCT au.role_id FROM account_users au JOIN accounts a ON a.id = au.account_id
       WHERE au.user_id = ? AND au.workflow_state = 'active' AND (a.id = ? OR a.root_account_id = ?)`,
    )
    .all(userId, rootId, rootId) as { role_id: number }[];
  const ids: (number | null)[] = enrollmentRoles.map((row) => row.role_id);
  if (ids.length === 0) ids.push(null);
  return [...ids, ...adminRoles.map((row) => row.role_id)];
}

interface VisibleNotifications {
  rows: AccountNotificationRow[];
  roles: Map<number, NotificationRoleTarget[]>;
}

/**
 * `for_user_and_account`: the notifications of the user's connected accounts that are current
 * (or, with `includePast`, started and ended within the last months), that target one of the
 * user's roles, minus those the user closed unless `includePast`. Latest end first.
 */
function visibleNotifications(
  db: Db,
  user: CurrentUser,
  now: Date,
  includePast: boolean,
): VisibleNotifications {
  const rootId = domainRootAccountId(db);
  const nowText = isoSeconds(now);
  const endedAfter = includePast ? isoSeconds(nearPastCutoff(now)) : nowText;
  const candidates = db
    .prepare(
      `SELECT * FROM account_notifications
       WHERE workflow_state = 'active' AND account_id IN (SELECT value FROM json_each(?))
         AND start_at <= ? AND end_at >= ?`,
    )
    .all(
      JSON.stringify(connectedAccountIds(db, user.id, rootId)),
      nowText,
      endedAfter,
    ) as AccountNotificationRow[];
  const roles = preloadNotificationRoles(
    db,
    candidates.map((row) => row.id),
  );
  const userRolesByAccount = new Map<number, (number | null)[]>();
  const targeted = candidates.filter((row) => {
    const wanted = roles.get(row.id) ?? [];
    if (wanted.length === 0) return true;
    let held = userRolesByAccount.get(row.account_id);
    if (!held) {
      const account = findAccount(db, String(row.account_id), { includeDeleted: true });
      held = userRoleIdsFor(db, user.id, account, rootId);
      userRolesByAccount.set(row.account_id, held);
    }
    const holds = held;
    return wanted.some((role) => holds.includes(role.role_id));
  });
  let rows = targeted;
  if (!includePast) {
    // Canvas forgets closings of notifications that are no longer current for the user, so a
    // notification that comes back (new dates, new roles) shows again.
    const currentIds = targeted.map((row) => row.id);
    db.prepare(
      `DELETE FROM closed_account_notifications
       WHERE user_id = ? AND account_notification_id NOT IN (SELECT value FROM json_each(?))`,
    ).run(user.id, JSON.stringify(currentIds));
    const closed = closedNotificationIds(db, user.id);
    rows = targeted.filter((row) => !closed.has(row.id));
  }
  rows.sort((a, b) => compareText(b.end_at, a.end_at) || compareText(b.start_at, a.start_at) || b.id - a.id);
  return { rows, roles };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function closedNotificationIds(db: Db, userId: number): Set<number> {
  const rows = db
    .prepare('SELECT account_notification_id FROM closed_account_notifications WHERE user_id = ?')
    .all(userId) as { account_notification_id: number }[];
  return new Set(rows.map((row) => row.account_notification_id));
}

function authorsOf(db: Db, rows: AccountNotificationRow[]): Map<number, { id: number; short_name: string }> {
  const ids = [...new Set(rows.flatMap((row) => (row.user_id === null ? [] : [row.user_id])))];
  const authors = db
    .prepare('SELECT id, short_name FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: number; short_name: string }[];
  return new Map(authors.map((author) => [author.id, author]));
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/account_notifications (and the deprecated /users/:user_id/ alias)

/** The deprecated `/users/:user_id/` routes answer 404 unless `:user_id` is the caller (`self` works). */
function checkUserParam(ctx: RequestContext): void {
  const user = ctx.requireUser();
  if (findUser(ctx, ctx.pathParams.user_id ?? '').id !== user.id) throw errors.notFound();
}

function listNotifications(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const includeAll = toBoolean(ctx.params.include_all);
  const showIsClosed = toBoolean(ctx.params.show_is_closed);
  let rows: AccountNotificationRow[];
  let roles: Map<number, NotificationRoleTarget[]>;
  let authors: Map<number, { id: number; short_name: string }> | undefined;
  if (includeAll) {
    // Without include_all the path account is never looked up; with it, it must exist (404).
    const account = pathAccount(ctx);
    authorizeAccount(ctx, account, 'manage_alerts');
    // Everything of the account's chain, whatever its dates or roles; newest start first.
    rows = ctx.db
      .prepare(
        `SELECT * FROM account_notifications
         WHERE workflow_state = 'active' AND account_id IN (SELECT value FROM json_each(?))
         ORDER BY start_at DESC, id DESC`,
      )
      .all(JSON.stringify(pathIds(account.path))) as AccountNotificationRow[];
    roles = preloadNotificationRoles(
      ctx.db,
      rows.map((row) => row.id),
    );
    authors = authorsOf(ctx.db, rows);
  } else {
    // The path account plays no part: the list is the domain root's, whatever `:account_id` says.
    ({ rows, roles } = visibleNotifications(ctx.db, user, new Date(), toBoolean(ctx.params.include_past)));
  }
  const closed = showIsClosed ? closedNotificationIds(ctx.db, user.id) : undefined;
  return {
    body: rows.map((row) =>
      accountNotificationJson(row, {
        roles: roles.get(row.id) ?? [],
        author: authors && row.user_id !== null ? (authors.get(row.user_id) ?? null) : null,
        closed: closed?.has(row.id),
      }),
    ),
  };
}

function listNotificationsDeprecated(ctx: RequestContext): RouteResult {
  checkUserParam(ctx);
  return listNotifications(ctx);
}

// ---------------------------------------------------------------------------------------------
// GET /accounts/:account_id/account_notifications/:id

function showNotification(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const visible = visibleNotifications(ctx.db, user, new Date(), false);
  const row = findNotification(ctx.db, ctx.pathParams.id);
  // Existing but not currently shown to the caller (closed, expired, future, other roles): 403.
  if (!visible.rows.some((candidate) => candidate.id === row.id)) throw errors.unauthorized();
  return { body: accountNotificationJson(row, { roles: visible.roles.get(row.id) ?? [] }) };
}

function showNotificationDeprecated(ctx: RequestContext): RouteResult {
  checkUserParam(ctx);
  return showNotification(ctx);
}

// ---------------------------------------------------------------------------------------------
// DELETE /accounts/:account_id/account_notifications/:id — close for me, or remove for everyone

function closeOrRemoveNotification(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const remove = toBoolean(ctx.params.remove);
  const adminAccount = remove ? pathAccount(ctx) : undefined;
  if (adminAccount) authorizeAccount(ctx, adminAccount, 'manage_alerts');
  const row = findNotification(ctx.db, ctx.pathParams.id);
  if (adminAccount) {
    // The reference has Canvas find the id anywhere; the sandbox lets an admin remove only
    // notifications of the account they administer or its sub-accounts, so that a sub-account
    // admin cannot take down the root account's announcements.
    const owner = findAccount(ctx.db, String(row.account_id), { includeDeleted: true });
    const [low, high] = subtreeRange(adminAccount.path);
    if (owner.path < low || owner.path >= high) throw errors.notFound();
    ctx.db
      .prepare(`UPDATE account_notifications SET workflow_state = 'deleted', updated_at = ? WHERE id = ?`)
      .run(isoSeconds(new Date()), row.id);
  } else {
    // Closing needs no permission and works on any notification, visible to the caller or not.
    ctx.db
      .prepare(
        'INSERT OR IGNORE INTO closed_account_notifications (user_id, account_notification_id) VALUES (?, ?)',
      )
      .run(user.id, row.id);
  }
  const roles = preloadNotificationRoles(ctx.db, [row.id]).get(row.id) ?? [];
  return { body: accountNotificationJson(row, { roles }) };
}

function closeNotificationDeprecated(ctx: RequestContext): RouteResult {
  checkUserParam(ctx);
  return closeOrRemoveNotification(ctx);
}

// ---------------------------------------------------------------------------------------------
// Parameters of create and update

/** `ActiveRecord::Base.maximum_text_length`. */
const MESSAGE_MAX_LENGTH = 65_535;
const ACCOUNT_SERVICE_FLAGS = ['account_survey_notifications'];
const DISPLAY_CYCLE_MONTHS = { min: 1, max: 48 };

/** `params.require(:account_notification)`: a missing or empty hash is Canvas's 400. */
function requireNotificationParams(ctx: RequestContext): ParamHash {
  const hash = ctx.params.account_notification;
  if (!isHash(hash) || Object.keys(hash).length === 0) throw errors.missingParam('account_notification');
  return hash;
}

/** Strong parameters keep scalars only; a hash or array where a scalar belongs counts as not sent. */
function scalar(hash: ParamHash, key: string): ParamValue | undefined {
  if (!(key in hash)) return undefined;
  const value = hash[key];
  return Array.isArray(value) || isHash(value) ? undefined : (value ?? null);
}

/** A datetime param as Rails assigns it to a column: to the second, zone-less in the caller's zone, else nil. */
function parseDateTime(value: ParamValue | undefined, zone: string): string | null {
  const text = stringParam(value)?.trim();
  const parsed = text ? parseCanvasDateTime(text, zone) : null;
  return parsed ? isoSeconds(parsed) : null;
}

/** ActiveModel's integer cast: leading digits, else nil. */
function integerOrNull(value: ParamValue | undefined): number | null {
  if (typeof value === 'number') return Math.trunc(value);
  const match = /^\s*([+-]?\d+)/.exec(stringParam(value) ?? '');
  return match?.[1] ? Number.parseInt(match[1], 10) : null;
}

interface NotificationAttributes {
  subject: string | null;
  message: string | null;
  icon: string;
  start_at: string | null;
  end_at: string | null;
  send_message: boolean;
  required_account_service: string | null;
  months_in_display_cycle: number | null;
  domain_specific: boolean;
}

function attributesOf(row: AccountNotificationRow): NotificationAttributes {
  return {
    subject: row.subject,
    message: row.message,
    icon: row.icon,
    start_at: row.start_at,
    end_at: row.end_at,
    send_message: row.send_message === 1,
    required_account_service: row.required_account_service,
    months_in_display_cycle: row.months_in_display_cycle,
    domain_specific: row.domain_specific === 1,
  };
}

const NEW_NOTIFICATION: NotificationAttributes = {
  subject: null,
  message: null,
  icon: DEFAULT_ACCOUNT_NOTIFICATION_ICON,
  start_at: null,
  end_at: null,
  send_message: false,
  required_account_service: null,
  months_in_display_cycle: null,
  domain_specific: false,
};

/** The permitted keys of `account_notification[...]` assigned over `base`, as `attributes=` does. */
function assignAttributes(
  base: NotificationAttributes,
  hash: ParamHash,
  zone: string,
): { attributes: NotificationAttributes; badIcon: boolean } {
  const attributes = { ...base };
  let badIcon = false;
  const subject = scalar(hash, 'subject');
  if (subject !== undefined) attributes.subject = stringParam(subject) ?? null;
  const message = scalar(hash, 'message');
  // Sanitized before validation, so a message with nothing safe in it is blank.
  if (message !== undefined) attributes.message = sanitizeNotificationHtml(stringParam(message) ?? '');
  const icon = stringParam(scalar(hash, 'icon'))?.trim();
  // A blank icon keeps the default (or the current one); anything else must be one Canvas draws.
  if (icon) {
    if ((ACCOUNT_NOTIFICATION_ICONS as readonly string[]).includes(icon)) attributes.icon = icon;
    else badIcon = true;
  }
  for (const key of ['start_at', 'end_at'] as const) {
    const value = scalar(hash, key);
    if (value !== undefined) attributes[key] = parseDateTime(value, zone);
  }
  const sendMessage = scalar(hash, 'send_message');
  if (sendMessage !== undefined) attributes.send_message = toBoolean(sendMessage);
  const domainSpecific = scalar(hash, 'domain_specific');
  if (domainSpecific !== undefined) attributes.domain_specific = toBoolean(domainSpecific);
  const service = scalar(hash, 'required_account_service');
  if (service !== undefined) attributes.required_account_service = stringParam(service) ?? null;
  const cycle = scalar(hash, 'months_in_display_cycle');
  if (cycle !== undefined) attributes.months_in_display_cycle = integerOrNull(cycle);
  return { attributes, badIcon };
}

/** The model's validations, in Canvas's attribute-keyed form (code-only errors repeat the code as message). */
function validationErrors(
  attributes: NotificationAttributes,
  badIcon: boolean,
): Record<string, AttributeError[]> {
  const found: Record<string, AttributeError[]> = {};
  const add = (attribute: string, error: AttributeError) => {
    found[attribute] = [...(found[attribute] ?? []), error];
  };
  const code = (type: string) => ({ type, message: type });
  const isBlank = (text: string | null) => text === null || text.trim() === '';
  if (isBlank(attributes.subject)) add('subject', code('blank'));
  else if ((attributes.subject ?? '').length > ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH)
    add('subject', code('too_long'));
  if (isBlank(attributes.message)) add('message', code('blank'));
  else if ((attributes.message ?? '').length > MESSAGE_MAX_LENGTH) add('message', code('too_long'));
  if (attributes.start_at === null) add('start_at', code('blank'));
  if (attributes.end_at === null) add('end_at', code('blank'));
  if (attributes.start_at !== null && attributes.end_at !== null && attributes.end_at < attributes.start_at) {
    add('end_at', 'Account notification end time precedes start time');
  }
  // Canvas stores any icon string; the sandbox holds writers to the five its banner can draw.
  if (badIcon) add('icon', code('inclusion'));
  if (
    attributes.required_account_service !== null &&
    !ACCOUNT_SERVICE_FLAGS.includes(attributes.required_account_service)
  ) {
    add('required_account_service', code('inclusion'));
  }
  const cycle = attributes.months_in_display_cycle;
  if (cycle !== null && (cycle < DISPLAY_CYCLE_MONTHS.min || cycle > DISPLAY_CYCLE_MONTHS.max)) {
    add('months_in_display_cycle', code('inclusion'));
  }
  return found;
}

interface RoleResolution {
  /** Role ids to target, null for NilEnrollment, without duplicates; undefined = param not sent. */
  roleIds: (number | null)[] | undefined;
  unknown: string[];
}

/**
 * `account_notification_roles[]`: each value as a role id available to the account, else as a role
 * name (a built-in of the root account or a custom role of the account's chain), `NilEnrollment`
 * or null for users without enrollments. Canvas drops values that resolve to nothing; the sandbox
 * reports them instead, so a typo cannot silently widen a notification to everyone. A scalar where
 * the array belongs is read as a one-element list, and blank elements (the form encoding of an
 * empty list) are skipped.
 */
function resolveRoles(db: Db, account: AccountRow, raw: ParamValue | undefined): RoleResolution {
  if (raw === undefined || raw === null) return { roleIds: undefined, unknown: [] };
  const values = Array.isArray(raw) ? raw : [raw];
  const chain = JSON.stringify(pathIds(account.path));
  const rootId = account.root_account_id ?? account.id;
  const byId = db.prepare(
    `SELECT id FROM roles WHERE id = ? AND workflow_state <> 'deleted'
       AND ((workflow_state = 'built_in' AND root_account_id = ?) OR account_id IN (SELECT value FROM json_each(?)))`,
  );
  const byName = db.prepare(
    `SELECT id FROM roles WHERE name = ? AND workflow_state <> 'deleted'
       AND ((workflow_state = 'built_in' AND root_account_id = ?) OR account_id IN (SELECT value FROM json_each(?)))
     ORDER BY workflow_state = 'built_in' DESC, id LIMIT 1`,
  );
  const roleIds: (number | null)[] = [];
  const unknown: string[] = [];
  for (const value of values) {
    if (value === null) {
      if (!roleIds.includes(null)) roleIds.push(null);
      continue;
    }
    const text = stringParam(value)?.trim();
    if (text === '') continue;
    let found: { id: number } | undefined;
    if (text !== undefined && /^\d+$/.test(text))
      found = byId.get(Number(text), rootId, chain) as { id: number } | undefined;
    if (!found && text !== undefined) found = byName.get(text, rootId, chain) as { id: number } | undefined;
    const id = found ? found.id : text === NIL_ENROLLMENT_ROLE ? null : undefined;
    if (id === undefined) unknown.push(text ?? JSON.stringify(value));
    else if (!roleIds.includes(id)) roleIds.push(id);
  }
  return { roleIds, unknown };
}

function roleErrors(unknown: string[]): AttributeError[] {
  return unknown.map((value) => `Role "${value}" does not exist in this account`);
}

function rejectInvalid(found: Record<string, AttributeError[]>): void {
  if (Object.keys(found).length > 0) throw errors.attributes(400, found);
}

function replaceRoles(db: Db, notificationId: number, roleIds: (number | null)[]): void {
  db.prepare('DELETE FROM account_notification_roles WHERE account_notification_id = ?').run(notificationId);
  const insert = db.prepare(
    'INSERT INTO account_notification_roles (account_notification_id, role_id) VALUES (?, ?)',
  );
  for (const roleId of roleIds) insert.run(notificationId, roleId);
}

function callerZone(ctx: RequestContext): string {
  return callerTimeZone(ctx, findAccount(ctx.db, String(domainRootAccountId(ctx.db))));
}

// ---------------------------------------------------------------------------------------------
// POST /accounts/:account_id/account_notifications

function createNotification(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_alerts');
  const hash = requireNotificationParams(ctx);
  const { attributes, badIcon } = assignAttributes(NEW_NOTIFICATION, hash, callerZone(ctx));
  const found = validationErrors(attributes, badIcon);
  const { roleIds, unknown } = resolveRoles(ctx.db, account, ctx.params.account_notification_roles);
  if (unknown.length > 0) found.account_notification_roles = roleErrors(unknown);
  rejectInvalid(found);
  const now = isoSeconds(new Date());
  const id = ctx.db.transaction(() => {
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO account_notifications (account_id, user_id, subject, message, icon, start_at, end_at,
           send_message, required_account_service, months_in_display_cycle, domain_specific,
           workflow_state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      )
      .run(
        account.id,
        user.id,
        attributes.subject,
        attributes.message,
        attributes.icon,
        attributes.start_at,
        attributes.end_at,
        attributes.send_message ? 1 : 0,
        attributes.required_account_service,
        attributes.months_in_display_cycle,
        attributes.domain_specific ? 1 : 0,
        now,
        now,
      );
    const notificationId = Number(lastInsertRowid);
    replaceRoles(ctx.db, notificationId, roleIds ?? []);
    return notificationId;
  })();
  return { body: serializeStored(ctx.db, id) };
}

function serializeStored(db: Db, id: number): Record<string, unknown> {
  const row = db
    .prepare('SELECT * FROM account_notifications WHERE id = ?')
    .get(id) as AccountNotificationRow;
  return accountNotificationJson(row, { roles: preloadNotificationRoles(db, [id]).get(id) ?? [] });
}

// ---------------------------------------------------------------------------------------------
// PUT /accounts/:account_id/account_notifications/:id

function updateNotification(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_alerts');
  // `@account.announcements.find`: only the path account's own notifications, deleted ones included.
  const row = findNotification(ctx.db, ctx.pathParams.id);
  if (row.account_id !== account.id) throw errors.notFound();
  const hash = requireNotificationParams(ctx);
  const { attributes, badIcon } = assignAttributes(attributesOf(row), hash, callerZone(ctx));
  const found = validationErrors(attributes, badIcon);
  const { roleIds, unknown } = resolveRoles(ctx.db, account, ctx.params.account_notification_roles);
  if (unknown.length > 0) found.account_notification_roles = roleErrors(unknown);
  rejectInvalid(found);
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `UPDATE account_notifications SET subject = ?, message = ?, icon = ?, start_at = ?, end_at = ?,
           send_message = ?, required_account_service = ?, months_in_display_cycle = ?, domain_specific = ?,
           updated_at = ?
         WHERE id = ?`,
      )
      .run(
        attributes.subject,
        attributes.message,
        attributes.icon,
        attributes.start_at,
        attributes.end_at,
        attributes.send_message ? 1 : 0,
        attributes.required_account_service,
        attributes.months_in_display_cycle,
        attributes.domain_specific ? 1 : 0,
        isoSeconds(new Date()),
        row.id,
      );
    // The requested set replaces the current one: leaving the param out targets everyone again.
    replaceRoles(ctx.db, row.id, roleIds ?? []);
  })();
  return { body: serializeStored(ctx.db, row.id) };
}

export const accountNotificationRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/accounts/:account_id/account_notifications', handler: listNotifications },
  {
    method: 'GET',
    path: '/api/v1/accounts/:account_id/account_notifications/:id',
    handler: showNotification,
  },
  {
    method: 'DELETE',
    path: '/api/v1/accounts/:account_id/account_notifications/:id',
    handler: closeOrRemoveNotification,
  },
  { method: 'POST', path: '/api/v1/accounts/:account_id/account_notifications', handler: createNotification },
  {
    method: 'PUT',
    path: '/api/v1/accounts/:account_id/account_notifications/:id',
    handler: updateNotification,
  },
  {
    method: 'GET',
    path: '/api/v1/accounts/:account_id/users/:user_id/account_notifications',
    handler: listNotificationsDeprecated,
  },
  {
    method: 'GET',
    path: '/api/v1/accounts/:account_id/users/:user_id/account_notifications/:id',
    handler: showNotificationDeprecated,
  },
  {
    method: 'DELETE',
    path: '/api/v1/accounts/:account_id/users/:user_id/account_notifications/:id',
    handler: closeNotificationDeprecated,
  },
];

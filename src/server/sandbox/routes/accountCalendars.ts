import type { Db } from '../db/connection.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { ApiError, errors } from '../http/errors.ts';
import { pageWithTotal } from '../http/pagination.ts';
import { isBlank, isHash, type ParamHash, type ParamValue, rubyToI, toBoolean } from '../http/params.ts';
import { pathAccount, subtreeRange } from '../lookup.ts';
import { authorizeAccount, pathIds } from '../permissions.ts';
import { cachedAccountRights } from '../serializers/account.ts';
import {
  type AccountCalendarRow,
  accountCalendarJson,
  accountCalendarsJson,
} from '../serializers/accountCalendar.ts';
import { isoSeconds } from '../time.ts';

const CALENDAR_COLUMNS =
  'a.id, a.name, a.parent_account_id, a.root_account_id, a.path, a.calendar_visible, a.calendar_auto_subscribe';

/** The accounts a list covers: a WHERE clause over `accounts a` and its bound values. */
interface AccountScope {
  where: string;
  params: unknown[];
}

// ---------------------------------------------------------------------------------------------
// Parameters

/**
 * `search_term` as these actions hand it to `Account.search_by_attribute`: a blank term means no
 * search; anything else must be a string of at least two characters (`SearchTermTooShortError`).
 */
function searchTerm(value: ParamValue | undefined): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string' || [...value].length < 2) throw errors.searchTermTooShort();
  return value;
}

/** `filter`: blank means none; anything but `visible` or `hidden` is a 400 with a bare-string body. */
function calendarFilter(value: ParamValue | undefined): 'visible' | 'hidden' | undefined {
  if (isBlank(value)) return undefined;
  if (value === 'visible' || value === 'hidden') return value;
  throw new ApiError(400, { errors: 'Expected filter param to be one of: visible, hidden' });
}

/** A case-insensitive `%term%` for `LIKE ... ESCAPE '\'`, the term's own wildcards taken literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------
// Which calendars a user may add

/**
 * `User#user_account_associations`: every account on the chain (itself up to the root) of the
 * accounts of the user's courses (enrollments not deleted or rejected), of their logins and of
 * their admin memberships.
 */
function associatedAccountIds(db: Db, userId: number): Set<number> {
  const rows = db
    .prepare(
      `SELECT DISTINCT path FROM accounts WHERE id IN (
         SELECT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
         WHERE e.user_id = ? AND e.workflow_state NOT IN ('deleted', 'rejected')
         UNION SELECT account_id FROM pseudonyms WHERE user_id = ? AND workflow_state <> 'deleted'
         UNION SELECT account_id FROM account_users WHERE user_id = ? AND workflow_state = 'active')`,
    )
    .all(userId, userId, userId) as { path: string }[];
  return new Set(rows.flatMap((row) => pathIds(row.path)));
}

/**
 * `User#all_account_calendars`: visible active calendars of the associated accounts, plus those
 * below any account the user administers whose own calendar is visible (Canvas only walks down
 * from visible ones).
 */
function availableCalendarsScope(db: Db, userId: number): AccountScope {
  const adminPaths = db
    .prepare(
      `SELECT a.path FROM account_users au JOIN accounts a ON a.id = au.account_id
       WHERE au.user_id = ? AND au.workflow_state = 'active'
         AND a.workflow_state = 'active' AND a.calendar_visible = 1`,
    )
    .all(userId) as { path: string }[];
  const reach = ['a.id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify([...associatedAccountIds(db, userId)])];
  for (const { path } of adminPaths) {
    const [lo, hi] = subtreeRange(path);
    // Strictly below: the administered account itself is already associated.
    reach.push('(a.path > ? AND a.path < ?)');
    params.push(lo, hi);
  }
  return {
    where: `a.workflow_state = 'active' AND a.calendar_visible = 1 AND (${reach.join(' OR ')})`,
    params,
  };
}

function countRows(db: Db, scope: AccountScope): number {
  return (
    db.prepare(`SELECT COUNT(*) AS total FROM accounts a WHERE ${scope.where}`).get(...scope.params) as {
      total: number;
    }
  ).total;
}

/**
 * One ordinal page. Its ids are picked first, so that SQLite steps over the earlier pages' entries
 * of an index in page order (accounts_by_name, migration 007) rather than loading and sorting whole
 * rows; only the page's rows are loaded.
 */
function calendarRows(
  db: Db,
  scope: AccountScope,
  orderBy: string,
  orderParams: unknown[],
  limit: number,
  offset: number,
): AccountCalendarRow[] {
  const ids = db
    .prepare(`SELECT a.id FROM accounts a WHERE ${scope.where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...scope.params, ...orderParams, limit, offset) as number[];
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${CALENDAR_COLUMNS} FROM accounts a WHERE a.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as AccountCalendarRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function withNameSearch(scope: AccountScope, term: string | undefined): AccountScope {
  if (term === undefined) return scope;
  return {
    where: `${scope.where} AND a.name LIKE ? ESCAPE '\\'`,
    params: [...scope.params, containsPattern(term)],
  };
}

// Canvas sorts by an ICU collation key of the name; NOCASE is the sandbox's stand-in, as elsewhere.
const BY_NAME = 'a.name COLLATE NOCASE, a.id';

function listAvailableCalendars(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const scope = withNameSearch(availableCalendarsScope(ctx.db, user.id), searchTerm(ctx.params.search_term));
  const total = countRows(ctx.db, scope);
  const page = pageWithTotal(
    ctx,
    () => total,
    (limit, offset) => calendarRows(ctx.db, scope, BY_NAME, [], limit, offset),
  );
  return {
    body: { account_calendars: accountCalendarsJson(ctx, page.items), total_results: total },
    headers: page.headers,
  };
}

// ---------------------------------------------------------------------------------------------
// One calendar

function showCalendar(ctx: RequestContext): RouteResult {
  const user = ctx.requireUser();
  const account = pathAccount(ctx);
  // `view_account_calendar_details`: associated with (or able to read) the account, and the
  // calendar visible unless the caller may manage its visibility.
  const rights = cachedAccountRights(ctx, account.path);
  const connected = rights.has('read') || associatedAccountIds(ctx.db, user.id).has(account.id);
  const seesIt = account.calendar_visible === 1 || rights.has('manage_account_calendar_visibility');
  if (!connected || !seesIt) throw errors.unauthorized();
  return { body: accountCalendarJson(ctx, account) };
}

function updateCalendar(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_calendar_visibility');
  // Each key counts when present, whatever its value (`visible=` is false); no cross-field rule:
  // Canvas accepts auto-subscribe on a hidden calendar.
  const flag = (name: string, current: number) =>
    Object.hasOwn(ctx.params, name) ? (toBoolean(ctx.params[name]) ? 1 : 0) : current;
  const visible = flag('visible', account.calendar_visible);
  const autoSubscribe = flag('auto_subscribe', account.calendar_auto_subscribe);
  if (visible === account.calendar_visible && autoSubscribe === account.calendar_auto_subscribe) {
    return { body: accountCalendarJson(ctx, account) };
  }
  const updatedAt = isoSeconds(new Date());
  ctx.db
    .prepare(
      'UPDATE accounts SET calendar_visible = ?, calendar_auto_subscribe = ?, updated_at = ? WHERE id = ?',
    )
    .run(visible, autoSubscribe, updatedAt, account.id);
  return {
    body: accountCalendarJson(ctx, {
      ...account,
      calendar_visible: visible,
      calendar_auto_subscribe: autoSubscribe,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Bulk update

const BULK_KEYS = ['id', 'visible', 'auto_subscribe'] as const;
type BulkEntry = Partial<Record<(typeof BULK_KEYS)[number], string | number | boolean | null>>;

/**
 * `params.permit(_json: %i[id visible auto_subscribe]).to_h[:_json]`: only an array survives as an
 * array; its non-hash elements are dropped, and so are other keys and non-scalar values.
 */
function permittedBulkEntries(value: ParamValue | undefined): BulkEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isHash).map((element: ParamHash) => {
    const entry: BulkEntry = {};
    for (const key of BULK_KEYS) {
      const field = element[key];
      if (field === undefined || Array.isArray(field) || isHash(field)) continue;
      entry[key] = field;
    }
    return entry;
  });
}

/** Canvas compares the ids as sent, so `1` and `"1"` are not duplicates. */
function rawIdKey(value: BulkEntry['id']): string {
  return `${typeof value}:${String(value)}`;
}

/**
 * The tri-state a bulk entry sets a flag to: null when the key is missing or null (unchanged).
 * Canvas applies all "on" updates before all "off" ones, so "off" wins for an account sent twice
 * under two spellings of its id.
 */
function mergeFlag(previous: 0 | 1 | null | undefined, value: BulkEntry['visible']): 0 | 1 | null {
  const before = previous ?? null;
  if (value === undefined || value === null) return before;
  if (!toBoolean(value)) return 0;
  return before === 0 ? 0 : 1;
}

function bulkError(message: string): ApiError {
  return new ApiError(400, { errors: message });
}

function bulkUpdateCalendars(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_calendar_visibility');

  const entries = permittedBulkEntries(ctx.params._json);
  if (!entries || entries.length === 0) throw bulkError('Expected array of objects');
  if (!entries.every((entry) => Object.hasOwn(entry, 'id'))) throw bulkError('Missing key(s)');
  if (new Set(entries.map((entry) => rawIdKey(entry.id))).size !== entries.length) {
    throw bulkError('Duplicate IDs');
  }
  const ids = entries.map((entry) => rubyToI(entry.id));
  const distinctIds = [...new Set(ids)];

  const changes = new Map<number, { visible: 0 | 1 | null; autoSubscribe: 0 | 1 | null }>();
  entries.forEach((entry, index) => {
    const id = ids[index] ?? 0;
    const previous = changes.get(id);
    changes.set(id, {
      visible: mergeFlag(previous?.visible, entry.visible),
      autoSubscribe: mergeFlag(previous?.autoSubscribe, entry.auto_subscribe),
    });
  });

  const [lo, hi] = subtreeRange(account.path);
  const countInside = ctx.db.prepare(
    `SELECT COUNT(*) AS inside FROM accounts WHERE id IN (SELECT value FROM json_each(?))
       AND path >= ? AND path < ? AND workflow_state = 'active'`,
  );
  const update = ctx.db.prepare(
    `UPDATE accounts SET calendar_visible = COALESCE(?, calendar_visible),
       calendar_auto_subscribe = COALESCE(?, calendar_auto_subscribe)
     WHERE id = ? AND workflow_state = 'active'`,
  );
  ctx.db.transaction(() => {
    // `Account.sub_account_ids_recursive` is active accounts only: a deleted one is out of reach too.
    const { inside } = countInside.get(JSON.stringify(distinctIds), lo, hi) as { inside: number };
    if (inside !== distinctIds.length) throw errors.unauthorized();
    for (const [id, change] of changes) {
      // Canvas's `update_all` skips callbacks, so `updated_at` stays as it was.
      if (change.visible !== null || change.autoSubscribe !== null) {
        update.run(change.visible, change.autoSubscribe, id);
      }
    }
  })();

  const count = distinctIds.length;
  return { body: { message: count === 1 ? 'Updated 1 account' : `Updated ${count} accounts` } };
}

// ---------------------------------------------------------------------------------------------
// Admin list and count

function listAccountCalendars(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_calendar_visibility');
  const filter = calendarFilter(ctx.params.filter);
  const term = searchTerm(ctx.params.search_term);

  let countScope: AccountScope;
  let pageScope: AccountScope;
  let orderBy = BY_NAME;
  const orderParams: unknown[] = [];
  if (term !== undefined || filter !== undefined) {
    // A search or filter reaches the whole subtree, the account itself sorted in among the rest.
    const [lo, hi] = subtreeRange(account.path);
    const subtree = (path: string): AccountScope => {
      let scope: AccountScope = {
        where: `${path} >= ? AND ${path} < ? AND a.workflow_state = 'active'`,
        params: [lo, hi],
      };
      if (filter !== undefined) {
        scope = {
          where: `${scope.where} AND a.calendar_visible = ?`,
          params: [...scope.params, filter === 'visible' ? 1 : 0],
        };
      }
      return withNameSearch(scope, term);
    };
    // Counting takes the path range (accounts_path). A page walks accounts_by_name in order
    // instead: the unary `+` keeps SQLite from taking the range there and sorting the whole
    // subtree for every page. A small subtree pays a walk of the name index (about a millisecond
    // at 10,000 accounts) where sorting it would have been cheaper still.
    countScope = subtree('a.path');
    pageScope = subtree('+a.path');
  } else {
    // Otherwise the account itself first, then only its direct sub-accounts.
    countScope = {
      where: `a.id = ? OR (a.parent_account_id = ? AND a.workflow_state = 'active')`,
      params: [account.id, account.id],
    };
    pageScope = countScope;
    orderBy = `a.id = ? DESC, ${BY_NAME}`;
    orderParams.push(account.id);
  }

  const total = countRows(ctx.db, countScope);
  const page = pageWithTotal(
    ctx,
    () => total,
    (limit, offset) => calendarRows(ctx.db, pageScope, orderBy, orderParams, limit, offset),
  );
  return {
    body: accountCalendarsJson(ctx, page.items, { includeSubAccountCount: true }),
    headers: page.headers,
  };
}

function visibleCalendarsCount(ctx: RequestContext): RouteResult {
  ctx.requireUser();
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'manage_account_calendar_visibility');
  const [lo, hi] = subtreeRange(account.path);
  const count = countRows(ctx.db, {
    where: `a.path >= ? AND a.path < ? AND a.workflow_state = 'active' AND a.calendar_visible = 1`,
    params: [lo, hi],
  });
  return { body: { count } };
}

export const accountCalendarRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/account_calendars', handler: listAvailableCalendars },
  { method: 'GET', path: '/api/v1/account_calendars/:account_id', handler: showCalendar },
  { method: 'PUT', path: '/api/v1/account_calendars/:account_id', handler: updateCalendar },
  { method: 'GET', path: '/api/v1/accounts/:account_id/account_calendars', handler: listAccountCalendars },
  { method: 'PUT', path: '/api/v1/accounts/:account_id/account_calendars', handler: bulkUpdateCalendars },
  {
    method: 'GET',
    path: '/api/v1/accounts/:account_id/visible_calendars_count',
    handler: visibleCalendarsCount,
  },
];

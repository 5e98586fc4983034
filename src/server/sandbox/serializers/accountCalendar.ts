import type { RequestContext } from '../http/context.ts';
import type { AccountRow } from '../lookup.ts';
import { accountRights, pathIds } from '../permissions.ts';

/** `account_calendar_json` (`lib/api/v1/account_calendar.rb`), in Canvas's key order. */
export interface AccountCalendarJson {
  id: number;
  name: string;
  parent_account_id: number | null;
  root_account_id: number | null;
  visible: boolean;
  auto_subscribe: boolean;
  asset_string: string;
  type: 'account';
  sub_account_count?: number;
  calendar_event_url: string;
  can_create_calendar_events: boolean;
  create_calendar_event_url: string;
  new_calendar_event_url: string;
}

/** The account columns a calendar is made of. */
export type AccountCalendarRow = Pick<
  AccountRow,
  | 'id'
  | 'name'
  | 'parent_account_id'
  | 'root_account_id'
  | 'path'
  | 'calendar_visible'
  | 'calendar_auto_subscribe'
>;

/** `account.sub_accounts.count` (direct, non-deleted) for a whole page with one grouped query. */
function directSubAccountCounts(ctx: RequestContext, accountIds: number[]): Map<number, number> {
  const counts = new Map<number, number>(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return counts;
  const rows = ctx.db
    .prepare(
      `SELECT parent_account_id AS id, COUNT(*) AS total FROM accounts
       WHERE parent_account_id IN (SELECT value FROM json_each(?)) AND workflow_state = 'active'
       GROUP BY parent_account_id`,
    )
    .all(JSON.stringify(accountIds)) as { id: number; total: number }[];
  for (const row of rows) counts.set(row.id, row.total);
  return counts;
}

interface CreateRightCache {
  /** Accounts where the caller holds an active admin membership. */
  memberOf: Set<number>;
  /** Answer per set of memberships on an account's chain. */
  byMemberships: Map<string, boolean>;
}

const createRightCaches = new WeakMap<RequestContext, CreateRightCache>();

/**
 * Whether the caller may create events in the account's calendar (`manage_account_calendar_events`
 * there). Account rights come only from memberships on the account's chain, so accounts whose
 * chains cross the same memberships share one answer: a page of 100 siblings costs one lookup.
 */
function canCreateCalendarEvents(ctx: RequestContext, path: string): boolean {
  const user = ctx.user;
  if (!user) return false;
  let cache = createRightCaches.get(ctx);
  if (!cache) {
    const rows = ctx.db
      .prepare(
        `SELECT DISTINCT account_id FROM account_users WHERE user_id = ? AND workflow_state = 'active'`,
      )
      .all(user.id) as { account_id: number }[];
    cache = { memberOf: new Set(rows.map((row) => row.account_id)), byMemberships: new Map() };
    createRightCaches.set(ctx, cache);
  }
  const memberOf = cache.memberOf;
  const key = pathIds(path)
    .filter((id) => memberOf.has(id))
    .join('/');
  let allowed = cache.byMemberships.get(key);
  if (allowed === undefined) {
    allowed = accountRights(ctx.db, user.id, path).has('manage_account_calendar_events');
    cache.byMemberships.set(key, allowed);
  }
  return allowed;
}

function calendarJson(
  ctx: RequestContext,
  row: AccountCalendarRow,
  subAccountCount: number | undefined,
): AccountCalendarJson {
  return {
    id: row.id,
    name: row.name,
    parent_account_id: row.parent_account_id,
    root_account_id: row.root_account_id,
    visible: row.calendar_visible === 1,
    auto_subscribe: row.calendar_auto_subscribe === 1,
    asset_string: `account_${row.id}`,
    type: 'account',
    ...(subAccountCount === undefined ? {} : { sub_account_count: subAccountCount }),
    // Canvas's UI fills `{{ id }}` in, so the placeholder travels URL-encoded.
    calendar_event_url: `/accounts/${row.id}/calendar_events/%7B%7B%20id%20%7D%7D`,
    can_create_calendar_events: canCreateCalendarEvents(ctx, row.path),
    create_calendar_event_url: `/accounts/${row.id}/calendar_events`,
    new_calendar_event_url: `/accounts/${row.id}/calendar_events/new`,
  };
}

/** One calendar, as `GET`/`PUT /account_calendars/:account_id` answer it (no `sub_account_count`). */
export function accountCalendarJson(ctx: RequestContext, row: AccountCalendarRow): AccountCalendarJson {
  return calendarJson(ctx, row, undefined);
}

export interface AccountCalendarsJsonOptions {
  /** Only the admin list (`GET /accounts/:id/account_calendars`) includes it. */
  includeSubAccountCount?: boolean;
}

/** A page of calendars; the sub-account counts of the page cost one query. */
export function accountCalendarsJson(
  ctx: RequestContext,
  rows: AccountCalendarRow[],
  options: AccountCalendarsJsonOptions = {},
): AccountCalendarJson[] {
  const counts = options.includeSubAccountCount
    ? directSubAccountCounts(
        ctx,
        rows.map((row) => row.id),
      )
    : undefined;
  return rows.map((row) => calendarJson(ctx, row, counts ? (counts.get(row.id) ?? 0) : undefined));
}

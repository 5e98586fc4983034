import type { RequestContext } from '../http/context.ts';
import type { AccountRow, UserRow } from '../lookup.ts';
import type { AccountRight } from '../permissions.ts';
import {
  accountSettings,
  CANVAS_DEFAULT_TIME_ZONE,
  cachedAccountRights,
  resolveTimeZone,
  rootAccountOf,
  UI_SERVICE_DEFAULTS,
} from './account.ts';

// Zones whose Rails `TimeWithZone#iso8601` writes `Z` rather than `+00:00`.
const UTC_ZONES = new Set(['Etc/UTC', 'UTC', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * `time.iso8601` in a zone: Canvas pre-formats a few timestamps (role `created_at`, user `last_login`)
 * in the caller's zone, so they carry its UTC offset (`2024-01-02T09:00:00-07:00`).
 */
export function isoInZone(utcIso: string, ianaZone: string): string {
  const date = new Date(utcIso);
  if (Number.isNaN(date.getTime())) return utcIso;
  if (UTC_ZONES.has(ianaZone)) return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = Object.fromEntries(
    formatterFor(ianaZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  // `longOffset` is `GMT-07:00`, or a bare `GMT` for a zero offset.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** `Time.zone` of a Canvas request: the caller's own zone, else the domain root account's default. */
export function callerTimeZone(ctx: RequestContext, root: AccountRow): string {
  const own = ctx.user
    ? (
        ctx.db.prepare('SELECT time_zone FROM users WHERE id = ?').get(ctx.user.id) as
          | { time_zone: string | null }
          | undefined
      )?.time_zone
    : null;
  return resolveTimeZone(own ?? root.default_time_zone ?? CANVAS_DEFAULT_TIME_ZONE).iana;
}

/** The `avatars` service of the root account (off unless an admin enabled it). */
function avatarsEnabled(root: AccountRow): boolean {
  const services: unknown = JSON.parse(root.services);
  const stored =
    typeof services === 'object' && services !== null
      ? (services as Record<string, unknown>).avatars
      : undefined;
  return typeof stored === 'boolean' ? stored : UI_SERVICE_DEFAULTS.avatars === true;
}

/** Canvas's fallback avatar, what `avatar_url` shows for users who never uploaded a picture. */
function fallbackAvatarUrl(ctx: RequestContext): string {
  return `${ctx.baseUrl}/images/messages/avatar-50.png`;
}

interface LoginRow {
  user_id: number;
  unique_id: string;
  sis_user_id: string | null;
  integration_id: string | null;
  workflow_state: string;
}

interface UserPageCache {
  loginsByRoot: Map<number, Map<number, LoginRow[]>>;
}

const requestCaches = new WeakMap<RequestContext, UserPageCache>();

function cacheFor(ctx: RequestContext): UserPageCache {
  let cache = requestCaches.get(ctx);
  if (!cache) {
    cache = { loginsByRoot: new Map() };
    requestCaches.set(ctx, cache);
  }
  return cache;
}

/** Loads the logins of a whole page of users in one root account with one query. */
export function preloadUserLogins(ctx: RequestContext, userIds: number[], rootAccountId: number): void {
  const cache = cacheFor(ctx);
  let byUser = cache.loginsByRoot.get(rootAccountId);
  if (!byUser) {
    byUser = new Map();
    cache.loginsByRoot.set(rootAccountId, byUser);
  }
  const missing = userIds.filter((id) => !byUser.has(id));
  if (missing.length === 0) return;
  const rows = ctx.db
    .prepare(
      `SELECT user_id, unique_id, sis_user_id, integration_id, workflow_state FROM pseudonyms
       WHERE account_id = ? AND user_id IN (SELECT value FROM json_each(?))
       ORDER BY user_id, id`,
    )
    .all(rootAccountId, JSON.stringify(missing)) as LoginRow[];
  for (const id of missing) byUser.set(id, []);
  for (const row of rows) byUser.get(row.user_id)?.push(row);
}

function loginsOf(ctx: RequestContext, userId: number, rootAccountId: number): LoginRow[] {
  preloadUserLogins(ctx, [userId], rootAccountId);
  return cacheFor(ctx).loginsByRoot.get(rootAccountId)?.get(userId) ?? [];
}

const LOGIN_STATE_RANK: Record<string, number> = { active: 0, suspended: 1, deleted: 2 };

/**
 * `SisPseudonym.for`: the login Canvas shows for a user in a root account — live logins before
 * deleted ones, SIS-linked before others, then by login id.
 */
function primaryLogin(logins: LoginRow[], includeDeleted: boolean): LoginRow | undefined {
  return logins
    .filter((login) => includeDeleted || login.workflow_state !== 'deleted')
    .sort(
      (a, b) =>
        (LOGIN_STATE_RANK[a.workflow_state] ?? 3) - (LOGIN_STATE_RANK[b.workflow_state] ?? 3) ||
        Number(a.sis_user_id === null) - Number(b.sis_user_id === null) ||
        a.unique_id.localeCompare(b.unique_id),
    )[0];
}

export interface UserJsonOptions {
  /** The account the user is shown in: its rights decide the admin-only fields. */
  account: AccountRow;
  /** `include[]` values the endpoint accepted (`avatar_url`, `email`, `last_login`, `time_zone`, `uuid`, `locale`). */
  includes?: readonly string[];
  /** `include_deleted_users=true`: deleted logins count, and admins get `login_ids`/`sis_user_ids`. */
  includeDeletedLogins?: boolean;
}

interface ViewerRights {
  account: Set<AccountRight>;
  root: Set<AccountRight>;
}

function viewerRights(ctx: RequestContext, account: AccountRow): ViewerRights {
  return {
    account: cachedAccountRights(ctx, account.path),
    root: cachedAccountRights(ctx, rootAccountOf(ctx, account).path),
  };
}

/**
 * `user_json_is_admin?`: the caller manages students, reads SIS data or logins in the context, holds
 * any admin membership over it (`read_as_admin`), or reads SIS data on the root account.
 */
function isUserJsonAdmin(rights: ViewerRights): boolean {
  return (
    rights.account.has('manage_students') ||
    rights.account.has('read_sis') ||
    rights.account.has('view_user_logins') ||
    rights.account.has('read_as_admin') ||
    rights.root.has('manage_sis') ||
    rights.root.has('read_sis')
  );
}

function canReadSis(rights: ViewerRights): boolean {
  return (
    rights.account.has('read_sis') ||
    rights.account.has('manage_sis') ||
    rights.root.has('read_sis') ||
    rights.root.has('manage_sis')
  );
}

/** `user_json` (`lib/api/v1/user.rb`) with an account as context. */
export function userJson(
  ctx: RequestContext,
  row: UserRow,
  options: UserJsonOptions,
): Record<string, unknown> {
  const includes = options.includes ?? [];
  const root = rootAccountOf(ctx, options.account);
  const rights = viewerRights(ctx, options.account);
  const json: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    created_at: row.created_at,
    sortable_name: row.sortable_name,
    short_name: row.short_name,
  };
  if (isUserJsonAdmin(rights)) {
    const logins = loginsOf(ctx, row.id, root.id);
    const login = primaryLogin(logins, options.includeDeletedLogins === true);
    if (login && canReadSis(rights)) {
      json.sis_user_id = login.sis_user_id;
      json.integration_id = login.integration_id;
      // Sandbox logins never come from an SIS import, so there is no batch to name.
      if (rights.root.has('manage_sis')) json.sis_import_id = null;
    }
    if (login && rights.account.has('view_user_logins')) json.login_id = login.unique_id;
    if (options.includeDeletedLogins) {
      json.login_ids = logins.map((entry) => entry.unique_id).join(',');
      if (canReadSis(rights)) {
        json.sis_user_ids = logins
          .map((entry) => entry.sis_user_id)
          .filter((id): id is string => id !== null)
          .join(',');
      }
    }
  }
  if (row.pronouns) json.pronouns = row.pronouns;
  if (includes.includes('avatar_url') && avatarsEnabled(root)) json.avatar_url = fallbackAvatarUrl(ctx);
  if (includes.includes('email') && rights.account.has('read_email_addresses')) json.email = row.email;
  if (includes.includes('locale')) json.locale = row.locale;
  if (includes.includes('last_login')) {
    json.last_login = row.last_login === null ? null : isoInZone(row.last_login, callerTimeZone(ctx, root));
  }
  if (includes.includes('time_zone')) {
    json.time_zone = row.time_zone ?? root.default_time_zone ?? CANVAS_DEFAULT_TIME_ZONE;
  }
  if (includes.includes('uuid')) {
    json.uuid = row.uuid;
    json.account_uuid = root.uuid;
  }
  return json;
}

/** `User.name_parts` on a sortable name: `Ruiz, Dana` → first `Dana`, last `Ruiz`. */
function nameParts(row: Pick<UserRow, 'name' | 'sortable_name'>): { first: string; last: string } {
  const comma = row.sortable_name.indexOf(',');
  if (comma >= 0) {
    return {
      first: row.sortable_name.slice(comma + 1).trim(),
      last: row.sortable_name.slice(0, comma).trim(),
    };
  }
  const words = row.name.trim().split(/\s+/);
  if (words.length < 2) return { first: row.name.trim(), last: '' };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? '' };
}

/** Canvas's interface language when neither the user nor the account chose one. */
const CANVAS_DEFAULT_LOCALE = 'en';

export interface UserShowOptions {
  /** The domain root account, the context `GET /users/:id` renders in. */
  root: AccountRow;
  includes: readonly string[];
  /** The caller holds `read_email_addresses` on the root account. */
  mayReadEmail: boolean;
}

/**
 * `GET /users/:id`: `user_json` with the domain root account as context and Canvas's fixed includes
 * (names, locale, avatar, permissions, email) on top of those asked for.
 */
export function userShowJson(
  ctx: RequestContext,
  row: UserRow,
  options: UserShowOptions,
): Record<string, unknown> {
  const { root } = options;
  const requested = options.includes.filter((name) => name === 'uuid' || name === 'last_login');
  const json = userJson(ctx, row, { account: root, includes: ['avatar_url', 'locale', ...requested] });
  const { first, last } = nameParts(row);
  json.first_name = first;
  json.last_name = last;
  const settings = accountSettings(root);
  if (ctx.user?.id === row.id) {
    const rootLocale = typeof settings.default_locale === 'string' ? settings.default_locale : null;
    json.effective_locale = row.locale ?? rootLocale ?? CANVAS_DEFAULT_LOCALE;
  }
  json.permissions = {
    can_update_name: settings.users_can_edit_name !== false,
    can_update_avatar: avatarsEnabled(root),
    limit_parent_app_web_access: false,
  };
  if (options.mayReadEmail) json.email = row.email;
  return json;
}

export interface ProfileOptions {
  root: AccountRow;
  includes: readonly string[];
  /** `read_email_addresses` on the user (always true for oneself). */
  mayReadEmail: boolean;
  /** `read_sis` on the user. */
  mayReadSis: boolean;
}

/** `user_profile_json` (`lib/api/v1/user_profile.rb`). */
export function profileJson(
  ctx: RequestContext,
  row: UserRow,
  options: ProfileOptions,
): Record<string, unknown> {
  const { root } = options;
  const isSelf = ctx.user?.id === row.id;
  const login = primaryLogin(loginsOf(ctx, row.id, root.id), false);
  const json: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    short_name: row.short_name,
    sortable_name: row.sortable_name,
    title: null,
    bio: null,
  };
  if (avatarsEnabled(root)) json.avatar_url = fallbackAvatarUrl(ctx);
  if (row.pronouns) json.pronouns = row.pronouns;
  if (options.mayReadEmail) json.primary_email = row.email;
  json.login_id = options.mayReadEmail ? (login?.unique_id ?? null) : null;
  json.integration_id = options.mayReadSis ? (login?.integration_id ?? null) : null;
  if (options.mayReadSis) json.sis_user_id = login?.sis_user_id ?? null;
  json.time_zone = resolveTimeZone(row.time_zone ?? root.default_time_zone ?? CANVAS_DEFAULT_TIME_ZONE).iana;
  json.locale = row.locale;
  if (isSelf) {
    const settings = accountSettings(root);
    const rootLocale = typeof settings.default_locale === 'string' ? settings.default_locale : null;
    json.effective_locale = row.locale ?? rootLocale ?? CANVAS_DEFAULT_LOCALE;
    json.calendar = { ics: `${ctx.baseUrl}/feeds/calendars/user_${row.uuid}.ics` };
    json.k5_user = false;
    json.use_classic_font_in_k5 = false;
  }
  // The sandbox stores no profile links or registered web services.
  if (options.includes.includes('links')) json.links = [];
  if (options.includes.includes('user_services')) json.user_services = [];
  if (options.includes.includes('uuid')) {
    json.uuid = row.uuid;
    json.past_uuid = null;
  }
  return json;
}

/**
 * What `remove_user` renders: the raw user record, root-wrapped by Rails' model JSON, without the
 * columns Canvas keeps out of it (`uuid`) and without the sandbox's own cached `email`/`last_login`.
 */
export function removedUserJson(row: UserRow): { user: Record<string, unknown> } {
  return {
    user: {
      id: row.id,
      name: row.name,
      sortable_name: row.sortable_name,
      short_name: row.short_name,
      workflow_state: row.workflow_state,
      time_zone: row.time_zone,
      locale: row.locale,
      pronouns: row.pronouns,
      created_at: row.created_at,
      updated_at: row.updated_at,
    },
  };
}

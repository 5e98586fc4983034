import type { RequestContext } from '../http/context.ts';
import type { AccountRow } from '../lookup.ts';
import { type AccountRight, accountRights } from '../permissions.ts';

/**
 * Rails' `ActiveSupport::TimeZone::MAPPING` (friendly name → IANA zone), in Rails' order: Canvas
 * accepts either spelling for an account's zone and names the zone the friendly way.
 */
export const RAILS_TIME_ZONES: ReadonlyArray<readonly [friendly: string, iana: string]> = [
  ['International Date Line West', 'Etc/GMT+12'],
  ['Midway Island', 'Pacific/Midway'],
  ['American Samoa', 'Pacific/Pago_Pago'],
  ['Hawaii', 'Pacific/Honolulu'],
  ['Alaska', 'America/Juneau'],
  ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
  ['Tijuana', 'America/Tijuana'],
  ['Mountain Time (US & Canada)', 'America/Denver'],
  ['Arizona', 'America/Phoenix'],
  ['Chihuahua', 'America/Chihuahua'],
  ['Mazatlan', 'America/Mazatlan'],
  ['Central Time (US & Canada)', 'America/Chicago'],
  ['Saskatchewan', 'America/Regina'],
  ['Guadalajara', 'America/Mexico_City'],
  ['Mexico City', 'America/Mexico_City'],
  ['Monterrey', 'America/Monterrey'],
  ['Central America', 'America/Guatemala'],
  ['Eastern Time (US & Canada)', 'America/New_York'],
  ['Indiana (East)', 'America/Indiana/Indianapolis'],
  ['Bogota', 'America/Bogota'],
  ['Lima', 'America/Lima'],
  ['Quito', 'America/Lima'],
  ['Atlantic Time (Canada)', 'America/Halifax'],
  ['Caracas', 'America/Caracas'],
  ['La Paz', 'America/La_Paz'],
  ['Santiago', 'America/Santiago'],
  ['Newfoundland', 'America/St_Johns'],
  ['Brasilia', 'America/Sao_Paulo'],
  ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
  ['Montevideo', 'America/Montevideo'],
  ['Georgetown', 'America/Guyana'],
  ['Puerto Rico', 'America/Puerto_Rico'],
  ['Greenland', 'America/Godthab'],
  ['Mid-Atlantic', 'Atlantic/South_Georgia'],
  ['Azores', 'Atlantic/Azores'],
  ['Cape Verde Is.', 'Atlantic/Cape_Verde'],
  ['Dublin', 'Europe/Dublin'],
  ['Edinburgh', 'Europe/London'],
  ['Lisbon', 'Europe/Lisbon'],
  ['London', 'Europe/London'],
  ['Casablanca', 'Africa/Casablanca'],
  ['Monrovia', 'Africa/Monrovia'],
  ['UTC', 'Etc/UTC'],
  ['Belgrade', 'Europe/Belgrade'],
  ['Bratislava', 'Europe/Bratislava'],
  ['Budapest', 'Europe/Budapest'],
  ['Ljubljana', 'Europe/Ljubljana'],
  ['Prague', 'Europe/Prague'],
  ['Sarajevo', 'Europe/Sarajevo'],
  ['Skopje', 'Europe/Skopje'],
  ['Warsaw', 'Europe/Warsaw'],
  ['Zagreb', 'Europe/Zagreb'],
  ['Brussels', 'Europe/Brussels'],
  ['Copenhagen', 'Europe/Copenhagen'],
  ['Madrid', 'Europe/Madrid'],
  ['Paris', 'Europe/Paris'],
  ['Amsterdam', 'Europe/Amsterdam'],
  ['Berlin', 'Europe/Berlin'],
  ['Bern', 'Europe/Zurich'],
  ['Zurich', 'Europe/Zurich'],
  ['Rome', 'Europe/Rome'],
  ['Stockholm', 'Europe/Stockholm'],
  ['Vienna', 'Europe/Vienna'],
  ['West Central Africa', 'Africa/Algiers'],
  ['Bucharest', 'Europe/Bucharest'],
  ['Cairo', 'Africa/Cairo'],
  ['Helsinki', 'Europe/Helsinki'],
  ['Kyiv', 'Europe/Kiev'],
  ['Riga', 'Europe/Riga'],
  ['Sofia', 'Europe/Sofia'],
  ['Tallinn', 'Europe/Tallinn'],
  ['Vilnius', 'Europe/Vilnius'],
  ['Athens', 'Europe/Athens'],
  ['Istanbul', 'Europe/Istanbul'],
  ['Minsk', 'Europe/Minsk'],
  ['Jerusalem', 'Asia/Jerusalem'],
  ['Harare', 'Africa/Harare'],
  ['Pretoria', 'Africa/Johannesburg'],
  ['Kaliningrad', 'Europe/Kaliningrad'],
  ['Moscow', 'Europe/Moscow'],
  ['St. Petersburg', 'Europe/Moscow'],
  ['Volgograd', 'Europe/Volgograd'],
  ['Samara', 'Europe/Samara'],
  ['Kuwait', 'Asia/Kuwait'],
  ['Riyadh', 'Asia/Riyadh'],
  ['Nairobi', 'Africa/Nairobi'],
  ['Baghdad', 'Asia/Baghdad'],
  ['Tehran', 'Asia/Tehran'],
  ['Abu Dhabi', 'Asia/Muscat'],
  ['Muscat', 'Asia/Muscat'],
  ['Baku', 'Asia/Baku'],
  ['Tbilisi', 'Asia/Tbilisi'],
  ['Yerevan', 'Asia/Yerevan'],
  ['Kabul', 'Asia/Kabul'],
  ['Ekaterinburg', 'Asia/Yekaterinburg'],
  ['Islamabad', 'Asia/Karachi'],
  ['Karachi', 'Asia/Karachi'],
  ['Tashkent', 'Asia/Tashkent'],
  ['Chennai', 'Asia/Kolkata'],
  ['Kolkata', 'Asia/Kolkata'],
  ['Mumbai', 'Asia/Kolkata'],
  ['New Delhi', 'Asia/Kolkata'],
  ['Kathmandu', 'Asia/Kathmandu'],
  ['Astana', 'Asia/Dhaka'],
  ['Dhaka', 'Asia/Dhaka'],
  ['Sri Jayawardenepura', 'Asia/Colombo'],
  ['Almaty', 'Asia/Almaty'],
  ['Novosibirsk', 'Asia/Novosibirsk'],
  ['Rangoon', 'Asia/Rangoon'],
  ['Bangkok', 'Asia/Bangkok'],
  ['Hanoi', 'Asia/Bangkok'],
  ['Jakarta', 'Asia/Jakarta'],
  ['Krasnoyarsk', 'Asia/Krasnoyarsk'],
  ['Beijing', 'Asia/Shanghai'],
  ['Chongqing', 'Asia/Chongqing'],
  ['Hong Kong', 'Asia/Hong_Kong'],
  ['Urumqi', 'Asia/Urumqi'],
  ['Kuala Lumpur', 'Asia/Kuala_Lumpur'],
  ['Singapore', 'Asia/Singapore'],
  ['Taipei', 'Asia/Taipei'],
  ['Perth', 'Australia/Perth'],
  ['Irkutsk', 'Asia/Irkutsk'],
  ['Ulaanbaatar', 'Asia/Ulaanbaatar'],
  ['Seoul', 'Asia/Seoul'],
  ['Osaka', 'Asia/Tokyo'],
  ['Sapporo', 'Asia/Tokyo'],
  ['Tokyo', 'Asia/Tokyo'],
  ['Yakutsk', 'Asia/Yakutsk'],
  ['Darwin', 'Australia/Darwin'],
  ['Adelaide', 'Australia/Adelaide'],
  ['Canberra', 'Australia/Melbourne'],
  ['Melbourne', 'Australia/Melbourne'],
  ['Sydney', 'Australia/Sydney'],
  ['Brisbane', 'Australia/Brisbane'],
  ['Hobart', 'Australia/Hobart'],
  ['Vladivostok', 'Asia/Vladivostok'],
  ['Guam', 'Pacific/Guam'],
  ['Port Moresby', 'Pacific/Port_Moresby'],
  ['Magadan', 'Asia/Magadan'],
  ['Srednekolymsk', 'Asia/Srednekolymsk'],
  ['Solomon Is.', 'Pacific/Guadalcanal'],
  ['New Caledonia', 'Pacific/Noumea'],
  ['Fiji', 'Pacific/Fiji'],
  ['Kamchatka', 'Asia/Kamchatka'],
  ['Marshall Is.', 'Pacific/Majuro'],
  ['Auckland', 'Pacific/Auckland'],
  ['Wellington', 'Pacific/Auckland'],
  ["Nuku'alofa", 'Pacific/Tongatapu'],
  ['Tokelau Is.', 'Pacific/Fakaofo'],
  ['Chatham Is.', 'Pacific/Chatham'],
  ['Samoa', 'Pacific/Apia'],
];

const IANA_BY_FRIENDLY = new Map(RAILS_TIME_ZONES.map(([friendly, iana]) => [friendly, iana]));
// Rails' reverse lookup (`MAPPING.key`) answers with the first friendly name listed for a zone.
const FRIENDLY_BY_IANA = new Map<string, string>();
for (const [friendly, iana] of RAILS_TIME_ZONES)
  if (!FRIENDLY_BY_IANA.has(iana)) FRIENDLY_BY_IANA.set(iana, friendly);

/** Canvas's default for a root account that never set a zone (`Account.time_zone_attribute_defaults`). */
export const CANVAS_DEFAULT_TIME_ZONE = 'America/Denver';

export interface ResolvedTimeZone {
  /** `zone.tzinfo.name`, what Canvas puts in `default_time_zone`. */
  iana: string;
  /** The Rails name, or the IANA name where Rails has none. */
  friendly: string;
}

/** A stored zone may be a Rails name (`Mountain Time (US & Canada)`) or an IANA name. */
export function resolveTimeZone(stored: string): ResolvedTimeZone {
  const iana = IANA_BY_FRIENDLY.get(stored);
  if (iana) return { iana, friendly: stored };
  return { iana: stored, friendly: FRIENDLY_BY_IANA.get(stored) ?? stored };
}

/**
 * The account services Canvas exposes in its UI and their defaults (`AccountServices`). Google Drive
 * and Diigo need server configuration the sandbox has not got, and account surveys need Site Admin
 * rights, so Canvas would hide those three here.
 */
export const UI_SERVICE_DEFAULTS: Readonly<Record<string, boolean>> = {
  google_docs_previews: true,
  skype: true,
  avatars: false,
};

/** Shard 1 is the sandbox's only shard (see `lookup.ts`), so global ids carry it. */
const GLOBAL_ID_SHARD_OFFSET = 10_000_000_000_000;

const DEFAULT_TERMS_OF_USE_URL = 'https://www.instructure.com/policies/terms-of-use-canvas';
const DEFAULT_PRIVACY_POLICY_URL = 'https://www.instructure.com/policies/product-privacy-policy';

interface AccountRequestCache {
  rightsByPath: Map<string, Set<AccountRight>>;
  accountsById: Map<number, AccountRow>;
  courseCounts: Map<number, number>;
  subAccountCounts: Map<number, number>;
}

// Per request, so a page of 100 accounts costs one rights lookup and one query per include.
const requestCaches = new WeakMap<RequestContext, AccountRequestCache>();

function cacheFor(ctx: RequestContext): AccountRequestCache {
  let cache = requestCaches.get(ctx);
  if (!cache) {
    cache = {
      rightsByPath: new Map(),
      accountsById: new Map(),
      courseCounts: new Map(),
      subAccountCounts: new Map(),
    };
    requestCaches.set(ctx, cache);
  }
  return cache;
}

/** The caller's rights on the account at `path`, computed once per request; none when anonymous. */
export function cachedAccountRights(ctx: RequestContext, path: string): Set<AccountRight> {
  const cache = cacheFor(ctx);
  let rights = cache.rightsByPath.get(path);
  if (!rights) {
    rights = ctx.user ? accountRights(ctx.db, ctx.user.id, path) : new Set();
    cache.rightsByPath.set(path, rights);
  }
  return rights;
}

/** An account row by id, loaded once per request (roots and parents are asked for over and over). */
export function cachedAccount(ctx: RequestContext, id: number): AccountRow | undefined {
  const cache = cacheFor(ctx);
  let row = cache.accountsById.get(id);
  if (!row) {
    row = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    if (row) cache.accountsById.set(id, row);
  }
  return row;
}

/** Loads many accounts into the request cache with one query (the accounts of a page of courses). */
export function preloadAccounts(ctx: RequestContext, ids: Iterable<number>): void {
  const cache = cacheFor(ctx);
  const missing = [...new Set(ids)].filter((id) => !cache.accountsById.has(id));
  if (missing.length === 0) return;
  const rows = ctx.db
    .prepare('SELECT * FROM accounts WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(missing)) as AccountRow[];
  for (const row of rows) cache.accountsById.set(row.id, row);
}

/** The root account of `row` (itself for a root). */
export function rootAccountOf(ctx: RequestContext, row: AccountRow): AccountRow {
  if (row.root_account_id === null) return row;
  return cachedAccount(ctx, row.root_account_id) ?? row;
}

/** The caller's rights on the root account of `row`: SIS visibility is decided there. */
export function rootAccountRights(ctx: RequestContext, row: AccountRow): Set<AccountRight> {
  return cachedAccountRights(ctx, rootAccountOf(ctx, row).path);
}

/** `Account#default_time_zone`: the account's own zone, else the root's, else Canvas's default. */
export function accountTimeZone(ctx: RequestContext, row: AccountRow): ResolvedTimeZone {
  const stored =
    row.default_time_zone ?? rootAccountOf(ctx, row).default_time_zone ?? CANVAS_DEFAULT_TIME_ZONE;
  return resolveTimeZone(stored);
}

/** An account's settings JSON column, parsed. */
export function accountSettings(row: AccountRow): Record<string, unknown> {
  const parsed: unknown = JSON.parse(row.settings);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** Settings such as `horizon_account` are stored either bare or as a `{value, locked}` pair. */
function settingValue(setting: unknown): unknown {
  if (typeof setting === 'object' && setting !== null && 'value' in setting) {
    return (setting as { value: unknown }).value;
  }
  return setting;
}

function countByGroup(ctx: RequestContext, sql: string, ids: number[]): Map<number, number> {
  const rows = ctx.db.prepare(sql).all(JSON.stringify(ids)) as { id: number; total: number }[];
  const counts = new Map<number, number>(ids.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.id, row.total);
  return counts;
}

const COURSE_COUNT_SQL = `SELECT account_id AS id, COUNT(*) AS total FROM courses
   WHERE account_id IN (SELECT value FROM json_each(?)) AND workflow_state <> 'deleted'
   GROUP BY account_id`;
const SUB_ACCOUNT_COUNT_SQL = `SELECT parent_account_id AS id, COUNT(*) AS total FROM accounts
   WHERE parent_account_id IN (SELECT value FROM json_each(?)) AND workflow_state = 'active'
   GROUP BY parent_account_id`;

/**
 * Counts active courses and active direct sub-accounts for a whole page of accounts with one
 * grouped query each, so that `accountJson` with `course_count`/`sub_account_count` does not query
 * per row. Only the counts named in `includes` are loaded.
 */
export function preloadAccountCounts(
  ctx: RequestContext,
  accountIds: number[],
  includes: readonly string[],
): void {
  if (accountIds.length === 0) return;
  const cache = cacheFor(ctx);
  if (includes.includes('course_count')) {
    for (const [id, total] of countByGroup(ctx, COURSE_COUNT_SQL, accountIds))
      cache.courseCounts.set(id, total);
  }
  if (includes.includes('sub_account_count')) {
    for (const [id, total] of countByGroup(ctx, SUB_ACCOUNT_COUNT_SQL, accountIds)) {
      cache.subAccountCounts.set(id, total);
    }
  }
}

function courseCount(ctx: RequestContext, accountId: number): number {
  const cache = cacheFor(ctx);
  if (!cache.courseCounts.has(accountId)) preloadAccountCounts(ctx, [accountId], ['course_count']);
  return cache.courseCounts.get(accountId) ?? 0;
}

function subAccountCount(ctx: RequestContext, accountId: number): number {
  const cache = cacheFor(ctx);
  if (!cache.subAccountCounts.has(accountId)) preloadAccountCounts(ctx, [accountId], ['sub_account_count']);
  return cache.subAccountCounts.get(accountId) ?? 0;
}

function servicesJson(row: AccountRow): Record<string, boolean> {
  const stored: unknown = JSON.parse(row.services);
  const overrides = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(UI_SERVICE_DEFAULTS).map(([name, enabled]) => {
      const override = overrides[name];
      return [name, typeof override === 'boolean' ? override : enabled];
    }),
  );
}

function registrationSettings(row: AccountRow, settings: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = {
    registration_settings: {
      login_handle_name: typeof settings.login_handle_name === 'string' ? settings.login_handle_name : null,
      require_email: settings.require_email_for_registration === true,
    },
  };
  if (row.root_account_id === null) {
    json.terms_required = settings.account_terms_required !== false;
    json.terms_of_use_url =
      typeof settings.terms_of_use_url === 'string' ? settings.terms_of_use_url : DEFAULT_TERMS_OF_USE_URL;
    json.privacy_policy_url =
      typeof settings.privacy_policy_url === 'string'
        ? settings.privacy_policy_url
        : DEFAULT_PRIVACY_POLICY_URL;
    // Canvas answers with its reCAPTCHA site key only when self-registration captcha is on and a key is
    // configured in its dynamic settings; the sandbox has no such key.
    json.recaptcha_key = null;
  }
  return json;
}

export interface AccountJsonOptions {
  includes?: string[];
  /** The short form Canvas gives callers who may read but not manage the account. */
  readOnly?: boolean;
}

/** `account_json` (`lib/api/v1/account.rb`): the full form, or the read-only one. */
export function accountJson(
  ctx: RequestContext,
  row: AccountRow,
  options: AccountJsonOptions = {},
): Record<string, unknown> {
  const zone = accountTimeZone(ctx, row);
  const isRoot = row.root_account_id === null;
  if (options.readOnly) {
    return {
      id: row.id,
      name: row.name,
      parent_account_id: row.parent_account_id,
      root_account_id: isRoot ? null : row.root_account_id,
      workflow_state: row.workflow_state,
      uuid: row.uuid,
      default_time_zone: zone.iana,
      default_time_zone_friendly_name: zone.friendly,
    };
  }

  const includes = options.includes ?? [];
  const json: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    uuid: row.uuid,
    parent_account_id: row.parent_account_id,
    root_account_id: isRoot ? null : row.root_account_id,
    workflow_state: row.workflow_state,
    default_storage_quota_mb: row.default_storage_quota_mb,
    default_user_storage_quota_mb: row.default_user_storage_quota_mb,
    default_group_storage_quota_mb: row.default_group_storage_quota_mb,
    default_time_zone: zone.iana,
    default_time_zone_friendly_name: zone.friendly,
  };
  if (!isRoot) {
    const rootRights = rootAccountRights(ctx, row);
    if (rootRights.has('read_sis') || rootRights.has('manage_sis')) {
      json.sis_account_id = row.sis_account_id;
      json.integration_id = row.integration_id;
    }
    if (rootRights.has('manage_sis')) json.sis_import_id = row.sis_import_id;
  }
  json.course_template_id = row.course_template_id;

  if (includes.includes('lti_guid')) json.lti_guid = row.lti_guid;
  const settings = accountSettings(row);
  if (includes.includes('registration_settings')) Object.assign(json, registrationSettings(row, settings));
  if (includes.includes('services') && cachedAccountRights(ctx, row.path).has('manage_account_settings')) {
    json.services = servicesJson(row);
  }
  if (includes.includes('course_count')) json.course_count = courseCount(ctx, row.id);
  if (includes.includes('sub_account_count')) json.sub_account_count = subAccountCount(ctx, row.id);
  if (includes.includes('global_id')) json.global_id = GLOBAL_ID_SHARD_OFFSET + row.id;
  if (includes.includes('horizon_account'))
    json.horizon_account = settingValue(settings.horizon_account) === true;
  return json;
}

import {
  STUDENT_TOKEN_MAX_EXPIRY_DAYS,
  TOKEN_HINT_LENGTH,
  TOKEN_PURPOSE_MAX_LENGTH,
} from '../../../api/schemas/token.ts';
import type { Db } from '../db/connection.ts';
import type { CurrentUser } from '../http/auth.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { ApiError, type AttributeError, errors } from '../http/errors.ts';
import { bookmarkLinkHeader, decodeBookmark, encodeBookmark, perPageFor } from '../http/pagination.ts';
import { arrayParam, isHash, type ParamValue, stringParam, toBoolean } from '../http/params.ts';
import { domainRootAccountId, findAccount, findUser, type UserRow } from '../lookup.ts';
import { isOfferedScope } from '../scopes.ts';
import { accountSettings } from '../serializers/account.ts';
import {
  DEFAULT_DEVELOPER_KEY_ID,
  isExpired,
  isManuallyCreated,
  type TokenRow,
  tokenJson,
} from '../serializers/token.ts';
import { callerTimeZone } from '../serializers/user.ts';
import { isoSeconds, parseCanvasDateTime } from '../time.ts';
import { generateToken, hashToken, tokenHint } from '../tokens.ts';

// ---------------------------------------------------------------------------------------------
// Errors particular to TokensController

/** `render_error`: a bare JSON array, not wrapped in `errors`. */
function bareError(message: string): ApiError {
  return new ApiError(400, [{ message }]);
}

/** `require_registered_user` for a JSON request by a user who never confirmed their email. */
function registrationIncomplete(): ApiError {
  return new ApiError(401, {
    status: 'unauthorized',
    message: 'You need to confirm your email address before you can view this page',
  });
}

// ---------------------------------------------------------------------------------------------
// Who may do what (the AccessToken and User policies)

const TOKEN_ADMIN_RIGHTS = [
  'create_access_tokens',
  'delete_access_tokens',
  'view_user_generated_access_tokens',
] as const;
type TokenAdminRight = (typeof TOKEN_ADMIN_RIGHTS)[number];

/**
 * `user.check_accounts_right?(caller, right)` for the three token permissions. They exist only on
 * root accounts (`account_only: :root`), AccountAdmin holds them by default and custom account roles
 * may be granted them; the features that gate them in Canvas count as on in the sandbox. So: the
 * caller's active memberships on the root account, provided the target belongs to that root.
 */
function tokenAdminRights(db: Db, callerId: number, targetUserId: number): Set<TokenAdminRight> {
  const rootId = domainRootAccountId(db);
  const rights = new Set<TokenAdminRight>();
  const memberships = db
    .prepare(
      `SELECT r.name, r.permissions FROM account_users au
       JOIN roles r ON r.id = au.role_id AND r.workflow_state IN ('built_in', 'active')
       WHERE au.user_id = ? AND au.account_id = ? AND au.workflow_state = 'active'`,
    )
    .all(callerId, rootId) as { name: string; permissions: string }[];
  for (const membership of memberships) {
    const granted = JSON.parse(membership.permissions) as Record<string, boolean>;
    for (const right of TOKEN_ADMIN_RIGHTS) {
      if (membership.name === 'AccountAdmin' || granted[right] === true) rights.add(right);
    }
  }
  if (rights.size === 0) return rights;
  const belongsToRoot = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM pseudonyms WHERE user_id = ? AND account_id = ?)
           OR EXISTS (SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
                      WHERE e.user_id = ? AND c.root_account_id = ?)
           OR EXISTS (SELECT 1 FROM account_users au JOIN accounts a ON a.id = au.account_id
                      WHERE au.user_id = ? AND (a.id = ? OR a.root_account_id = ?)) AS belongs`,
    )
    .get(targetUserId, rootId, targetUserId, rootId, targetUserId, rootId, rootId) as { belongs: number };
  return belongsToRoot.belongs === 1 ? rights : new Set();
}

/** Root-account settings are stored bare or as `{value, locked}`. */
function rootSettingOn(db: Db, name: string): boolean {
  const setting = accountSettings(findAccount(db, String(domainRootAccountId(db))))[name];
  if (typeof setting === 'object' && setting !== null && 'value' in setting) return setting.value === true;
  return setting === true;
}

/**
 * The owner's own right to create and update their tokens, which the root account can withdraw:
 * from everyone (`limit_personal_access_tokens`) or from users who are only students and/or
 * observers there (`restrict_personal_access_tokens_from_students`, `User#roles`).
 */
function ownerMayWriteOwnTokens(db: Db, userId: number): boolean {
  if (rootSettingOn(db, 'limit_personal_access_tokens')) return false;
  if (!rootSettingOn(db, 'restrict_personal_access_tokens_from_students')) return true;
  const rootId = domainRootAccountId(db);
  const isAdmin = db
    .prepare(
      `SELECT 1 FROM account_users au JOIN accounts a ON a.id = au.account_id
       WHERE au.user_id = ? AND au.workflow_state = 'active' AND (a.id = ? OR a.root_account_id = ?) LIMIT 1`,
    )
    .get(userId, rootId, rootId);
  if (isAdmin) return true;
  const enrollmentTypes = db
    .prepare(
      `SELECT DISTINCT e.type FROM enrollments e JOIN courses c ON c.id = e.course_id
       WHERE e.user_id = ? AND c.root_account_id = ? AND e.workflow_state = 'active'`,
    )
    .all(userId, rootId) as { type: string }[];
  return enrollmentTypes.some(({ type }) => type !== 'StudentEnrollment' && type !== 'ObserverEnrollment');
}

/** `:create` and `:update` on a token of `owner`, checked against the logged-in caller. */
function mayWriteTokens(db: Db, caller: CurrentUser, owner: UserRow): boolean {
  if (caller.id === owner.id && ownerMayWriteOwnTokens(db, owner.id)) return true;
  return tokenAdminRights(db, caller.id, owner.id).has('create_access_tokens');
}

/**
 * `user_has_only_student_enrollments?`: no admin membership on the root account, at least one
 * non-deleted enrollment, and every one of them a student enrollment.
 */
function hasOnlyStudentEnrollments(db: Db, userId: number): boolean {
  const rootAdmin = db
    .prepare(`SELECT 1 FROM account_users WHERE user_id = ? AND account_id = ? AND workflow_state = 'active'`)
    .get(userId, domainRootAccountId(db));
  if (rootAdmin) return false;
  const counts = db
    .prepare(
      `SELECT COUNT(*) AS total, SUM(type = 'StudentEnrollment') AS students FROM enrollments
       WHERE user_id = ? AND workflow_state <> 'deleted'`,
    )
    .get(userId) as { total: number; students: number | null };
  return counts.total > 0 && counts.students === counts.total;
}

// ---------------------------------------------------------------------------------------------
// Loading the user and the token

/** Every action needs a signed-in user whose registration is complete. */
function registeredCaller(ctx: RequestContext): CurrentUser {
  const caller = ctx.requireUser();
  const row = ctx.db.prepare('SELECT workflow_state FROM users WHERE id = ?').get(caller.id) as
    | { workflow_state: string }
    | undefined;
  if (row?.workflow_state !== 'registered') throw registrationIncomplete();
  return caller;
}

/** The `:user_id` of the path, in any id form; deleted users are not found. */
function pathUser(ctx: RequestContext): UserRow {
  const user = findUser(ctx, ctx.pathParams.user_id ?? '');
  if (user.workflow_state === 'deleted') throw errors.notFound();
  return user;
}

/** Token rows with their developer key's name, which the token JSON shows as `app_name`. */
const TOKEN_SELECT = `SELECT *, (SELECT k.name FROM developer_keys k WHERE k.id = access_tokens.developer_key_id) AS developer_key_name
  FROM access_tokens`;

/**
 * `find_token` among the owner's reachable tokens (`user.access_tokens`: not deleted, and not the
 * sandbox's own sign-in tokens): an `:id` of exactly five characters is tried as a hint first, then
 * anything is tried as a database id (`123` or `1~123`).
 */
function findToken(ctx: RequestContext, owner: UserRow): TokenRow {
  const reference = ctx.pathParams.id ?? '';
  const reachable = `${TOKEN_SELECT}
     WHERE user_id = ? AND workflow_state <> 'deleted' AND developer_key_id IS NOT NULL`;
  let row: TokenRow | undefined;
  // Ruby counts characters, not UTF-16 units.
  if ([...reference].length === TOKEN_HINT_LENGTH) {
    row = ctx.db.prepare(`${reachable} AND token_hint = ? ORDER BY id LIMIT 1`).get(owner.id, reference) as
      | TokenRow
      | undefined;
  }
  const id = /^(?:\d+~)?(\d+)$/.exec(reference)?.[1];
  if (!row && id !== undefined) {
    row = ctx.db.prepare(`${reachable} AND id = ?`).get(owner.id, Number(id)) as TokenRow | undefined;
  }
  if (!row) throw errors.notFound();
  return row;
}

function reloadToken(db: Db, id: number): TokenRow {
  return db.prepare(`${TOKEN_SELECT} WHERE id = ?`).get(id) as TokenRow;
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** `params.require(:token).permit(:purpose, :expires_at, :regenerate, scopes: [])`. */
interface TokenParams {
  /** Present only when the key was sent with a scalar value (null included). */
  purpose?: string | null;
  expiresAt?: string | null;
  regenerate?: ParamValue;
  scopes?: string[];
}

function isPermittedScalar(value: ParamValue | undefined): boolean {
  return value !== undefined && !isHash(value) && !Array.isArray(value);
}

function tokenParams(ctx: RequestContext): TokenParams {
  const given = ctx.params.token;
  if (!isHash(given) || Object.keys(given).length === 0) throw errors.missingParam('token');
  const permitted: TokenParams = {};
  if (isPermittedScalar(given.purpose)) permitted.purpose = stringParam(given.purpose) ?? null;
  if (isPermittedScalar(given.expires_at)) permitted.expiresAt = stringParam(given.expires_at) ?? null;
  if (isPermittedScalar(given.regenerate)) permitted.regenerate = given.regenerate;
  const scopes = arrayParam(given.scopes);
  if (scopes) permitted.scopes = scopes;
  return permitted;
}

/** A datetime as Rails reads it with `Time.zone`: the caller's zone, else the domain root account's. */
function parseDateTime(ctx: RequestContext, text: string): Date | null {
  const root = findAccount(ctx.db, String(domainRootAccountId(ctx.db)));
  return parseCanvasDateTime(text, callerTimeZone(ctx, root));
}

/** The stored value of a given `expires_at`: Rails casts blank and unparsable values to nil. */
function expiryToStore(ctx: RequestContext, value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const parsed = parseDateTime(ctx, value);
  return parsed ? isoSeconds(parsed) : null;
}

const DAY_MS = 86_400_000;

/** Callers who are only students must give an expiry, at most 120 days ahead. */
function checkStudentExpiry(ctx: RequestContext, caller: CurrentUser, params: TokenParams, now: Date): void {
  if (!hasOnlyStudentEnrollments(ctx.db, caller.id)) return;
  // Ruby would crash on a blank value (`Time.zone.parse("")` is nil); it is a missing date here.
  if (params.expiresAt === undefined || params.expiresAt === null || params.expiresAt.trim() === '') {
    throw bareError('Expiration date is required');
  }
  const expiry = parseDateTime(ctx, params.expiresAt);
  if (!expiry) throw bareError('Invalid expiration date format');
  if (expiry.getTime() > now.getTime() + STUDENT_TOKEN_MAX_EXPIRY_DAYS * DAY_MS) {
    throw bareError(
      `Expiration date cannot be more than ${STUDENT_TOKEN_MAX_EXPIRY_DAYS} days in the future`,
    );
  }
}

/** The model's validations: purpose 1–255 characters, scopes only from the default key's list. */
function validateToken(purpose: string | null, scopes: string[]): void {
  const fieldErrors: Record<string, AttributeError[]> = {};
  const length = purpose === null ? 0 : [...purpose].length;
  if (length < 1) fieldErrors.purpose = [{ type: 'too_short', message: 'too_short' }];
  else if (length > TOKEN_PURPOSE_MAX_LENGTH)
    fieldErrors.purpose = [{ type: 'too_long', message: 'too_long' }];
  if (!scopes.every(isOfferedScope))
    fieldErrors.scopes = ['requested scopes must match scopes on developer key'];
  if (Object.keys(fieldErrors).length > 0) throw errors.attributes(400, fieldErrors);
}

// ---------------------------------------------------------------------------------------------
// GET /users/:user_id/user_generated_tokens

interface TokenBookmark {
  createdAt: string;
  id: number;
}

/** `SimpleBookmarker(AccessToken, :created_at, :id)`: the row a page continues after. */
function decodeTokenBookmark(raw: string | undefined): TokenBookmark | null {
  const value = decodeBookmark(raw);
  if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) {
    return { createdAt: value[0], id: value[1] as number };
  }
  return null;
}

const encodeTokenBookmark = (row: TokenRow) => encodeBookmark([row.created_at, row.id]);

function listUserGeneratedTokens(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  const owner = pathUser(ctx);
  if (
    caller.id !== owner.id &&
    !tokenAdminRights(ctx.db, caller.id, owner.id).has('view_user_generated_access_tokens')
  ) {
    throw errors.unauthorized();
  }
  const perPage = perPageFor(ctx.params);
  const after = decodeTokenBookmark(stringParam(ctx.params.page));
  const manualTokens = `${TOKEN_SELECT}
     WHERE user_id = ? AND developer_key_id = ? AND workflow_state <> 'deleted'`;
  const rows = after
    ? (ctx.db
        .prepare(
          `${manualTokens} AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`,
        )
        .all(
          owner.id,
          DEFAULT_DEVELOPER_KEY_ID,
          after.createdAt,
          after.createdAt,
          after.id,
          perPage + 1,
        ) as TokenRow[])
    : (ctx.db
        .prepare(`${manualTokens} ORDER BY created_at, id LIMIT ?`)
        .all(owner.id, DEFAULT_DEVELOPER_KEY_ID, perPage + 1) as TokenRow[]);
  const hasNext = rows.length > perPage;
  const items = hasNext ? rows.slice(0, perPage) : rows;
  const last = items[items.length - 1];
  const current = after ? encodeBookmark([after.createdAt, after.id]) : 'first';
  const next = hasNext && last ? encodeTokenBookmark(last) : null;
  const now = new Date();
  return {
    body: items.map((row) => tokenJson(row, { now })),
    // Canvas builds these links from a path helper, so they are host-relative.
    headers: { Link: bookmarkLinkHeader({ ...ctx, baseUrl: '' }, perPage, current, next) },
  };
}

// ---------------------------------------------------------------------------------------------
// GET /users/:user_id/tokens/:id

function showToken(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  const owner = pathUser(ctx);
  const token = findToken(ctx, owner);
  const mayRead =
    caller.id === owner.id ||
    (isManuallyCreated(token) &&
      tokenAdminRights(ctx.db, caller.id, owner.id).has('view_user_generated_access_tokens'));
  if (!mayRead) throw errors.unauthorized();
  return { body: tokenJson(token) };
}

// ---------------------------------------------------------------------------------------------
// POST /users/:user_id/tokens

function createToken(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  const owner = pathUser(ctx);
  const params = tokenParams(ctx);
  if (!('purpose' in params)) throw bareError('token[purpose] is missing');
  if (!mayWriteTokens(ctx.db, caller, owner)) throw errors.unauthorized();
  const now = new Date();
  checkStudentExpiry(ctx, caller, params, now);
  const purpose = params.purpose ?? null;
  const scopes = params.scopes ?? [];
  validateToken(purpose, scopes);
  const secret = generateToken();
  const stamp = isoSeconds(now);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO access_tokens (user_id, token_hash, token_hint, purpose, scopes, workflow_state,
         permanent_expires_at, developer_key_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      owner.id,
      hashToken(ctx.db, secret),
      tokenHint(secret),
      purpose,
      JSON.stringify(scopes),
      // Made for someone else, a token waits until its owner activates it.
      caller.id === owner.id ? 'active' : 'pending',
      params.expiresAt === undefined ? null : expiryToStore(ctx, params.expiresAt),
      DEFAULT_DEVELOPER_KEY_ID,
      stamp,
      stamp,
    );
  return { body: tokenJson(reloadToken(ctx.db, Number(lastInsertRowid)), { fullToken: secret, now }) };
}

// ---------------------------------------------------------------------------------------------
// PUT /users/:user_id/tokens/:id

function updateToken(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  const owner = pathUser(ctx);
  const token = findToken(ctx, owner);
  // Others are told the token does not exist rather than that they may not touch it.
  if (!mayWriteTokens(ctx.db, caller, owner)) {
    throw caller.id === owner.id ? errors.unauthorized() : errors.notFound();
  }
  const params = tokenParams(ctx);
  const now = new Date();
  let secret: string | undefined;
  let workflowState = token.workflow_state;
  if (toBoolean(params.regenerate) && isManuallyCreated(token)) {
    if (isExpired(token, now) && params.expiresAt === undefined) {
      throw new ApiError(400, {
        errors: { message: 'cannot regenerate an expired token without a new expiration date' },
      });
    }
    secret = generateToken();
    if (caller.id !== owner.id) workflowState = 'pending';
  }
  const purpose = 'purpose' in params ? (params.purpose ?? null) : token.purpose;
  const scopes = params.scopes ?? (JSON.parse(token.scopes) as string[]);
  validateToken(purpose, scopes);
  const expiry =
    params.expiresAt === undefined ? token.permanent_expires_at : expiryToStore(ctx, params.expiresAt);
  ctx.db
    .prepare(
      `UPDATE access_tokens SET purpose = ?, scopes = ?, permanent_expires_at = ?, workflow_state = ?,
         token_hash = ?, token_hint = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(
      purpose,
      JSON.stringify(scopes),
      expiry,
      workflowState,
      secret ? hashToken(ctx.db, secret) : token.token_hash,
      secret ? tokenHint(secret) : token.token_hint,
      isoSeconds(now),
      token.id,
    );
  return { body: tokenJson(reloadToken(ctx.db, token.id), { fullToken: secret, now }) };
}

// ---------------------------------------------------------------------------------------------
// DELETE /users/:user_id/tokens/:id

function deleteToken(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  const owner = pathUser(ctx);
  const token = findToken(ctx, owner);
  const mayDelete =
    caller.id === owner.id || tokenAdminRights(ctx.db, caller.id, owner.id).has('delete_access_tokens');
  if (!mayDelete) throw caller.id === owner.id ? errors.unauthorized() : errors.notFound();
  // A soft delete: the row stays, so the token answers "Revoked access token." from now on.
  ctx.db
    .prepare(`UPDATE access_tokens SET workflow_state = 'deleted', updated_at = ? WHERE id = ?`)
    .run(isoSeconds(new Date()), token.id);
  return { body: tokenJson(reloadToken(ctx.db, token.id)) };
}

// ---------------------------------------------------------------------------------------------
// POST /profile/tokens/:id/activate (a Canvas UI route: the owner accepts a token made for them)

function activateToken(ctx: RequestContext): RouteResult {
  const caller = registeredCaller(ctx);
  // The profile's context is the caller, so only the caller's own tokens are found at all.
  const token = findToken(ctx, findUser(ctx, String(caller.id)));
  if (token.workflow_state !== 'pending') {
    throw new ApiError(400, { errors: { token: ['is already active'] } });
  }
  ctx.db
    .prepare(`UPDATE access_tokens SET workflow_state = 'active', updated_at = ? WHERE id = ?`)
    .run(isoSeconds(new Date()), token.id);
  return { body: tokenJson(reloadToken(ctx.db, token.id)) };
}

export const tokenRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/users/:user_id/user_generated_tokens', handler: listUserGeneratedTokens },
  { method: 'GET', path: '/api/v1/users/:user_id/tokens/:id', handler: showToken },
  { method: 'POST', path: '/api/v1/users/:user_id/tokens', handler: createToken },
  { method: 'PUT', path: '/api/v1/users/:user_id/tokens/:id', handler: updateToken },
  { method: 'DELETE', path: '/api/v1/users/:user_id/tokens/:id', handler: deleteToken },
  { method: 'POST', path: '/profile/tokens/:id/activate', handler: activateToken },
];

import * as z from 'zod';
import { CanvasId, IsoDateTime } from './primitives.ts';

/** `AccessToken::HINT_LENGTH`: a token's hint is its first five characters. */
export const TOKEN_HINT_LENGTH = 5;
/** The model's length validation on `purpose`. */
export const TOKEN_PURPOSE_MAX_LENGTH = 255;
/** Callers whose only enrollments are student ones must set an expiry at most this far ahead. */
export const STUDENT_TOKEN_MAX_EXPIRY_DAYS = 120;

/**
 * `active` tokens authenticate (until `expires_at`), `pending` ones wait for their owner to activate
 * them (made by an admin for someone else), `deleted` ones were revoked. Canvas's public docs also
 * list `disabled`, which the model never sets; it is accepted so a real instance cannot break us.
 */
export const TokenWorkflowState = z.enum(['active', 'pending', 'deleted', 'disabled']);
export type TokenWorkflowState = z.output<typeof TokenWorkflowState>;

/** `url:<METHOD>|<Canvas route>`, e.g. `url:GET|/api/v1/accounts/:account_id/courses`. */
export const TokenScope = z.string().regex(/^url:[A-Z]+\|\/\S*$/, 'Expected url:<METHOD>|/api/v1/...');
export type TokenScope = z.output<typeof TokenScope>;

/**
 * An access token (`token_json`, `lib/api/v1/token.rb`). The secret itself never appears except in
 * `visible_token` right after create or regenerate; otherwise `visible_token` is `"<hint>..."`
 * (null for OAuth tokens). `token_hint` is not a field: read it from `visible_token`.
 */
export const Token = z.looseObject({
  id: CanvasId,
  user_id: CanvasId,
  /** The masquerading admin who created the token, if any. */
  real_user_id: CanvasId.nullable(),
  /** Required on manual tokens; OAuth tokens default to the developer key's name. */
  purpose: z.string().nullable(),
  /** Route scopes; null or empty means the token may call everything its user may. */
  scopes: z.array(z.string()).nullable(),
  /** An OAuth consent concept; null for manual tokens. */
  remember_access: z.boolean().nullable(),
  workflow_state: TokenWorkflowState,
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
  /** Updated at most every few minutes, so it lags real use slightly. */
  last_used_at: IsoDateTime.nullable(),
  /** The hard expiry; null = never. A token past it stays `active` but is refused. */
  expires_at: IsoDateTime.nullable(),
  /** The developer key's name (`"No App"` without one). */
  app_name: z.string(),
  /** The full secret in create/regenerate responses only; `"<hint>..."` otherwise. */
  visible_token: z.string().nullable(),
  /** True for manual tokens that have not expired. */
  can_manually_regenerate: z.boolean(),
});
export type Token = z.output<typeof Token>;

/** `GET /users/:user_id/user_generated_tokens`, one page. */
export const TokenList = z.array(Token);
export type TokenList = z.output<typeof TokenList>;

/** The hint shown in `visible_token` (`"Ab3xQ..."`), or the first characters of a full secret. */
export function tokenHintOf(token: Pick<Token, 'visible_token'>): string | null {
  return token.visible_token === null ? null : token.visible_token.slice(0, TOKEN_HINT_LENGTH);
}

/** True when `visible_token` holds the whole secret (create and regenerate responses only). */
export function isFullSecret(token: Pick<Token, 'visible_token'>): boolean {
  return token.visible_token !== null && !token.visible_token.endsWith('...');
}

import { type Token, tokenHintOf } from '../../../api/schemas/token.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_SOON_DAYS = 7;
export const EXPIRY_WARNING_DAYS = 30;
export const UNUSED_DAYS = 90;

/**
 * What a token is to the person managing it. Canvas keeps an expired token `active` and refuses it
 * at use, so expiry is derived here; `revoked` covers `deleted` (seen only in a delete response)
 * and the documented-but-unused `disabled`.
 */
export const TOKEN_STATES = ['active', 'pending', 'expired', 'revoked'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

/** Warnings worth an admin's attention; a token may carry several. */
export const TOKEN_FLAGS = [
  'expired',
  'expires_within_7_days',
  'expires_within_30_days',
  'unused_90_days',
] as const;
export type TokenFlag = (typeof TOKEN_FLAGS)[number];

export type TokenTimes = Pick<Token, 'workflow_state' | 'expires_at' | 'last_used_at' | 'created_at'>;

export function isExpired(token: Pick<Token, 'expires_at'>, now: Date): boolean {
  return token.expires_at !== null && Date.parse(token.expires_at) <= now.getTime();
}

export function tokenStateOf(token: TokenTimes, now: Date): TokenState {
  if (token.workflow_state === 'deleted' || token.workflow_state === 'disabled') return 'revoked';
  // A pending token past its expiry can never be used, even once activated.
  if (isExpired(token, now)) return 'expired';
  return token.workflow_state;
}

/**
 * The flags of a token: expired; expiring within 7 days, else within 30 (the nearer one only);
 * not used for 90 days, counting from creation when it was never used. Revoked tokens carry none.
 */
export function tokenFlagsOf(token: TokenTimes, now: Date): TokenFlag[] {
  const state = tokenStateOf(token, now);
  if (state === 'revoked') return [];
  if (state === 'expired') return ['expired'];
  const flags: TokenFlag[] = [];
  if (token.expires_at !== null) {
    const remaining = Date.parse(token.expires_at) - now.getTime();
    if (remaining <= EXPIRY_SOON_DAYS * DAY_MS) flags.push('expires_within_7_days');
    else if (remaining <= EXPIRY_WARNING_DAYS * DAY_MS) flags.push('expires_within_30_days');
  }
  const lastActivity = Date.parse(token.last_used_at ?? token.created_at);
  if (now.getTime() - lastActivity >= UNUSED_DAYS * DAY_MS) flags.push('unused_90_days');
  return flags;
}

/** The name a person knows a token by: its purpose (OAuth tokens may lack one: their app's name). */
export function tokenLabelOf(token: Pick<Token, 'purpose' | 'app_name'>): string {
  return token.purpose ?? token.app_name;
}

/** A token with what the table shows and sorts by, computed once per render of the list. */
export interface TokenRow {
  token: Token;
  hint: string | null;
  state: TokenState;
  flags: TokenFlag[];
}

export function toTokenRow(token: Token, now: Date): TokenRow {
  return {
    token,
    hint: tokenHintOf(token),
    state: tokenStateOf(token, now),
    flags: tokenFlagsOf(token, now),
  };
}

export const TOKEN_STATE_LABELS: Record<TokenState, string> = {
  active: 'Active',
  pending: 'Pending',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Short forms for the flags shown inside table cells, where the full labels would wrap. */
export const TOKEN_FLAG_SHORT_LABELS: Record<TokenFlag, string> = {
  expired: 'Expired',
  expires_within_7_days: 'Within 7 days',
  expires_within_30_days: 'Within 30 days',
  unused_90_days: 'Idle 90+ days',
};

export const TOKEN_FLAG_LABELS: Record<TokenFlag, string> = {
  expired: 'Expired',
  expires_within_7_days: 'Expires within 7 days',
  expires_within_30_days: 'Expires within 30 days',
  unused_90_days: 'Unused for 90 days',
};
